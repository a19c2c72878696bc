//! PDF text layer extraction, pure Rust on lopdf, isolated in a worker process.
//!
//! ```text
//! extract_pdf --spawn--> `agendex pdf-worker FILE` (memory limit, timeout)
//!                          load + decrypt (lopdf) -> per page: content_interpreter
//!                          (glyphs) -> text_layout (words, lines, columns)
//!                          -> page_text (headers, hyphens, paragraphs) -> JSON
//! ```
//!
//! [`extract_pdf`] runs the extraction in a child process, so a panic, a stack
//! overflow, a hang or a memory blow-up on one hostile file becomes a
//! [`PdfError`] for that file. [`extract_pdf_in_process`] is the extraction
//! itself (what the worker runs).

mod base14_metrics;
mod cmap_parser;
mod content_interpreter;
mod content_lexer;
mod figure_page;
mod font_decoding;
mod font_encoding;
mod page_content;
mod page_text;
mod page_tree;
mod print_marks;
pub mod quality;
mod text_layout;
pub mod worker_process;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lopdf::{Document, LoadOptions, Object};
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::{DocMeta, MarkedLine, Span, TextQuality};

pub use worker_process::WORKER_ENV;

/// How PDFs are read.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Passwords to try on encrypted files (the empty password is always tried).
    pub passwords: Vec<String>,
    /// Wall-clock limit per file.
    pub timeout: Duration,
    /// Memory limit per file, in bytes.
    pub memory_limit: u64,
    /// The executable that runs the isolated worker (default: the
    /// `AGENDEX_PDF_WORKER` environment variable, else the current executable).
    pub worker: Option<PathBuf>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            passwords: Vec::new(),
            timeout: Duration::from_secs(60),
            memory_limit: 2 << 30,
            worker: None,
        }
    }
}

/// The text layer of a PDF.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PdfText {
    /// Text in reading order, pages joined by `\n\n`.
    pub text: String,
    /// Byte offset of each page's start in `text`.
    pub page_starts: Vec<usize>,
    /// Title, author, dates from the info dictionary.
    pub info: DocMeta,
    /// Quality of the text layer.
    pub quality: TextQuality,
    /// Heading-like lines (larger type, or wholly bold), as Markdown headings
    /// and bold lines would be marked in a text file: hints for the segmenter.
    pub marks: Vec<MarkedLine>,
    /// Non-fatal problems (damaged cross-reference table recovered, pages
    /// without text, glyphs skipped).
    pub warnings: Vec<String>,
}

/// Why a PDF gave no text. The message is what the user sees next to the file name.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum PdfError {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file is not a PDF at all.
    #[error("not a PDF: {0}")]
    NotPdf(String),
    /// Encrypted, and the empty password does not open it.
    #[error("encrypted: password required (give it with --password or a passwords file)")]
    PasswordRequired,
    /// Encrypted, and none of the given passwords opens it.
    #[error("encrypted: wrong password (none of the {0} given passwords opens it)")]
    WrongPassword(usize),
    /// Damaged beyond reading.
    #[error("truncated or corrupt: {0}")]
    Corrupt(String),
    /// Only images: a scan.
    #[error("no text layer: needs OCR ({0} image-only page(s), no text)")]
    NoTextLayer(usize),
    /// A limit stopped the extraction (memory, time, decompression).
    #[error("exceeded {0}")]
    Limit(String),
    /// The worker process died (a bug or a hostile file); the batch goes on.
    #[error("worker crashed: {0}")]
    WorkerCrashed(String),
    /// Ctrl-C stopped the run while the worker was reading the file.
    #[error("stopped by Ctrl-C before the file was read (read next run)")]
    Interrupted,
    /// The worker process could not be started.
    #[error(
        "cannot start the PDF worker '{0}': {1} (set AGENDEX_PDF_WORKER to the agendex binary)"
    )]
    WorkerStart(String, String),
}

