//! PDF text layer extraction (contract stub: the PDF stage replaces the bodies).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::{DocMeta, TextQuality};

/// How PDFs are read.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Passwords to try on encrypted files (the empty password is always tried).
    pub passwords: Vec<String>,
    /// Wall-clock limit per file.
    pub timeout: Duration,
    /// Memory limit per file, in bytes.
    pub memory_limit: u64,
    /// The executable that runs the isolated worker (default: the current agendex binary).
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
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// Text in reading order, pages joined by `\n\n`.
    pub text: String,
    /// Byte offset of each page's start in `text`.
    pub page_starts: Vec<usize>,
    /// Title, author, dates from the info dictionary.
    pub info: DocMeta,
    /// Quality of the text layer.
    pub quality: TextQuality,
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    /// PDF support is not built yet.
    #[error("PDF is not supported yet")]
    Unsupported,
}

/// Extracts the text layer of `path`.
pub fn extract_pdf(_path: &Path, _opts: &PdfOptions) -> Result<PdfText, PdfError> {
    Err(PdfError::Unsupported)
}
