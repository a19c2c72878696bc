//! The workbench in headless Chromium, driven over WebDriver: type a query, click
//! a facet, page through results, open a document at a cited item, open a state
//! page and download its CSV, and show a record's `<script>` as text. Screenshots
//! of each page go to `target/serve-screenshots/`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::serve_support::start;
use crate::serve_webdriver::{self, Browser};

fn shots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/serve-screenshots")
}

fn total(b: &Browser) -> u64 {
    let text = b.text(&b.find("#total strong"));
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("total '{text}'"))
}

#[test]
fn a_researcher_searches_filters_pages_cites_and_downloads() {
    let Some(server) = start() else { return };
    let downloads = tempfile::tempdir().expect("tempdir");
    let Some(b) = serve_webdriver::start(downloads.path()) else {
        return;
    };
    let base = format!("http://{}", server.addr);

    // type a query
    b.goto(&format!("{base}/"));
    let q = b.find("#q");
    b.type_into(&q, "mine\u{E007}");
    b.wait_for("the results of 'mine'", |b| b.url().contains("q=mine"));
    let all = total(&b);
    assert!(all > 3, "{all}");
    assert!(b.find_all("#hits .hit").len() >= 3);
    assert!(b.find_all("#hits mark").len() >= 3, "highlighted snippets");
    b.screenshot(&shots().join("search.png"));

    // the syntax help is one click away
    b.click(&b.find("#syntax-help summary"));
    assert!(b.text(&b.find("#syntax-help")).contains("exact phrase"));

    // click a state facet: the search narrows to its count, the URL holds it
    let facet = b.find("section[data-facet=state] a.facet-link");
    let value = b.attr(&facet, "data-value").expect("facet value");
    let count: u64 = b
        .eval("return Number(document.querySelector('section[data-facet=state] a.facet-link').parentNode.querySelector('.count').textContent)")
        .as_u64()
        .expect("facet count");
    b.click(&facet);
    let wanted = format!("state={}", agendex::serve::urls::encode_component(&value));
    b.wait_for("the state filter", |b| b.url().contains(&wanted));
    assert_eq!(total(&b), count, "facet {value}");
    assert!(b.text(&b.find("#active-filters")).contains(&value));
    assert_eq!(
        b.attr(&b.find("#f-state"), "value").as_deref(),
        Some(value.as_str())
    );
    b.screenshot(&shots().join("search-facet.png"));

    // page through everything (5 per page), then back
    b.goto(&format!("{base}/search?q=*&per_page=5"));
    let first_page: Vec<String> = b
        .find_all("#hits .hit-title")
        .iter()
        .map(|e| b.attr(e, "href").unwrap_or_default())
        .collect();
    b.click(&b.find("a.page-next"));
    b.wait_for("page 2", |b| b.url().contains("page=2"));
    assert_eq!(b.text(&b.find(".page-current")), "2");
    let second_page: Vec<String> = b
        .find_all("#hits .hit-title")
        .iter()
        .map(|e| b.attr(e, "href").unwrap_or_default())
        .collect();
    assert_eq!(second_page.len(), 5);
    assert!(second_page.iter().all(|h| !first_page.contains(h)));
    b.eval("history.back(); return 0");
    b.wait_for("back on page 1", |b| !b.url().contains("page=2"));

    // open a document at a cited item: "funding gaps" is item 5 of seed 000
    b.goto(&format!("{base}/search?q=%22funding+gaps%22"));
    let cite = b.find("#hits .hit a.cite");
    let label = b.text(&cite);
    let href = b.attr(&cite, "href").expect("href");
    assert!(
        href.ends_with(&format!("/doc/{}", label.trim_matches(['[', ']']))),
        "the citation {label} is the URL {href}"
    );
    assert!(label.contains(&server.index.id("000")), "{label}");
    b.click(&b.find("#hits .hit-title"));
    b.wait_for("the document", |b| b.url().contains("/doc/"));
    let segment = href.rsplit('#').next().unwrap_or_default().to_string();
    assert_eq!(
        b.eval("return document.querySelector(':target').id")
            .as_str(),
        Some(segment.as_str())
    );
    let item = b.text(&b.find(&format!("section.item[id='{segment}'] h2")));
    assert!(item.starts_with("5 "), "{item}");
    assert!(b
        .text(&b.find(&format!("section.item[id='{segment}'] .item-text")))
        .contains("funding gap"));
    assert!(!b.find_all("mark.ent-state").is_empty());
    b.screenshot(&shots().join("document.png"));

    // a state page, its SVG timeline, and its CSV download
    b.goto(&format!("{base}/summary?state=Japan&as_of=2016-01-01"));
    assert!(b.text(&b.find("h1")).contains("Japan"));
    assert!(!b.find_all("#plot-mentions g.bar").is_empty());
    assert!(b.text(&b.find("#money")).contains("14,000,000"));
    b.screenshot(&shots().join("summary.png"));
    b.click(&b.find("#download-csv"));
    let saved = downloads.path().join("summary-Japan.csv");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !saved.is_file() {
        assert!(
            Instant::now() < deadline,
            "no CSV in {}",
            downloads.path().display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let csv = std::fs::read_to_string(&saved).expect("read CSV");
    let served = server.get("/summary.csv?state=Japan&as_of=2016-01-01").body;
    assert_eq!(csv, served);
    assert!(csv.starts_with("section,"), "{csv}");

    // the entities page
    b.goto(&format!("{base}/entities?type=state"));
    assert!(b.text(&b.find("#entities")).contains("Japan"));
    b.screenshot(&shots().join("entities.png"));
}

#[test]
fn a_record_with_a_script_tag_shows_it_as_text() {
    let Some(server) = start() else { return };
    let downloads = tempfile::tempdir().expect("tempdir");
    let Some(b) = serve_webdriver::start(downloads.path()) else {
        return;
    };
    let base = format!("http://{}", server.addr);
    b.goto(&format!("{base}/search?q=onerror"));
    assert_eq!(total(&b), 1);
    b.click(&b.find("#hits .hit-title"));
    b.wait_for("the document", |b| b.url().contains("/doc/"));
    // an alert() would have left a dialog open and failed every command after it
    let text = b.text(&b.find("article.document"));
    assert!(text.contains("<script>alert('x')</script>"), "{text}");
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert_eq!(b.eval("return document.scripts.length").as_u64(), Some(0));
    assert_eq!(
        b.eval("return document.querySelectorAll('article img, article b').length")
            .as_u64(),
        Some(0)
    );
    b.screenshot(&shots().join("script-as-text.png"));
}
