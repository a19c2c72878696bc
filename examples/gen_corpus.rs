//! Writes a synthetic corpus of meeting records, deterministic by seed, for
//! benchmarks and tests at scale:
//!
//! ```text
//! cargo run --release --example gen_corpus -- --records 20000 --seed 7 OUT_DIR
//! ```
//!
//! Records imitate the real ones (see ../shared/seeds): MASG minutes with parts
//! and numbered items, APMBC working papers with a document symbol and numbered
//! paragraphs, CCM informal meeting summaries with key points and sub-items, and
//! CCW reports in Markdown. Bodies, years, states, organisations, amounts, dates,
//! deadlines and requests vary from record to record; record `i` depends only on
//! the seed and `i`, so one record can be regenerated (or edited) alone.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, good enough for text variety, and stable across platforms.
pub struct Rng(u64);

impl Rng {
    /// A generator for record `i` of corpus `seed`.
    pub fn for_record(seed: u64, i: u64) -> Rng {
        let mut r = Rng(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const STATES: &[&str] = &[
    "Afghanistan",
    "Algeria",
    "Angola",
    "Australia",
    "Austria",
    "Belgium",
    "Bosnia and Herzegovina",
    "Cambodia",
    "Canada",
    "Chile",
    "Colombia",
    "Croatia",
    "Ecuador",
    "Ethiopia",
    "Germany",
    "Iraq",
    "Japan",
    "Lao People's Democratic Republic",
    "Montenegro",
    "Mozambique",
    "the Netherlands",
    "Norway",
    "Peru",
    "Senegal",
    "Serbia",
    "Sri Lanka",
    "Sudan",
    "Sweden",
    "Switzerland",
    "Tajikistan",
    "Thailand",
    "the United Kingdom",
    "the United States",
    "Yemen",
    "Zimbabwe",
];
const DONORS: &[&str] = &[
    "Australia",
    "Canada",
    "Germany",
    "Japan",
    "the Netherlands",
    "Norway",
    "Sweden",
    "Switzerland",
    "the United Kingdom",
    "the United States",
    "the European Union",
];
const ORGS: &[&str] = &[
    "the GICHD",
    "UNMAS",
    "UNDP",
    "the ICBL",
    "the ICRC",
    "the HALO Trust",
    "Mines Advisory Group (MAG)",
    "Norwegian People's Aid",
    "Handicap International",
    "the OAS",
    "the Implementation Support Unit",
];
const PEOPLE: &[&str] = &[
    "Ambassador Misako Kaji",
    "Mr Ian Mansfield",
    "Ms Sara Sekkenes",
    "Mr Alexander Titov",
    "Ambassador Steffen Kongstad",
    "Ms Hiba Ali",
    "Dr Kasia Lopez",
    "Mr Juan Carlos Ruan",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const PLACES: &[&str] = &[
    "Geneva",
    "New York",
    "Vienna",
    "Maputo",
    "Cartagena",
    "Phnom Penh",
    "Santiago",
    "Dubrovnik",
];
const TOPICS: &[&str] = &[
    "mine clearance",
    "victim assistance",
    "stockpile destruction",
    "risk education",
    "land release",
    "national capacity building",
    "information management",
    "survey of suspected hazardous areas",
    "cluster munition remnants clearance",
    "gender and diversity in mine action",
];
const ITEM_TITLES: &[&str] = &[
    "Welcoming Remarks",
    "Adoption of the agenda",
    "Discussion on MASG matters",
    "Update from the MASG Secretariat",
    "Updates from MASG Observers",
    "Presentation on the Landmine Monitor",
    "Resource mobilisation",
    "Country presentations",
    "Victim assistance",
    "Mine risk education",
    "Status of implementation of Article 5",
    "Requests for extension of deadlines",
    "International cooperation and assistance",
    "Transparency measures",
    "Any other business",
    "Date and venue of the next meeting",
];

fn money(r: &mut Rng) -> String {
    let n = r.range(1, 95);
    match r.range(0, 5) {
        0 => format!("${n} million"),
        1 => format!("USD {}.{} million", n, r.range(1, 9)),
        2 => format!("EUR {},000", r.range(100, 950)),
        3 => format!("approximately US$ {n} million per year"),
        4 => format!("CHF {}", r.range(10, 990) * 1000),
        _ => format!("£{n} million"),
    }
}

fn date(r: &mut Rng, year: u64) -> String {
    let m = r.pick(MONTHS);
    match r.range(0, 3) {
        0 => format!("{} {m} {year}", r.range(1, 28)),
        1 => {
            let a = r.range(1, 20);
            format!("{a} - {} {m} {year}", a + r.range(1, 4))
        }
        2 => format!("{m} {year}"),
        _ => format!("{} {m} {}", r.range(1, 28), year + 1),
    }
}

/// A date with its preposition: "on 5 May 2019", "from 1 - 5 March 2015", "in June 2019".
fn on_date(r: &mut Rng, year: u64) -> String {
    let d = date(r, year);
    if d.contains(" - ") {
        format!("from {d}")
    } else if d.starts_with(|c: char| c.is_ascii_digit()) {
        format!("on {d}")
    } else {
        format!("in {d}")
    }
}

fn deadline(r: &mut Rng, year: u64) -> String {
    let y = year + r.range(1, 8);
    let m = r.pick(MONTHS);
    match r.range(0, 3) {
        0 => format!("by {m} {y}"),
        1 => format!("no later than 1 {m} {y}"),
        2 => format!("until {} {m} {y}", r.range(1, 28)),
        _ => format!("extended to {m} {y}"),
    }
}

/// One sentence of running text, with entities in varied forms.
fn sentence(r: &mut Rng, year: u64) -> String {
    let s = r.pick(STATES);
    let d = r.pick(DONORS);
    let o = r.pick(ORGS);
    let t = r.pick(TOPICS);
    match r.range(0, 11) {
        0 => format!(
            "{} requested financial and technical assistance to complete {t} {}.",
            cap(s),
            deadline(r, year)
        ),
        1 => format!(
            "{} announced a contribution of {} to {o} for {t} in {s}.",
            cap(d),
            money(r)
        ),
        2 => format!(
            "{} reported that {} square metres had been released through {t} since {}.",
            cap(s),
            r.range(10, 900) * 1000,
            date(r, year - 1)
        ),
        3 => format!(
            "The representative of {o} noted that funding gaps remained for {t}, estimated at {}.",
            money(r)
        ),
        4 => format!(
            "A workshop on {t} will be held in {} {}.",
            r.pick(PLACES),
            on_date(r, year)
        ),
        5 => format!(
            "{} called on States Parties in a position to do so to support {s} in meeting its obligations under Article 5 {}.",
            r.pick(PEOPLE),
            deadline(r, year)
        ),
        6 => format!(
            "In the discussion, {} and {} stressed the importance of national ownership and of linking {t} with development.",
            d,
            r.pick(STATES)
        ),
        7 => format!(
            "{} thanked {} for its support, which had amounted to {} over the period {}-{}.",
            cap(s),
            d,
            money(r),
            year - 3,
            year - 1
        ),
        8 => format!(
            "There is a need for {s} to submit an updated work plan for {t} {}.",
            deadline(r, year)
        ),
        9 => format!(
            "{} presented the results of its survey in {s}, which found {} suspected hazardous areas.",
            cap(o),
            r.range(12, 2400)
        ),
        10 => format!(
            "The meeting took note of the request by {s} for assistance with {t}, and encouraged donors such as {d} to respond."
        ),
        _ => format!(
            "Participants agreed to continue the discussion on {t} at the next meeting, {}.",
            on_date(r, year)
        ),
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn paragraph(r: &mut Rng, year: u64, sentences: u64) -> String {
    let n = r.range(2, sentences);
    (0..n)
        .map(|_| sentence(r, year))
        .collect::<Vec<_>>()
        .join(" ")
}

fn masg(r: &mut Rng, year: u64) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "\n\nMINUTES\nMINE ACTION SUPPORT GROUP MEETING\n{}, {} {} {year}\n\n",
        r.pick(PLACES).to_uppercase(),
        r.range(1, 28),
        r.pick(MONTHS).to_uppercase()
    );
    let items = r.range(6, 12);
    let part2 = r.range(3, items - 1);
    s.push_str("PART 1: MASG MEMBERS ONLY\n\n");
    for i in 1..=items {
        if i == part2 {
            s.push_str("PART 2: MASG members and Observers\n\n");
        }
        let title = if i == 1 {
            "Welcoming Remarks"
        } else {
            r.pick(ITEM_TITLES)
        };
        let _ = write!(s, "{i}. {title}.\n\n");
        for _ in 0..r.range(2, 4) {
            let _ = write!(s, "{}\n\n", paragraph(r, year, 8));
        }
    }
    s
}

fn apmbc(r: &mut Rng, year: u64) -> String {
    let msp = year.saturating_sub(1999).max(1);
    let mut s = String::new();
    let _ = write!(
        s,
        "\n**Meeting of the States Parties to the Convention\non the Prohibition of the Use, Stockpiling,\nProduction and Transfer of Anti-Personnel\nMines and on Their Destruction**\n\nAPLC/MSP.{msp}/{year}/WP.{}\n\n{}\n\nOriginal: English\n\n{} Meeting\n\n{}, {}\n\nItem {} of the agenda\n\n**{}**\n\nSubmitted by {}\n\n",
        r.range(1, 30),
        date(r, year),
        ordinal(msp),
        r.pick(PLACES),
        date(r, year),
        r.range(5, 15),
        cap(r.pick(TOPICS)),
        r.pick(STATES),
    );
    let mut para = 1;
    for heading in [
        "Background",
        "Current situation",
        "Challenges",
        "Recommendation",
    ] {
        if heading != "Background" && r.chance(30) {
            continue;
        }
        let _ = write!(s, "{heading}\n\n");
        for _ in 0..r.range(3, 8) {
            let _ = writeln!(s, "{para}. {}", paragraph(r, year, 6));
            para += 1;
        }
        s.push('\n');
    }
    s
}

fn ccm(r: &mut Rng, year: u64) -> String {
    let mut s = String::new();
    let (a, b) = (r.pick(STATES), r.pick(STATES));
    let _ = write!(
        s,
        "\n\nInformal meeting on {} under the Convention on Cluster Munitions (CCM)\n\n0815 - 1000, {}, Room M{}, United Nations Office in {}\n\nMEETING SUMMARY\n\n{}, {} and {}, CCM Coordinators on International Cooperation and Assistance, hosted an informal meeting.\n\n1. KEY POINTS RAISED\n\n",
        r.pick(TOPICS),
        date(r, year),
        r.range(1, 9),
        r.pick(PLACES),
        cap(&on_date(r, year)),
        cap(a),
        b
    );
    for _ in 0..r.range(3, 8) {
        let _ = writeln!(s, "- {}", sentence(r, year));
    }
    s.push_str("\n2. DETAILED RECORD OF THE MEETING\n\n");
    let subs = [
        "Introductory Remarks",
        "Presentations by affected States",
        "Donor perspectives",
        "Discussion",
        "Closing Remarks",
    ];
    for (k, title) in subs.iter().take(r.range(3, 5) as usize).enumerate() {
        let _ = write!(s, "2.{} {title}:\n\n", k + 1);
        for _ in 0..r.range(2, 4) {
            let _ = write!(s, "{}\n\n", paragraph(r, year, 7));
        }
    }
    s
}

fn ccw(r: &mut Rng, year: u64) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "# Group of Governmental Experts of the High Contracting Parties to the Convention on Certain Conventional Weapons (CCW)\n\n#### {}, {}\n\n## Report on {}\n\n",
        r.pick(PLACES),
        date(r, year),
        r.pick(TOPICS)
    );
    for section in [
        "Introduction",
        "Organisation of work",
        "Substantive discussion",
        "Conclusions",
    ] {
        let _ = write!(s, "### {section}\n\n");
        for _ in 0..r.range(2, 4) {
            let _ = write!(s, "{}\n\n", paragraph(r, year, 8));
        }
    }
    s
}

fn ordinal(n: u64) -> &'static str {
    const ORD: &[&str] = &[
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
        "Twenty-first",
        "Twenty-second",
        "Twenty-third",
        "Twenty-fourth",
        "Twenty-fifth",
    ];
    ORD[(n.clamp(1, ORD.len() as u64) - 1) as usize]
}

/// Record `i` of corpus `seed`: its path relative to the corpus root, and its text.
pub fn record(seed: u64, i: u64) -> (PathBuf, String) {
    let mut r = Rng::for_record(seed, i);
    let year = r.range(1999, 2024);
    let (body, text, ext) = match r.range(0, 3) {
        0 => ("masg", masg(&mut r, year), "txt"),
        1 => ("apmbc", apmbc(&mut r, year), "txt"),
        2 => ("ccm", ccm(&mut r, year), "txt"),
        _ => ("ccw", ccw(&mut r, year), "md"),
    };
    let path = PathBuf::from(body)
        .join(year.to_string())
        .join(format!("{body}-{year}-{i:06}.{ext}"));
    (path, text)
}

/// Writes records `0..n` under `dir`; returns the bytes written.
pub fn write_corpus(dir: &Path, n: u64, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..n {
        let (rel, text) = record(seed, i);
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

#[allow(dead_code)] // unused when this file is included as a module by benches and tests
fn main() {
    let mut records = 1000u64;
    let mut seed = 7u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--records" => records = args.next().and_then(|v| v.parse().ok()).unwrap_or(records),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "-h" | "--help" => {
                println!("usage: gen_corpus [--records N] [--seed S] OUT_DIR");
                return;
            }
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let Some(out) = out else {
        eprintln!("gen_corpus: give the output folder, e.g. `gen_corpus --records 20000 --seed 7 /tmp/corpus`");
        std::process::exit(2);
    };
    match write_corpus(&out, records, seed) {
        Ok(bytes) => println!(
            "wrote {records} records ({:.1} MB) to {}",
            bytes as f64 / 1e6,
            out.display()
        ),
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
