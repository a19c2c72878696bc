//! Full-text search over agenda items: tantivy query syntax, filters, ranked hits
//! with highlighted snippets, facet counts.

use serde_json::json;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Query, QueryParser};
use tantivy::snippet::SnippetGenerator;
use tantivy::DocAddress;

use super::{Filters, QueryError};
use crate::date::Date;
use crate::index::schema::{FACET_BODY, FACET_STATE, FACET_YEAR};
use crate::index::{IndexError, IndexReader};

/// Most hits ranked in memory when sorting by date: beyond it, the best-scoring
/// ones are kept, so a broad query stays fast.
const MAX_DATE_SORTED: usize = 100_000;
/// Characters of text in a snippet.
const SNIPPET_CHARS: usize = 220;
/// Facet values listed per dimension.
const FACET_TOP: usize = 15;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortBy {
    /// Best match first.
    #[default]
    Score,
    /// Meeting date, oldest first (undated records last); ties by score.
    Date,
}

/// A search as asked.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// tantivy query syntax; empty (or `*`) matches every record.
    pub query: String,
    /// Resolved filters.
    pub filters: Filters,
    /// Most hits returned.
    pub limit: usize,
    /// Order of hits.
    pub sort: SortBy,
    /// Count hits by state, body and year.
    pub facets: bool,
}

/// A snippet: text with byte ranges of the matched terms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snippet {
    /// Text, whitespace collapsed.
    pub text: String,
    /// Highlighted byte ranges in `text`.
    pub highlights: Vec<std::ops::Range<usize>>,
}

/// How a snippet's matches are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// ANSI bold (terminals).
    Ansi,
    /// `[..]` markers (pipes, files).
    Brackets,
    /// No marks.
    Plain,
}

impl Snippet {
    /// The snippet with its matches marked.
    pub fn render(&self, style: Highlight) -> String {
        let (open, close) = match style {
            Highlight::Ansi => ("\x1b[1m", "\x1b[0m"),
            Highlight::Brackets => ("[", "]"),
            Highlight::Plain => ("", ""),
        };
        let mut out = String::new();
        let mut at = 0;
        for r in &self.highlights {
            if r.start < at || r.end > self.text.len() {
                continue;
            }
            out.push_str(&self.text[at..r.start]);
            out.push_str(open);
            out.push_str(&self.text[r.clone()]);
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The distinct matched words (case-insensitively), in order of appearance.
    pub fn matched(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for word in self
            .highlights
            .iter()
            .filter_map(|r| self.text.get(r.clone()))
        {
            if !out.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                out.push(word.to_string());
            }
        }
        out
    }

    /// Builds a snippet from text and ranges, collapsing whitespace runs to one
    /// space while moving the ranges along.
    fn collapsed(text: &str, ranges: &[std::ops::Range<usize>]) -> Snippet {
        let mut out = String::with_capacity(text.len());
        let mut map = vec![0usize; text.len() + 1];
        let mut in_space = true;
        for (i, c) in text.char_indices() {
            map[i] = out.len();
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
        }
        map[text.len()] = out.len();
        // bytes inside multibyte chars keep the position of the char start
        for i in 1..=text.len() {
            if !text.is_char_boundary(i) {
                map[i] = map[i - 1];
            }
        }
        let trimmed_len = out.trim_end().len();
        out.truncate(trimmed_len);
        let highlights = ranges
            .iter()
            .filter(|r| r.end <= text.len() && r.start < r.end)
            .map(|r| map[r.start].min(trimmed_len)..map[r.end].min(trimmed_len))
            .filter(|r| r.start < r.end)
            .collect();
        Snippet {
            text: out,
            highlights,
        }
    }
}

/// One ranked hit: an agenda item (segment) of a document.
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// Relevance score (0 for match-all queries).
    pub score: f32,
    /// Document id.
    pub doc_id: String,
    /// Segment ordinal (for `show DOC#ordinal`).
    pub ordinal: usize,
    /// Document title.
    pub title: String,
    /// Body.
    pub body: Option<String>,
    /// Meeting date.
    pub date: Option<Date>,
    /// Item number.
    pub number: Option<String>,
    /// Item title.
    pub item_title: String,
    /// Outline path.
    pub path: String,
    /// "p. 3", when known.
    pub pages: Option<String>,
    /// Matched text.
    pub snippet: Snippet,
    /// States mentioned in the item.
    pub states: Vec<String>,
}

/// Counts of hits by facet value, most frequent first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetCounts {
    /// By state.
    pub states: Vec<(String, u64)>,
    /// By body.
    pub bodies: Vec<(String, u64)>,
    /// By meeting year (by year, not by count).
    pub years: Vec<(String, u64)>,
}

