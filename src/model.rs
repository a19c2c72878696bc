//! The plain data that flows through the pipeline, one stage to the next:
//!
//! ```text
//! file --ingest--> Document --segment--> Vec<Segment> --extract--> Extraction
//!      \________________________ ProcessedDoc ______________________/ --index--> records
//! ```
//!
//! Every span is a byte range into [`Document::text`], the cleaned text that all
//! stages after ingest see, so a mention can always be shown in its context.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// A half-open byte range `start..end` into a document's cleaned text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What kind of file a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain text (`.txt`), possibly with Markdown leftovers of a PDF conversion.
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// A PDF file whose text layer was extracted.
    Pdf,
}

/// How a source line was marked up before cleaning: hints for the segmenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineMark {
    /// A Markdown heading (`#`, `##`, ...) with its depth.
    Heading(u8),
    /// A line that was entirely bold (`**...**`) in the source.
    Bold,
}

/// A marked line of the cleaned text (its span excludes the newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedLine {
    /// The line in the cleaned text.
    pub span: Span,
    /// How the source marked it.
    pub mark: LineMark,
}

/// Document-level metadata, read from the header by rules (and from a PDF's info
/// dictionary where the text lacks it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Title as a reader would cite it.
    pub title: Option<String>,
    /// Body or forum: MASG, APMBC, CCM, CCW, UNGA, ...
    pub body: Option<String>,
    /// Meeting or document date.
    pub date: Option<Date>,
    /// Place of the meeting.
    pub place: Option<String>,
    /// UN document symbol, e.g. `APLC/MSP.10/2010/WP.x`.
    pub symbol: Option<String>,
    /// Kind of record: minutes, summary, report, resolution, paper, ...
    pub doc_type: Option<String>,
    /// Author, where known (PDF info dictionary).
    pub author: Option<String>,
}

/// Quality measures of an extracted text layer (PDF): low scores flag a file for review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TextQuality {
    /// Overall score in 0..=1 (1 is clean text).
    pub score: f32,
    /// Share of characters that are U+FFFD or private-use.
    pub bad_char_ratio: f32,
    /// Share of words that look like several words run together.
    pub run_together_ratio: f32,
    /// Mean word length in characters.
    pub mean_word_len: f32,
}

/// One ingested record: cleaned text plus what ingest learned about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the path relative to the corpus root, with `/` separators.
    pub id: String,
    /// Where the file was read from.
    pub path: PathBuf,
    /// What kind of file it was.
    pub format: SourceFormat,
    /// Cleaned text: Markdown leftovers removed, line structure kept, `\n` line ends.
    pub text: String,
    /// Lines the source marked as headings or bold, in text order.
    pub marks: Vec<MarkedLine>,
    /// Byte offset in `text` where each page starts (page 1 first); empty when the
    /// source has no pages.
    pub page_starts: Vec<usize>,
    /// Metadata known at ingest time (PDF info); the extract stage completes it.
    pub meta: DocMeta,
    /// Text-layer quality, for PDFs.
    pub quality: Option<TextQuality>,
    /// Non-fatal problems met while reading (shown, not fatal).
    pub warnings: Vec<String>,
}

impl Document {
    /// The 1-based page holding byte `offset`, or `None` when the document has no pages.
    pub fn page_of(&self, offset: usize) -> Option<u32> {
        if self.page_starts.is_empty() {
            return None;
        }
        let idx = self.page_starts.partition_point(|&s| s <= offset);
        Some(idx.max(1) as u32)
    }

    /// The text covered by `span` (empty if the span is out of range or splits a char).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// What a segment is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Text before the first heading.
    FrontMatter,
    /// "PART 1: ..."
    Part,
    /// A numbered agenda item or section: "1. Welcoming Remarks."
    Item,
    /// A numbered sub-item: "2.1 Introductory Remarks:"
    SubItem,
    /// An unnumbered heading: Markdown `#`, a bold line, "Background".
    Heading,
    /// An annex or attachment heading.
    Annex,
}

/// A numbered paragraph inside a segment's body: body text, kept as a citation anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph number as printed: "12", "(a)".
    pub number: String,
    /// The paragraph text, number included.
    pub span: Span,
}

/// One node of a document's outline: an agenda item, section or heading with its body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Position in the document's segment list (0-based, text order).
    pub ordinal: usize,
    /// What it is.
    pub kind: SegmentKind,
    /// Enumerator as printed, without punctuation: "PART 1", "2.1", "10".
    pub number: Option<String>,
    /// Title without enumerator or trailing punctuation ("(front matter)" for front matter).
    pub title: String,
    /// Depth in the logical outline: 0 front matter, 1 top level, 2 below it, ...
    pub level: u8,
    /// Ordinal of the parent segment.
    pub parent: Option<usize>,
    /// The heading line (empty for front matter).
    pub heading: Span,
    /// The segment's own body: from after the heading to the next segment's heading.
    pub body: Span,
    /// Numbered paragraphs found in the body.
    pub paragraphs: Vec<Paragraph>,
}

impl Segment {
    /// Whole extent: heading and body.
    pub fn extent(&self) -> Span {
        Span::new(self.heading.start.min(self.body.start), self.body.end)
    }

    /// Titles of the ancestors, outermost first, then this segment's own title.
    pub fn path<'a>(&'a self, all: &'a [Segment]) -> Vec<&'a str> {
        let mut chain = vec![self.title.as_str()];
        let mut cur = self.parent;
        // bounded walk: a malformed parent chain must not loop forever
        while let Some(p) = cur {
            if chain.len() > all.len() {
                break;
            }
            match all.get(p) {
                Some(seg) => {
                    chain.push(seg.title.as_str());
                    cur = seg.parent;
                }
                None => break,
            }
        }
        chain.reverse();
        chain
    }

