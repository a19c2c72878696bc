//! The search syntax, parsed into a tree before any expansion.
//!
//! - Words are optional (OR): every word counts, more matching words rank higher.
//! - `"a phrase"` matches the words in that order.
//! - `+word` must match; `-word` and `NOT word` must not.
//! - `a AND b` makes both sides required; `a OR b` leaves both optional.
//!   `X AND NOT Y` is therefore the same search as `X -Y`.
//! - `( ... )` groups; nesting is limited to [`MAX_DEPTH`] levels.
//! - `field:word`, `field:"phrase"`, `field:[a TO b]` search one field (see
//!   [`FIELDS`]).
//!
//! AND, OR and NOT are operators only in capitals; in lower case they are words.
//! A query that cannot be parsed gives a [`ParseError`] with the column and what to
//! write instead.

/// Deepest nesting of parentheses accepted: deeper queries get an error instead of
/// exhausting the stack.
pub const MAX_DEPTH: usize = 32;

/// Field names a query may use, with what they search.
pub const FIELDS: &[(&str, &str)] = &[
    ("text", "the segment's text"),
    ("item", "the item's heading (alias: heading)"),
    ("title", "the document title"),
    ("number", "the item number as printed, e.g. number:2.1"),
    ("state", "states mentioned (names or ISO3 codes)"),
    ("organisation", "organisations mentioned (alias: org)"),
    ("body", "the body or forum, e.g. body:MASG"),
    ("symbol", "the UN document symbol"),
    (
        "year",
        "the meeting year, e.g. year:2019 or year:[2015 TO 2020]",
    ),
    ("place", "the place of the meeting"),
    ("doc_type", "the document kind (minutes, report, ...)"),
    (
        "amount",
        "money amounts mentioned, e.g. amount:[1000000 TO *]",
    ),
    ("amount_usd_max", "the largest USD amount in the segment"),
];

/// The canonical name of a field as typed (`heading` -> `item`, `org` ->
/// `organisation`), or `None` when it is not a field.
pub fn field_name(typed: &str) -> Option<&'static str> {
    let lower = typed.to_ascii_lowercase();
    let canonical = match lower.as_str() {
        "heading" => "item",
        "org" | "organization" => "organisation",
        other => other,
    };
    FIELDS.iter().map(|(f, _)| *f).find(|f| *f == canonical)
}

/// Whether a clause must, may or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Optional: adds to the score.
    Should,
    /// Required.
    Must,
    /// Excluded.
    MustNot,
}

/// A node of the parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One word as typed (it may still analyse to several tokens: "un-earmarked").
    Word {
        /// Field, when given.
        field: Option<&'static str>,
        /// The word.
        text: String,
    },
    /// A quoted phrase.
    Phrase {
        /// Field, when given.
        field: Option<&'static str>,
        /// The words between the quotes.
        text: String,
    },
    /// A range `field:[a TO b]`, handed to tantivy's parser as written.
    Range {
        /// Field.
        field: &'static str,
        /// `[a TO b]` as typed.
        range: String,
    },
    /// Parenthesised clauses.
    Group(Vec<Clause>),
}

/// A node with its occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Must, should or must not.
    pub occur: Occur,
    /// What it matches.
    pub node: Node,
}

/// Why a query could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based column (in characters) where the problem is.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot read the query at column {}: {}; {}",
            self.column, self.message, self.hint
        )
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    /// `+` or `-` directly before a term.
    Plus,
    Minus,
    Word(String),
    Phrase(String),
    Field(&'static str, FieldValue),
}

#[derive(Debug, Clone, PartialEq)]
enum FieldValue {
    Word(String),
    Phrase(String),
    Range(String),
}

/// Splits the query into tokens, each with its 1-based column.
fn tokenize(q: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_break = |c: char| c.is_whitespace() || c == '(' || c == ')' || c == '"';
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((col, Tok::Open));
            i += 1;
        } else if c == ')' {
            out.push((col, Tok::Close));
            i += 1;
        } else if c == '"' {
            let (text, next) = quoted(&chars, i)?;
            out.push((col, Tok::Phrase(text)));
            i = next;
        } else if (c == '+' || c == '-')
            && chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != ')')
        {
            out.push((col, if c == '+' { Tok::Plus } else { Tok::Minus }));
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && !is_break(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // a field prefix: `field:` then a word, a phrase or a range
            if let Some((name, rest)) = word.split_once(':') {
                let field_like = !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
                    && (!rest.is_empty() || chars.get(i) == Some(&'"'));
                if field_like {
                    let Some(field) = field_name(name) else {
                        return Err(ParseError {
                            column: col,
                            message: format!("'{name}' is not a field"),
                            hint: format!(
                                "fields are {}; to search the words, write `{name} {rest}`",
                                FIELDS
                                    .iter()
                                    .map(|(f, _)| *f)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        });
                    };
                    if rest.is_empty() {
                        let (text, next) = quoted(&chars, i)?;
                        out.push((col, Tok::Field(field, FieldValue::Phrase(text))));
                        i = next;
                    } else if rest.starts_with('[') || rest.starts_with('{') {
                        // a range runs to its closing bracket, spaces included
                        let from = start + name.chars().count() + 1;
                        let Some(end) =
                            (from..chars.len()).find(|&k| chars[k] == ']' || chars[k] == '}')
                        else {
                            return Err(ParseError {
                                column: from + 1,
                                message: "the range is not closed".into(),
                                hint: format!("write `{name}:[LOW TO HIGH]`, `*` for an open end"),
                            });
                        };
                        let range: String = chars[from..=end].iter().collect();
                        out.push((col, Tok::Field(field, FieldValue::Range(range))));
                        i = end + 1;
                    } else {
                        out.push((col, Tok::Field(field, FieldValue::Word(rest.to_string()))));
                    }
                    continue;
                }
            }
            let tok = match word.as_str() {
                "AND" | "&&" => Tok::And,
                "OR" | "||" => Tok::Or,
                "NOT" => Tok::Not,
                // a lone + or - between spaces is punctuation, not an operator
                "+" | "-" => continue,
                _ => Tok::Word(word),
            };
            out.push((col, tok));
        }
    }
    Ok(out)
}