/// Extracts the text layer of `path` in an isolated worker process, within
/// `opts.timeout` and `opts.memory_limit`.
pub fn extract_pdf(path: &Path, opts: &PdfOptions) -> Result<PdfText, PdfError> {
    worker_process::extract_isolated(path, opts)
}

/// Reads a passwords file for encrypted records: one password per line (the
/// whole line, spaces included; a trailing `\r` is dropped), blank lines skipped.
pub fn read_passwords_file(path: &Path) -> Result<Vec<String>, PdfError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| PdfError::Io(format!("passwords file {}: {e}", path.display())))?;
    Ok(text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .filter(|l| !l.is_empty())
        .collect())
}

/// The largest stream lopdf may inflate while loading (object streams, xref).
const MAX_LOAD_STREAM: usize = 64 << 20;

/// Extracts the text layer of `path` in this process. Use [`extract_pdf`] for
/// files you do not trust: this function bounds decompression and nesting, but
/// cannot bound memory or time.
pub fn extract_pdf_in_process(path: &Path, passwords: &[String]) -> Result<PdfText, PdfError> {
    let bytes = std::fs::read(path).map_err(|e| PdfError::Io(e.to_string()))?;
    extract_pdf_bytes(&bytes, passwords)
}

/// Extracts the text layer of a PDF held in memory.
pub fn extract_pdf_bytes(bytes: &[u8], passwords: &[String]) -> Result<PdfText, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::NotPdf("empty file".into()));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf(
            "no %PDF- header in the first 1024 bytes".into(),
        ));
    }
    let doc = load(bytes, passwords)?;
    let mut warnings = Vec::new();
    if doc.xref_recovery.is_some() {
        warnings.push("damaged cross-reference table: recovered by scanning the file".to_string());
    }
    let tree = page_tree::pages(&doc);
    if tree.repeats > 0 {
        warnings.push(format!(
            "the page tree lists {} node(s) more than once (a cycle or shared pages): each page read once",
            tree.repeats
        ));
    }
    let page_ids = tree.pages;
    if page_ids.is_empty() {
        return Err(PdfError::Corrupt(
            "no pages found (page tree missing or unreadable)".into(),
        ));
    }
    let mut interp = content_interpreter::Interpreter::new(&doc);
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut image_only = 0usize;
    let mut rotated = 0usize;
    // pages drawing the very same content streams as an earlier page (a crafted
    // file: 2,000 pages, one stream) keep their place but not a copy of its text
    let mut drawn: HashSet<Vec<lopdf::ObjectId>> = HashSet::new();
    let mut repeated_content = 0usize;
    for (n, id) in page_ids.iter().enumerate() {
        if let Some(key) = page_tree::content_key(&doc, *id) {
            if !drawn.insert(key) {
                repeated_content += 1;
                pages.push(Vec::new());
                continue;
            }
        }
        let content = interp.page(*id).map_err(|e| match e {
            content_interpreter::ContentError::DecompressionLimit => PdfError::Limit(format!(
                "the decompression limit: page {} inflates beyond {} MiB (a decompression bomb?)",
                n + 1,
                content_interpreter::MAX_PAGE_CONTENT >> 20
            )),
        })?;
        if content.glyphs.is_empty() && content.images > 0 {
            image_only += 1;
        }
        rotated += content.rotated;
        let words = text_layout::words(&content);
        pages.push(text_layout::lines(words));
    }
    let (text, page_starts, marks) = join_pages(page_text::assemble(pages));
    if text.trim().is_empty() {
        if image_only > 0 {
            return Err(PdfError::NoTextLayer(image_only));
        }
        return Err(PdfError::Corrupt(format!(
            "no text found in {} page(s): nothing drawn, or fonts unreadable",
            page_ids.len()
        )));
    }
    if image_only > 0 {
        warnings.push(format!(
            "{image_only} pages hold only images (scanned?): no text from them"
        ));
    }
    if repeated_content > 0 {
        warnings.push(format!(
            "{repeated_content} pages draw the same content as an earlier page: their text is kept once"
        ));
    }
    if rotated > 0 {
        warnings.push(format!("{rotated} rotated glyphs skipped"));
    }
    let quality = quality::text_quality(&text);
    if quality.bad_char_ratio > 0.5 {
        return Err(PdfError::Corrupt(format!(
            "{:.0}% of the characters cannot be decoded (broken or missing font encodings)",
            quality.bad_char_ratio * 100.0
        )));
    }
    Ok(PdfText {
        text,
        page_starts,
        marks,
        info: info(&doc),
        quality,
        warnings,
    })
}

