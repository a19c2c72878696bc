//! The index schema: one tantivy document per segment, with its document's metadata.
//!
//! Field names are part of the query syntax users type (`title:mine`, `state:japan`,
//! `number:2.1`), so they are short and stable; any change to the field set or to an
//! analyzer bumps [`SCHEMA_VERSION`].

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

use super::text_analyzer::FusedAnalyzer;

/// Version of the field set and analyzers; stored next to the index so that an index
/// written by an older agendex is detected instead of misread.
/// v2: mention contexts and statement sentences are no longer stored twice.
/// v3: mentions and statements in the compact form of [`super::stored_form`].
/// v4: extension-request records stored per segment (`extensions`).
/// v5: the headings a segment sits under, searchable (`section`).
pub const SCHEMA_VERSION: u32 = 5;

/// Analyzer for running text: words, lower case, accents folded, English stems.
pub const TEXT_ANALYZER: &str = "agendex_en";
/// Analyzer for names (states, organisations): lower case and folded, no stemming, so
/// that "Japan" never matches "Japanese".
pub const NAME_ANALYZER: &str = "agendex_name";

/// Facet roots of the `facets` field.
pub const FACET_STATE: &str = "state";
/// Organisation facets: `/organisation/UNMAS`.
pub const FACET_ORGANISATION: &str = "organisation";
/// Body facets: `/body/MASG`.
pub const FACET_BODY: &str = "body";
/// Meeting-year facets: `/year/2015`.
pub const FACET_YEAR: &str = "year";

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Document id (raw, exact match): deletes and `show`.
    pub doc_id: Field,
    /// Position of the segment in its document (0-based).
    pub ordinal: Field,
    /// Outline depth.
    pub level: Field,
    /// Segment kind (`item`, `sub_item`, `part`, ..., `document` when unsegmented).
    pub kind: Field,
    /// Enumerator as printed ("2.1", "PART 1"): raw, `number:2.1`.
    pub number: Field,
    /// Segment title, analysed.
    pub item: Field,
    /// Titles of the ancestors and the segment, joined with " > ".
    pub path: Field,
    /// Titles of the ancestors alone, analysed (not stored: `path` holds them):
    /// a resolution's "Preamble" and "Operative part" are found by the
    /// resolution's title, a country's paragraph by its chapter's heading.
    pub section: Field,
    /// Ordinal of the parent segment, when any.
    pub parent: Field,
    /// The segment's text (heading + body), analysed with positions, stored.
    pub text: Field,
    /// Document title, analysed.
    pub title: Field,
    /// Body or forum, raw (MASG, CCM, ...).
    pub body: Field,
    /// Meeting date (date fast field).
    pub date: Field,
    /// Meeting year.
    pub year: Field,
    /// Place of the meeting.
    pub place: Field,
    /// UN document symbol, raw.
    pub symbol: Field,
    /// Document kind (minutes, report, ...).
    pub doc_type: Field,
    /// Source file path.
    pub source: Field,
    /// `/state/X`, `/organisation/X`, `/body/X`, `/year/N` facets.
    pub facets: Field,
    /// State names and ISO3 codes mentioned in the segment, searchable.
    pub state: Field,
    /// Organisation names and acronyms mentioned in the segment, searchable.
    pub organisation: Field,
    /// Every money amount mentioned (value), for range filters.
    pub amount: Field,
    /// Largest USD amount mentioned in the segment.
    pub amount_usd_max: Field,
    /// Start of every date mentioned, for range filters.
    pub mention_date: Field,
    /// First page of the segment.
    pub page_start: Field,
    /// Last page of the segment.
    pub page_end: Field,
    /// Byte offset of the segment in the document's cleaned text.
    pub offset: Field,
    /// The segment's mentions, stored in the compact form of [`super::stored_form`].
    pub mentions: Field,
    /// The segment's statements, stored in the compact form of [`super::stored_form`].
    pub statements: Field,
    /// The extension-request records read in the segment, stored as JSON.
    pub extensions: Field,
}

fn analysed(analyzer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    );
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

/// Builds the schema and the field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let u64_opts = numeric_all();
    let date_opts = DateOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        doc_id: b.add_text_field("doc_id", STRING | STORED),
        ordinal: b.add_u64_field("ordinal", u64_opts.clone()),
        level: b.add_u64_field("level", u64_opts.clone()),
        kind: b.add_text_field("kind", STRING | STORED),
        number: b.add_text_field("number", STRING | STORED),
        item: b.add_text_field("item", analysed(TEXT_ANALYZER, true, true)),
        path: b.add_text_field("path", STORED),
        section: b.add_text_field("section", analysed(TEXT_ANALYZER, true, false)),
        parent: b.add_u64_field("parent", NumericOptions::default().set_stored()),
        text: b.add_text_field("text", analysed(TEXT_ANALYZER, true, true)),
        title: b.add_text_field("title", analysed(TEXT_ANALYZER, true, true)),
        body: b.add_text_field("body", STRING | STORED),
        date: b.add_date_field("date", date_opts.clone()),
        year: b.add_u64_field("year", u64_opts.clone()),
        place: b.add_text_field("place", analysed(NAME_ANALYZER, false, true)),
        symbol: b.add_text_field("symbol", STRING | STORED),
        doc_type: b.add_text_field("doc_type", STRING | STORED),
        source: b.add_text_field("source", STORED),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        state: b.add_text_field("state", analysed(NAME_ANALYZER, true, true)),
        organisation: b.add_text_field("organisation", analysed(NAME_ANALYZER, true, true)),
        amount: b.add_f64_field("amount", NumericOptions::default().set_indexed().set_fast()),
        amount_usd_max: b.add_f64_field("amount_usd_max", numeric_all()),
        mention_date: b.add_date_field(
            "mention_date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        page_start: b.add_u64_field("page_start", NumericOptions::default().set_stored()),
        page_end: b.add_u64_field("page_end", NumericOptions::default().set_stored()),
        offset: b.add_u64_field("offset", u64_opts),
        mentions: b.add_text_field("mentions", STORED),
        statements: b.add_text_field("statements", STORED),
        extensions: b.add_text_field("extensions", STORED),
    };
    (b.build(), fields)
}

/// Indexed, stored and fast: filterable, displayable and sortable.
fn numeric_all() -> NumericOptions {
    NumericOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
}

/// Registers the analyzers the schema names; every opened index needs them, for
/// writing and for parsing queries and making snippets alike.
///
/// Both are [`FusedAnalyzer`]s, whose tokens are exactly those of the tantivy chains
/// they replaced (`SimpleTokenizer`, `RemoveLongFilter::limit(40)`, `LowerCaser`,
/// `AsciiFoldingFilter`, then English `Stemmer` for running text): indexes written
/// before them need no rebuild.
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(TEXT_ANALYZER, TextAnalyzer::from(FusedAnalyzer::english()));
    manager.register(NAME_ANALYZER, TextAnalyzer::from(FusedAnalyzer::names()));
}