/// The text of the phrase whose opening quote is at `open`, and the index after
/// its closing quote.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), ParseError> {
    let Some(close) = (open + 1..chars.len()).find(|&k| chars[k] == '"') else {
        return Err(ParseError {
            column: open + 1,
            message: "this quote is never closed".into(),
            hint: "close the phrase with another \" or remove the quote".into(),
        });
    };
    Ok((chars[open + 1..close].iter().collect(), close + 1))
}

/// Parses a query. An empty query gives an empty list of clauses.
pub fn parse(q: &str) -> Result<Vec<Clause>, ParseError> {
    let toks = tokenize(q)?;
    let mut pos = 0;
    let clauses = parse_group(&toks, &mut pos, 0)?;
    if let Some((col, _)) = toks.get(pos) {
        return Err(ParseError {
            column: *col,
            message: "this ')' closes no '('".into(),
            hint: "remove it, or add the '(' it closes".into(),
        });
    }
    Ok(clauses)
}

/// One clause before the AND/OR rules are applied.
struct Pending {
    occur: Option<Occur>,
    node: Node,
    /// The connector written before it.
    joined: Option<Tok>,
}

fn parse_group(
    toks: &[(usize, Tok)],
    pos: &mut usize,
    depth: usize,
) -> Result<Vec<Clause>, ParseError> {
    let mut items: Vec<Pending> = Vec::new();
    let mut connector: Option<(usize, Tok)> = None;
    let mut prefix: Option<(usize, Occur)> = None;
    while let Some((col, tok)) = toks.get(*pos) {
        let col = *col;
        match tok {
            Tok::Close => break,
            Tok::And | Tok::Or => {
                let name = if *tok == Tok::And { "AND" } else { "OR" };
                if items.is_empty() || connector.is_some() || prefix.is_some() {
                    return Err(ParseError {
                        column: col,
                        message: format!("{name} needs a term on each side"),
                        hint: format!(
                            "write `a {name} b`, or `{}` to search the word",
                            name.to_lowercase()
                        ),
                    });
                }
                connector = Some((col, tok.clone()));
                *pos += 1;
                continue;
            }
            Tok::Not | Tok::Plus | Tok::Minus => {
                if prefix.is_some() {
                    return Err(ParseError {
                        column: col,
                        message: "two operators in a row".into(),
                        hint: "keep one: `-word`, `+word` or `NOT word`".into(),
                    });
                }
                let occur = if *tok == Tok::Plus {
                    Occur::Must
                } else {
                    Occur::MustNot
                };
                prefix = Some((col, occur));
                *pos += 1;
                continue;
            }
            _ => {}
        }
        let node = match tok {
            Tok::Open => {
                if depth + 1 >= MAX_DEPTH {
                    return Err(ParseError {
                        column: col,
                        message: format!("parentheses nested deeper than {MAX_DEPTH} levels"),
                        hint: "remove the extra parentheses".into(),
                    });
                }
                *pos += 1;
                let inner = parse_group(toks, pos, depth + 1)?;
                if toks.get(*pos).map(|t| &t.1) != Some(&Tok::Close) {
                    return Err(ParseError {
                        column: col,
                        message: "this '(' is never closed".into(),
                        hint: "add a ')' or remove the '('".into(),
                    });
                }
                if inner.is_empty() {
                    return Err(ParseError {
                        column: col,
                        message: "empty parentheses".into(),
                        hint: "put words inside them or remove them".into(),
                    });
                }
                Node::Group(inner)
            }
            Tok::Word(w) => Node::Word {
                field: None,
                text: w.clone(),
            },
            Tok::Phrase(p) => Node::Phrase {
                field: None,
                text: p.clone(),
            },
            Tok::Field(f, FieldValue::Word(w)) => Node::Word {
                field: Some(*f),
                text: w.clone(),
            },
            Tok::Field(f, FieldValue::Phrase(p)) => Node::Phrase {
                field: Some(*f),
                text: p.clone(),
            },
            Tok::Field(f, FieldValue::Range(r)) => Node::Range {
                field: f,
                range: r.clone(),
            },
            // handled above
            _ => break,
        };
        *pos += 1;
        items.push(Pending {
            occur: prefix.take().map(|p| p.1),
            node,
            joined: connector.take().map(|c| c.1),
        });
    }
    if let Some((col, _)) = connector.map(|c| (c.0, ())).or(prefix.map(|p| (p.0, ()))) {
        return Err(ParseError {
            column: col,
            message: "an operator with nothing after it".into(),
            hint: "add the term it applies to, or remove the operator".into(),
        });
    }
    // AND makes its neighbours required (unless excluded); OR leaves them optional
    let mut occurs: Vec<Occur> = items
        .iter()
        .map(|p| p.occur.unwrap_or(Occur::Should))
        .collect();
    for (i, item) in items.iter().enumerate().skip(1) {
        if item.joined == Some(Tok::And) {
            for k in [i - 1, i] {
                if occurs[k] == Occur::Should {
                    occurs[k] = Occur::Must;
                }
            }
        }
    }
    Ok(items
        .into_iter()
        .zip(occurs)
        .map(|(p, occur)| Clause {
            occur,
            node: p.node,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Node {
        Node::Word {
            field: None,
            text: t.into(),
        }
    }

    fn occurs(q: &str) -> Vec<Occur> {
        parse(q)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .iter()
            .map(|c| c.occur)
            .collect()
    }

    #[test]
    fn words_are_optional_and_operators_as_documented() {
        use Occur::*;
        assert_eq!(occurs("mine clearance"), [Should, Should]);
        assert_eq!(occurs("+mine clearance"), [Must, Should]);
        assert_eq!(occurs("clearance -Japan"), [Should, MustNot]);
        assert_eq!(occurs("clearance AND NOT Japan"), [Must, MustNot]);
        assert_eq!(occurs("clearance NOT Japan"), [Should, MustNot]);
        assert_eq!(occurs("a AND b c"), [Must, Must, Should]);
        assert_eq!(occurs("a OR b"), [Should, Should]);
        assert_eq!(occurs("mine-action"), [Should]);
        assert_eq!(occurs("mine - action"), [Should, Should]);
        assert_eq!(occurs("and or not"), [Should, Should, Should]);
    }

    #[test]
    fn phrases_fields_groups_and_ranges() {
        let c = parse(
            "\"mine action\" title:ccm item:\"victim assistance\" (a OR b) amount:[1000 TO *]",
        )
        .unwrap_or_default();
        assert_eq!(c.len(), 5);
        assert_eq!(
            c[0].node,
            Node::Phrase {
                field: None,
                text: "mine action".into()
            }
        );
        assert_eq!(
            c[1].node,
            Node::Word {
                field: Some("title"),
                text: "ccm".into()
            }
        );
        assert_eq!(
            c[2].node,
            Node::Phrase {
                field: Some("item"),
                text: "victim assistance".into()
            }
        );
        assert_eq!(
            c[3].node,
            Node::Group(vec![
                Clause {
                    occur: Occur::Should,
                    node: word("a")
                },
                Clause {
                    occur: Occur::Should,
                    node: word("b")
                }
            ])
        );
        assert_eq!(
            c[4].node,
            Node::Range {
                field: "amount",
                range: "[1000 TO *]".into()
            }
        );
        // a colon that is not a field stays part of the words
        assert_eq!(parse("Article 5: deadline").map(|c| c.len()), Ok(3));
        assert_eq!(parse("").map(|c| c.len()), Ok(0));
    }

    #[test]
    fn errors_say_where_and_what_to_write() {
        for (q, col, hint) in [
            ("\"mine action", 1, "close the phrase"),
            ("mine AND", 6, "add the term"),
            ("AND mine", 1, "a AND b"),
            ("(mine action", 1, "add a ')'"),
            ("mine)", 5, "remove it"),
            ("titel:mine", 1, "titel mine"),
            ("()", 1, "put words"),
            ("a AND OR b", 7, "a OR b"),
            ("amount:[5 TO", 8, "[LOW TO HIGH]"),
        ] {
            let e = parse(q).err().unwrap_or_else(|| panic!("{q} parsed"));
            assert_eq!(e.column, col, "{q}: {e}");
            assert!(e.to_string().contains(hint), "{q}: {e}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let q = format!("{}mine{}", "(".repeat(10_000), ")".repeat(10_000));
        let e = parse(&q).err().map(|e| e.message).unwrap_or_default();
        assert!(e.contains("nested deeper"), "{e}");
        let ok = format!("{}mine{}", "(".repeat(5), ")".repeat(5));
        assert!(parse(&ok).is_ok());
    }
}