/// Whether the sentence at the end of `before` runs on at the start of the next
/// page's text `after` ("... the scope of the problem and" + "establish
/// priorities ..."): a page break is then no paragraph break, and splitting
/// there would cut a sentence (and a name or date in it) in two.
fn runs_on(before: &str, after: &str) -> bool {
    let Some(last) = before.trim_end_matches(' ').chars().last() else {
        return false;
    };
    let first_word = after.split_whitespace().next().unwrap_or("");
    let Some(first) = first_word.chars().next() else {
        return false;
    };
    let open_end = last.is_lowercase() || last == ',';
    // "12 November", "1244 (1999)": a number running on, not a numbered paragraph
    let number = first.is_ascii_digit()
        && !first_word.ends_with(['.', ')'])
        && first_word.chars().all(|c| c.is_ascii_digit() || c == ',');
    // a lowercase word goes on even after an acronym ("in which IPTF" + "established")
    (first.is_lowercase() && (open_end || last.is_alphabetic())) || (open_end && number)
}

/// Pages cleaned as text files are (so the text is what ingest keeps, offsets
/// and all) and joined by blank lines; heading lines become spans.
fn join_pages(pages: Vec<page_text::PageText>) -> (String, Vec<usize>, Vec<MarkedLine>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(pages.len());
    let mut marks = Vec::new();
    for (i, page) in pages.into_iter().enumerate() {
        let cleaned = crate::text_cleanup::clean(&page.text);
        if i > 0 {
            let sep = if runs_on(&text, &cleaned.text) {
                " "
            } else {
                "\n\n"
            };
            text.push_str(sep);
        }
        let base = text.len();
        starts.push(base);
        // cleaning keeps the line structure: line n of the page is line n here
        let mut line_spans = Vec::new();
        let mut at = 0;
        for line in cleaned.text.split('\n') {
            line_spans.push(Span::new(base + at, base + at + line.len()));
            at += line.len() + 1;
        }
        let mut page_marks: Vec<MarkedLine> = cleaned
            .marks
            .iter()
            .map(|m| MarkedLine {
                span: Span::new(m.span.start + base, m.span.end + base),
                mark: m.mark,
            })
            .collect();
        for (n, mark) in page.marks {
            if let Some(&span) = line_spans.get(n) {
                if !span.is_empty() && !page_marks.iter().any(|m| m.span.start == span.start) {
                    page_marks.push(MarkedLine { span, mark });
                }
            }
        }
        page_marks.sort_by_key(|m| m.span.start);
        marks.extend(page_marks);
        text.push_str(&cleaned.text);
    }
    (text, starts, marks)
}

fn load(bytes: &[u8], passwords: &[String]) -> Result<Document, PdfError> {
    let options = |password: Option<&str>| LoadOptions {
        password: password.map(str::to_string),
        max_decompressed_size: Some(MAX_LOAD_STREAM),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options(None)) {
        Ok(doc) => doc,
        // a truncated file has no readable cross-reference table: rebuild it
        // from the objects that survive
        Err(first) => Document::load_mem_with_options(
            bytes,
            LoadOptions {
                force_reconstruct: true,
                ..options(None)
            },
        )
        .map_err(|_| load_error(first))?,
    };
    if !doc.is_encrypted() {
        return Ok(doc);
    }
    // lopdf tried the empty password itself: the file needs a real one
    if passwords.is_empty() {
        return Err(PdfError::PasswordRequired);
    }
    for pw in passwords {
        match Document::load_mem_with_options(bytes, options(Some(pw))) {
            Ok(doc) if !doc.is_encrypted() => return Ok(doc),
            Ok(_) | Err(lopdf::Error::InvalidPassword) => continue,
            Err(e) => return Err(load_error(e)),
        }
    }
    Err(PdfError::WrongPassword(passwords.len()))
}

