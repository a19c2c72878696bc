//! Snippets: the passage of a record where the query's words, phrases and
//! synonyms occur most, with each match marked. A phrase or a multi-word name is
//! marked as one span, never word by word; words of a phrase found apart are not
//! marked.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::index::text_analyzer::FusedAnalyzer;

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
    pub fn collapsed(text: &str, ranges: &[std::ops::Range<usize>]) -> Snippet {
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

/// The passage of `text` (about `chars` bytes) holding the most matches of
/// `units` (each a sequence of stems, matched on consecutive words), or `None`
/// when nothing matches.
pub fn best_passage(text: &str, units: &[Vec<String>], chars: usize) -> Option<Snippet> {
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if let Some(first) = u.first() {
            by_first.entry(first.as_str()).or_default().push(i);
        }
    }
    if by_first.is_empty() {
        return None;
    }
    let mut analyzer = TextAnalyzer::from(FusedAnalyzer::english());
    let mut toks: Vec<(usize, String, usize, usize)> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        toks.push((t.position, t.text.clone(), t.offset_from, t.offset_to));
    }
    // (range, unit) of every match; a longer unit wins where two start together
    let mut found: Vec<(Range<usize>, usize)> = Vec::new();
    for (i, (pos, stem, from, _)) in toks.iter().enumerate() {
        let Some(cands) = by_first.get(stem.as_str()) else {
            continue;
        };
        let mut best: Option<(usize, usize)> = None;
        for &u in cands {
            let unit = &units[u];
            let ok = unit
                .iter()
                .enumerate()
                .all(|(k, s)| toks.get(i + k).is_some_and(|t| t.1 == *s && t.0 == pos + k));
            if ok && best.is_none_or(|b| unit.len() > units[b.0].len()) {
                best = Some((u, i + unit.len() - 1));
            }
        }
        if let Some((u, last)) = best {
            found.push((*from..toks[last].3, u));
        }
    }
    // drop matches inside an earlier, longer one
    let mut matches: Vec<(Range<usize>, usize)> = Vec::new();
    for m in found {
        if matches.last().is_some_and(|l| m.0.start < l.0.end) {
            continue;
        }
        matches.push(m);
    }
    if matches.is_empty() {
        return None;
    }
    // the window starting at a match that covers the most distinct units, then
    // the most matches
    let mut best = (0usize, 0usize, 0usize);
    for (i, m) in matches.iter().enumerate() {
        let end = m.0.start + chars;
        let inside: Vec<&(Range<usize>, usize)> =
            matches[i..].iter().take_while(|x| x.0.end <= end).collect();
        let mut distinct: Vec<usize> = inside.iter().map(|x| x.1).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let key = (distinct.len(), inside.len());
        if key > (best.0, best.1) {
            best = (key.0, key.1, i);
        }
    }
    let first = &matches[best.2].0;
    // a little context before the first match, cut at a space
    let mut start = first.start.saturating_sub(chars / 5);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    if let Some(sp) = text[start..first.start].find(char::is_whitespace) {
        if start > 0 {
            start += sp;
        }
    }
    let mut end = (start + chars).min(text.len()).max(first.end);
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        if let Some(sp) = text[first.end.max(start)..end].rfind(char::is_whitespace) {
            end = first.end.max(start) + sp;
        }
    }
    let ranges: Vec<Range<usize>> = matches
        .iter()
        .filter(|m| m.0.start >= start && m.0.end <= end)
        .map(|m| m.0.start - start..m.0.end - start)
        .collect();
    Some(Snippet::collapsed(&text[start..end], &ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn phrases_are_marked_whole_and_only_together() {
        let text = "Funding remains low. The funding gaps identified by States were large.";
        let units = vec![stems(&["fund", "gap"])];
        let s = best_passage(text, &units, 200).unwrap_or_default();
        assert_eq!(
            s.render(Highlight::Brackets),
            "Funding remains low. The [funding gaps] identified by States were large."
        );
        let units = vec![stems(&["unit", "kingdom"]), stems(&["uk"])];
        let s = best_passage("the UK and the United Kingdom", &units, 200).unwrap_or_default();
        assert_eq!(
            s.render(Highlight::Brackets),
            "the [UK] and the [United Kingdom]"
        );
        assert!(best_passage("nothing here", &units, 200).is_none());
    }
}