/// What a search returns.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Number of matching records.
    pub total: usize,
    /// The hits, in the requested order.
    pub hits: Vec<SearchHit>,
    /// Facet counts over all matching records, when asked.
    pub facets: Option<FacetCounts>,
}

/// Parses `text` in tantivy query syntax over text, item title and document title
/// (AND between terms by default), combined with the filters.
pub fn build_query(
    reader: &IndexReader,
    text: &str,
    filters: &Filters,
) -> Result<Box<dyn Query>, QueryError> {
    let f = reader.fields();
    let trimmed = text.trim();
    let user: Box<dyn Query> = if trimmed.is_empty() || trimmed == "*" {
        Box::new(AllQuery)
    } else {
        let mut parser = QueryParser::for_index(reader.index(), vec![f.text, f.item, f.title]);
        parser.set_conjunction_by_default();
        // a match in the item's own title says more than one in the document title
        parser.set_field_boost(f.item, 2.0);
        parser.set_field_boost(f.title, 0.5);
        parser
            .parse_query(trimmed)
            .map_err(|e| IndexError::BadQuery {
                query: trimmed.to_string(),
                message: e.to_string(),
            })?
    };
    let clauses = filters.clauses(reader);
    if clauses.is_empty() {
        return Ok(user);
    }
    let mut all = vec![(tantivy::query::Occur::Must, user)];
    all.extend(clauses);
    Ok(Box::new(BooleanQuery::new(all)))
}

/// Runs a search.
pub fn search(reader: &IndexReader, req: &SearchRequest) -> Result<SearchResults, QueryError> {
    let query = build_query(reader, &req.query, &req.filters)?;
    let searcher = reader.searcher();
    let limit = req.limit.max(1);
    let (total, mut scored) = match req.sort {
        SortBy::Score => searcher
            .search(
                &*query,
                &(Count, TopDocs::with_limit(limit).order_by_score()),
            )
            .map_err(|e| reader.err("searching", e))?,
        SortBy::Date => {
            let (total, all) = searcher
                .search(
                    &*query,
                    &(Count, TopDocs::with_limit(MAX_DATE_SORTED).order_by_score()),
                )
                .map_err(|e| reader.err("searching", e))?;
            (total, sort_by_date(reader, all, limit)?)
        }
    };
    scored.truncate(limit);
    let f = reader.fields();
    let mut generator = SnippetGenerator::create(searcher, &*query, f.text)
        .map_err(|e| reader.err("preparing snippets", e))?;
    generator.set_max_num_chars(SNIPPET_CHARS);
    let mut hits = Vec::with_capacity(scored.len());
    for (score, addr) in scored {
        let rec = reader.record(addr)?;
        let raw = generator.snippet(&rec.text);
        let mut snippet = Snippet::collapsed(raw.fragment(), raw.highlighted());
        if snippet.highlights.is_empty() {
            snippet = Snippet::collapsed(&lead(&rec.text), &[]);
        }
        hits.push(SearchHit {
            score,
            states: rec.states(),
            pages: rec.pages(),
            doc_id: rec.doc_id,
            ordinal: rec.ordinal,
            title: rec.title,
            body: rec.body,
            date: rec.date,
            number: rec.number,
            item_title: rec.item_title,
            path: rec.path,
            snippet,
        });
    }
    let facets = if req.facets {
        Some(facet_counts(reader, &*query)?)
    } else {
        None
    };
    Ok(SearchResults {
        total,
        hits,
        facets,
    })
}

/// The first characters of a record's body (after its heading line).
fn lead(text: &str) -> String {
    let body = text.split_once('\n').map_or(text, |(_, rest)| rest);
    let body = if body.trim().is_empty() { text } else { body };
    let mut end = SNIPPET_CHARS.min(body.len());
    while end > 0 && !body.is_char_boundary(end) {
        end -= 1;
    }
    body[..end].to_string()
}

fn sort_by_date(
    reader: &IndexReader,
    scored: Vec<(f32, DocAddress)>,
    limit: usize,
) -> Result<Vec<(f32, DocAddress)>, QueryError> {
    let searcher = reader.searcher();
    let mut keyed = Vec::with_capacity(scored.len());
    let mut columns = Vec::new();
    for seg in searcher.segment_readers() {
        columns.push(seg.fast_fields().date("date").ok());
    }
    for (score, addr) in scored {
        let secs = columns
            .get(addr.segment_ord as usize)
            .and_then(|c| c.as_ref())
            .and_then(|c| c.first(addr.doc_id))
            .map(|d| d.into_timestamp_secs());
        keyed.push((secs.unwrap_or(i64::MAX), score, addr));
    }
    keyed.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then((a.2.segment_ord, a.2.doc_id).cmp(&(b.2.segment_ord, b.2.doc_id)))
    });
    Ok(keyed
        .into_iter()
        .take(limit)
        .map(|(_, s, a)| (s, a))
        .collect())
}