    /// The number of the numbered paragraph holding byte `offset` ("12", "(a)"),
    /// the anchor UN documents are cited by.
    pub fn paragraph_at(&self, offset: usize) -> Option<&str> {
        self.paragraphs
            .iter()
            .rev()
            .find(|q| q.span.start <= offset && offset < q.span.end.max(q.span.start + 1))
            .map(|q| q.number.as_str())
    }

    /// "PART 1", "2.1 Introductory Remarks" style label for display.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.title),
            None => self.title.clone(),
        }
    }
}

/// A sentence of running text (or one list item), inside one segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence text.
    pub span: Span,
    /// Ordinal of the segment holding it.
    pub segment: usize,
}

/// A normalised amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    /// The amount (the lower bound of a range).
    pub value: f64,
    /// Upper bound of a range ("between USD 2 and 3 million").
    pub max: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// "approximately", "some", "over", "almost" ...
    pub approximate: bool,
    /// Period for rates: "year", "month".
    pub per: Option<String>,
}

/// A normalised date or date range, with deadline semantics when the context gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// First day (inclusive).
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// Deadline kind when the context makes it one: "by", "no later than", "until", "extended to", "deadline".
    pub deadline: Option<String>,
    /// True when the year was taken from the document's own date.
    pub year_inferred: bool,
    /// Whose deadline it is, when the text says so (a state, "States Parties",
    /// the holder of a mandate): set once the document's mentions and
    /// requests are known (see [`crate::extract::deadlines::attach_owners`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// What is due by the deadline ("Article 5 clearance", "its report"), when
    /// the text says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
}

/// The normalised value of a mention: what its rule's normaliser made of the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    /// A gazetteer entry: canonical name plus attributes (iso3, title, role, ...).
    Name {
        /// Canonical name.
        canonical: String,
        /// Attributes from the gazetteer or captures.
        attrs: BTreeMap<String, String>,
    },
    /// Money.
    Money(Money),
    /// A date or range.
    Date(DateValue),
    /// A plain number.
    Number {
        /// The value.
        value: f64,
    },
    /// A percentage (12.5 for "12.5%").
    Percent {
        /// The value.
        value: f64,
    },
    /// Free text (normaliser `none`): the matched or captured text.
    Text {
        /// The text.
        text: String,
    },
}

/// One entity occurrence found by a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Entity type, as named by the rule file: "state", "organisation", "person",
    /// "amount", "date", or any type a user adds.
    pub entity: String,
    /// Name of the rule that made it.
    pub rule: String,
    /// Where it is.
    pub span: Span,
    /// The text as it stands.
    pub text: String,
    /// Segment ordinal.
    pub segment: usize,
    /// Sentence index into [`Extraction::sentences`].
    pub sentence: usize,
    /// Normalised value.
    pub value: Value,
}

impl Mention {
    /// Canonical name for gazetteer mentions, else the surface text.
    pub fn canonical(&self) -> &str {
        match &self.value {
            Value::Name { canonical, .. } => canonical,
            _ => &self.text,
        }
    }
}

/// Whether a statement asks for something or offers something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// A request, call, appeal or recommendation.
    Request,
    /// A commitment or contribution.
    Commitment,
}

/// A sentence-level statement: who asks (or gives) whom for what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Request or commitment.
    pub kind: StatementKind,
    /// Rule that fired.
    pub rule: String,
    /// Trigger words found.
    pub trigger: String,
    /// "explicit" (asks in so many words) or "implicit" ("should", "there is a need").
    pub strength: String,
    /// Sentence index into [`Extraction::sentences`].
    pub sentence: usize,
    /// Segment ordinal.
    pub segment: usize,
    /// The sentence span.
    pub span: Span,
    /// The sentence text.
    pub text: String,
    /// Who asks (or gives).
    pub requester: Option<String>,
    /// Who is asked (or receives).
    pub addressee: Option<String>,
    /// What is asked for (or given).
    pub what: Option<String>,
    /// Amount given or asked, for contributions.
    pub amount: Option<Money>,
}

/// Everything the extract stage found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Entity mentions in text order.
    pub mentions: Vec<Mention>,
    /// Requests and commitments in text order.
    pub statements: Vec<Statement>,
    /// Metadata read from the header by rules.
    pub meta: DocMeta,
}

/// A document after the whole pipeline: what the index stage consumes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProcessedDoc {
    /// The document, with metadata completed.
    pub doc: Document,
    /// Its outline.
    pub segments: Vec<Segment>,
    /// Its entities and statements.
    pub extraction: Extraction,
}

/// What became of a request to extend a treaty deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionStatus {
    /// Submitted or requested, not (yet) decided in the text.
    Submitted,
    /// Granted: the deadline was extended.
    Granted,
    /// Withdrawn by the requesting state.
    Withdrawn,
}

/// A request to extend a treaty deadline (APMBC Article 5 clearance, Article 4
/// stockpile destruction, CCM Article 4): one per state and requested deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionRecord {
    /// The requesting state (canonical name).
    pub state: String,
    /// "Article 5", "Article 4", when the text names it.
    pub obligation: Option<String>,
    /// The deadline before the extension.
    pub original_deadline: Option<Date>,
    /// The deadline asked for (or granted).
    pub requested_deadline: Option<Date>,
    /// The period asked for, as written: "3 years and 10 months".
    pub period: Option<String>,
    /// Submitted, granted or withdrawn.
    pub status: ExtensionStatus,
    /// The meeting that decided, when the text names it.
    pub meeting: Option<String>,
    /// The sentence the record was first read from.
    pub sentence: usize,
}
