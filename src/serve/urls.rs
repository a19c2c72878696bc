//! Links: percent-encoding, query strings, and the URL of a citation.
//!
//! A citation `[DOC#N]` as the CLI prints it (`agendex show DOC#N`) is the URL
//! `/doc/DOC#N`: the document page with item N as its anchor.

/// Percent-encodes `s` for a query-string value (RFC 3986 unreserved kept).
pub fn encode_component(s: &str) -> String {
    encode(s, false)
}

/// Percent-encodes a path, keeping `/` between its segments.
pub fn encode_path(s: &str) -> String {
    encode(s, true)
}

fn encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let plain = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && b == b'/');
        if plain {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `?k=v&k2=v2` from the pairs whose value is not empty ("" when none is).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The document page.
pub fn doc_url(doc: &str) -> String {
    format!("/doc/{}", encode_path(doc))
}

/// The URL of an item: the citation `DOC#N` under `/doc/`.
pub fn item_url(doc: &str, segment: usize) -> String {
    format!("{}#{segment}", doc_url(doc))
}

/// The anchor id of a numbered paragraph of item `segment`.
pub fn para_anchor(segment: usize, para: &str) -> String {
    let clean: String = para.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("{segment}-p{clean}")
}

/// A state's summary page.
pub fn state_url(state: &str) -> String {
    format!("/summary{}", query_string(&[("state", state.to_string())]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_values_and_paths() {
        assert_eq!(encode_component("a b&c/é"), "a%20b%26c%2F%C3%A9");
        assert_eq!(encode_path("seeds/a b.txt"), "seeds/a%20b.txt");
        assert_eq!(
            query_string(&[("q", "mine".into()), ("state", String::new())]),
            "?q=mine"
        );
        assert_eq!(item_url("x/y.txt", 3), "/doc/x/y.txt#3");
        assert_eq!(para_anchor(3, "(a)"), "3-pa");
    }
}
