//! Stage 1: a file becomes a [`Document`]: decoded, cleaned, with line marks.
//!
//! Text and Markdown are read here; PDFs go through [`crate::pdf`]. Every failure
//! is an [`IngestError`] naming the reason, so the batch can report the file and
//! go on.

mod decode;

use std::path::{Path, PathBuf};

pub use crate::text_cleanup::{clean, Cleaned};
pub use decode::{decode_text, DecodeError, TextEncoding};

use crate::model::{DocMeta, Document, SourceFormat};
use crate::pdf::{self, PdfError, PdfOptions};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Options of the ingest stage.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// How PDFs are read.
    pub pdf: PdfOptions,
}

/// Why a file could not be ingested. The message is the reason shown to the user.
#[derive(Debug, Clone, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file is empty or whitespace only.
    #[error("empty file: nothing to index")]
    Empty,
    /// The file is binary data.
    #[error("not a text file: {0}")]
    Binary(String),
    /// The file's type is not one agendex reads.
    #[error("unsupported file type '{0}': agendex reads .txt, .md and .pdf")]
    Unsupported(String),
    /// The file is over [`MAX_FILE_BYTES`].
    #[error("file too large ({0} bytes; the limit is 256 MiB)")]
    TooLarge(u64),
    /// The PDF could not be read.
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

/// The format agendex would read `path` as, from its extension.
pub fn format_of(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(SourceFormat::Text),
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "pdf" => Some(SourceFormat::Pdf),
        _ => None,
    }
}

/// A document's stable id: its path relative to `root`, `/`-separated. A file
/// outside `root` (or `root` itself being the file) is known by its file name.
pub fn doc_id(root: &Path, path: &Path) -> String {
    let rel = match path.strip_prefix(root) {
        Ok(r) if !r.as_os_str().is_empty() => r.to_path_buf(),
        _ => PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
    };
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one file into a [`Document`] with id `id`.
pub fn load_file(path: &Path, id: &str, opts: &IngestOptions) -> Result<Document, IngestError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = format_of(path).ok_or(IngestError::Unsupported(ext))?;
    let size = std::fs::metadata(path)
        .map_err(|e| IngestError::Io(e.to_string()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge(size));
    }
    if format == SourceFormat::Pdf {
        if size == 0 {
            return Err(IngestError::Empty);
        }
        let pdf = pdf::extract_pdf(path, &opts.pdf)?;
        let mut doc = document_from_text(id, path, format, &pdf.text, pdf.warnings.clone());
        if doc.text == pdf.text {
            // the PDF stage cleaned its text already: offsets and heading marks hold
            doc.page_starts = pdf.page_starts;
            doc.marks = pdf.marks;
        } else {
            // cleaning keeps line structure, so page starts move only where characters
            // were dropped: map them through the same cleaning, page by page
            doc.page_starts = remap_page_starts(&pdf.text, &pdf.page_starts);
        }
        doc.meta = pdf.info;
        doc.quality = Some(pdf.quality);
        return Ok(doc);
    }
    let bytes = std::fs::read(path).map_err(|e| IngestError::Io(e.to_string()))?;
    load_bytes(&bytes, id, path, format)
}

/// Reads a text or Markdown file's bytes into a [`Document`].
pub fn load_bytes(
    bytes: &[u8],
    id: &str,
    path: &Path,
    format: SourceFormat,
) -> Result<Document, IngestError> {
    let (raw, encoding) = decode_text(bytes).map_err(|e| match e {
        DecodeError::Empty => IngestError::Empty,
        DecodeError::Binary(why) => IngestError::Binary(why),
    })?;
    let mut warnings = Vec::new();
    if encoding == TextEncoding::Windows1252 {
        warnings.push("not valid UTF-8: read as Windows-1252".to_string());
    }
    Ok(document_from_text(id, path, format, &raw, warnings))
}

fn document_from_text(
    id: &str,
    path: &Path,
    format: SourceFormat,
    raw: &str,
    warnings: Vec<String>,
) -> Document {
    let Cleaned { text, marks } = clean(raw);
    Document {
        id: id.to_string(),
        path: path.to_path_buf(),
        format,
        text,
        marks,
        page_starts: Vec::new(),
        meta: DocMeta::default(),
        quality: None,
        warnings,
    }
}

/// Page starts in the cleaned text: each page's raw prefix is cleaned on its own,
/// which gives the same length as its share of the whole cleaned text.
fn remap_page_starts(raw: &str, starts: &[usize]) -> Vec<usize> {
    let whole = clean(raw).text.len();
    starts
        .iter()
        .map(|&s| {
            let prefix = raw.get(..s).unwrap_or(raw);
            clean(prefix).text.len().min(whole)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_relative_slash_paths() {
        let root = Path::new("/data/corpus");
        assert_eq!(
            doc_id(root, Path::new("/data/corpus/masg/2015.txt")),
            "masg/2015.txt"
        );
        assert_eq!(doc_id(root, Path::new("/elsewhere/x.md")), "x.md");
        assert_eq!(
            doc_id(Path::new("/a/b.txt"), Path::new("/a/b.txt")),
            "b.txt"
        );
    }

    #[test]
    fn text_files_keep_marks_and_report_fallback_encoding() {
        let doc = load_bytes(
            b"# Title\n\nCaf\xE9 talk",
            "x.txt",
            Path::new("x.txt"),
            SourceFormat::Text,
        )
        .expect("readable");
        assert_eq!(doc.text, "Title\n\nCafé talk");
        assert_eq!(doc.marks.len(), 1);
        assert_eq!(doc.warnings.len(), 1);
        assert!(matches!(
            load_bytes(b"", "e.txt", Path::new("e.txt"), SourceFormat::Text),
            Err(IngestError::Empty)
        ));
    }
}