fn load_error(e: lopdf::Error) -> PdfError {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => PdfError::Limit(format!(
            "the decompression limit: an object stream inflates beyond {} MiB (a decompression bomb?)",
            MAX_LOAD_STREAM >> 20
        )),
        lopdf::Error::InvalidPassword => PdfError::WrongPassword(1),
        lopdf::Error::IO(io) => PdfError::Io(io.to_string()),
        other => PdfError::Corrupt(other.to_string()),
    }
}

/// Title, author and creation date from the info dictionary.
fn info(doc: &Document) -> DocMeta {
    let mut meta = DocMeta::default();
    let Some(dict) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            other => Some(other),
        })
        .and_then(|o| o.as_dict().ok())
    else {
        return meta;
    };
    let text = |key: &[u8]| -> Option<String> {
        let obj = match dict.get(key).ok()? {
            Object::Reference(id) => doc.get_object(*id).ok()?,
            other => other,
        };
        let s = lopdf::decode_text_string(obj).ok()?;
        let s = s.trim().trim_matches('\0').trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    meta.title = text(b"Title").and_then(|t| clean_title(&t));
    meta.author = text(b"Author");
    meta.date = text(b"CreationDate").and_then(|d| pdf_date(&d));
    meta
}

/// Drops the "Microsoft Word - " prefix and file names that producers put in `/Title`.
fn clean_title(t: &str) -> Option<String> {
    let t = t.strip_prefix("Microsoft Word - ").unwrap_or(t).trim();
    // "report.docx", "current.wpf", "000_x.html": a file name, not a title
    let is_file_name = !t.contains(' ')
        && t.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (2..=4).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphabetic())
        });
    if t.is_empty() || is_file_name {
        return None;
    }
    Some(t.to_string())
}

/// `D:20150217103000+01'00'` -> 2015-02-17.
fn pdf_date(s: &str) -> Option<Date> {
    let digits = s.trim().strip_prefix("D:").unwrap_or(s.trim());
    let year: i32 = digits.get(0..4)?.parse().ok()?;
    let month: u8 = digits.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(1);
    let day: u8 = digits.get(6..8).and_then(|d| d.parse().ok()).unwrap_or(1);
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_dates_and_titles_are_normalised() {
        assert_eq!(pdf_date("D:20150217103000+01'00'"), Date::new(2015, 2, 17));
        assert_eq!(pdf_date("D:2019"), Date::new(2019, 1, 1));
        assert_eq!(pdf_date("yesterday"), None);
        assert_eq!(clean_title("Microsoft Word - 1916437E.docx"), None);
        assert_eq!(
            clean_title("Microsoft Word - Report of the GGE").as_deref(),
            Some("Report of the GGE")
        );
    }

    #[test]
    fn passwords_files_hold_one_password_per_line() {
        let dir = std::env::temp_dir().join(format!("agendex-pw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let f = dir.join("pw.txt");
        std::fs::write(&f, "secret\r\n\n pass phrase \n").expect("write");
        let got = read_passwords_file(&f).expect("reads");
        assert_eq!(got, vec!["secret".to_string(), " pass phrase ".to_string()]);
        assert!(matches!(
            read_passwords_file(&dir.join("missing")),
            Err(PdfError::Io(_))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn non_pdf_bytes_are_refused_by_name() {
        assert!(matches!(
            extract_pdf_bytes(b"", &[]),
            Err(PdfError::NotPdf(_))
        ));
        assert!(matches!(
            extract_pdf_bytes(b"hello world", &[]),
            Err(PdfError::NotPdf(_))
        ));
        assert!(matches!(
            extract_pdf_bytes(b"%PDF-1.4\ngarbage", &[]),
            Err(PdfError::Corrupt(_))
        ));
    }
}