/// Counts matching records by state, body and year.
pub fn facet_counts(reader: &IndexReader, query: &dyn Query) -> Result<FacetCounts, QueryError> {
    let roots = [FACET_STATE, FACET_BODY, FACET_YEAR].map(|r| format!("/{r}"));
    let mut collector = FacetCollector::for_field("facets");
    for r in &roots {
        collector.add_facet(r.as_str());
    }
    let counts = reader
        .searcher()
        .search(query, &collector)
        .map_err(|e| reader.err("counting facets", e))?;
    let list = |root: &str| -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = counts
            .get(root)
            .filter_map(|(facet, n)| facet.to_path().last().map(|s| (s.to_string(), n)))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(FACET_TOP);
        v
    };
    let mut years = list(&roots[2]);
    years.sort();
    Ok(FacetCounts {
        states: list(&roots[0]),
        bodies: list(&roots[1]),
        years,
    })
}

/// One hit as a JSON object (one NDJSON line).
pub fn hit_json(hit: &SearchHit) -> serde_json::Value {
    json!({
        "doc": hit.doc_id,
        "segment": hit.ordinal,
        "score": hit.score,
        "title": hit.title,
        "body": hit.body,
        "date": hit.date,
        "item_number": hit.number,
        "item_title": hit.item_title,
        "path": hit.path,
        "pages": hit.pages,
        "snippet": hit.snippet.text,
        "matched": hit.snippet.matched(),
        "states": hit.states,
    })
}

/// Facet counts as one JSON object (printed as the last NDJSON line with `--facets`).
pub fn facets_json(f: &FacetCounts) -> serde_json::Value {
    let obj = |v: &[(String, u64)]| {
        serde_json::Value::Array(
            v.iter()
                .map(|(k, n)| json!({"value": k, "count": n}))
                .collect(),
        )
    };
    json!({"facets": {"state": obj(&f.states), "body": obj(&f.bodies), "year": obj(&f.years)}})
}

/// A hit as terminal text: rank, title, date, item, page, snippet, states.
pub fn render_hit(rank: usize, hit: &SearchHit, style: Highlight) -> String {
    let mut head = format!("{rank}. {}", hit.title);
    if let Some(d) = hit.date {
        head.push_str(&format!(" ({d})"));
    }
    let item = match &hit.number {
        Some(n) => format!("{n} {}", hit.item_title),
        None => hit.item_title.clone(),
    };
    let mut line2 = format!("   item {item}");
    if let Some(p) = &hit.pages {
        line2.push_str(&format!(", {p}"));
    }
    line2.push_str(&format!("  [{}#{}]", hit.doc_id, hit.ordinal));
    let mut out = format!("{head}\n{line2}\n   {}\n", hit.snippet.render(style));
    if !hit.states.is_empty() {
        out.push_str(&format!("   states: {}\n", hit.states.join(", ")));
    }
    out
}

/// Facet counts as terminal text.
pub fn render_facets(f: &FacetCounts) -> String {
    let mut out = String::new();
    for (name, v) in [
        ("state", &f.states),
        ("body", &f.bodies),
        ("year", &f.years),
    ] {
        let items: Vec<String> = v.iter().map(|(k, n)| format!("{k} ({n})")).collect();
        out.push_str(&format!(
            "{name}: {}\n",
            if items.is_empty() {
                "-".to_string()
            } else {
                items.join(", ")
            }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_collapse_space_and_keep_marks() {
        let s = Snippet::collapsed("funding\n  gaps  remain ", &[0..7, 10..14]);
        assert_eq!(s.text, "funding gaps remain");
        assert_eq!(s.render(Highlight::Brackets), "[funding] [gaps] remain");
        assert_eq!(
            s.render(Highlight::Ansi),
            "\x1b[1mfunding\x1b[0m \x1b[1mgaps\x1b[0m remain"
        );
        assert_eq!(s.matched(), vec!["funding", "gaps"]);
        let twice = Snippet::collapsed("Gap and gap", &[0..3, 8..11]);
        assert_eq!(twice.matched(), vec!["Gap"]);
        let one: std::ops::Range<usize> = 7..15;
        let s = Snippet::collapsed("Côte  d'Ivoire", std::slice::from_ref(&one));
        assert_eq!(s.render(Highlight::Brackets), "Côte [d'Ivoire]");
    }
}
