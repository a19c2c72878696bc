//! The text cache: each record as it was read (cleaned text, page starts,
//! heading marks, PDF metadata), kept under the index folder and keyed by the
//! file's content hash, so that a rule change re-extracts from text and never
//! parses a PDF again.
//!
//! An entry is one file, `text-cache/<key>.doc`: a JSON line with the document
//! without its text, then the text itself. The key is the content hash with the
//! agendex version (a new release may read files differently). An entry is
//! written atomically (temporary file, then rename) and checked when read: a
//! missing, partial or foreign entry is read as "not cached" and the file is
//! parsed again, so the cache can never make a result wrong, only slower.
//! Entries that no committed document uses are removed after each commit
//! ([`retain`]): the cache is never larger than the indexed text.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Document;

/// Folder of the cache inside the index folder.
pub const CACHE_DIR: &str = "text-cache";

const EXT: &str = "doc";

/// What precedes the text in an entry.
#[derive(Serialize, Deserialize)]
struct Header {
    /// Length of the text in bytes: a shorter entry was cut off.
    text_len: usize,
    /// The document with an empty text.
    doc: Document,
}

/// The cache of one index folder.
#[derive(Debug, Clone)]
pub struct TextCache {
    dir: PathBuf,
}

/// What the cache holds on disk (shown by `agendex status`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CacheUsage {
    /// The cache folder (removing it frees `bytes`; the next run that needs a
    /// record's text reads its file again).
    pub dir: PathBuf,
    /// Entries (one per indexed file content).
    pub entries: u64,
    /// Bytes of every file in the folder, leftovers of interrupted writes included.
    pub bytes: u64,
}

impl TextCache {
    /// The cache of the index in `index_dir` (created when first written).
    pub fn new(index_dir: &Path) -> TextCache {
        TextCache {
            dir: index_dir.join(CACHE_DIR),
        }
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Entries and bytes held now (nothing when the folder is missing).
    pub fn usage(&self) -> CacheUsage {
        let mut usage = CacheUsage {
            dir: self.dir.clone(),
            ..CacheUsage::default()
        };
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return usage;
        };
        for e in rd.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            usage.bytes += meta.len();
            if Path::new(&e.file_name())
                .extension()
                .is_some_and(|x| x == EXT)
            {
                usage.entries += 1;
            }
        }
        usage
    }

    /// The entry name for a file whose content hash is `hash`.
    pub fn key(hash: &str) -> String {
        let mut h = blake3::Hasher::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(b"\0");
        h.update(hash.as_bytes());
        h.finalize().to_hex()[..32].to_string()
    }

    fn path_of(&self, hash: &str) -> PathBuf {
        self.dir.join(format!("{}.{EXT}", Self::key(hash)))
    }

    /// The entry of `hash`: its header and its text as bytes, checked.
    fn read(&self, hash: &str) -> Option<(Header, Vec<u8>)> {
        let mut bytes = std::fs::read(self.path_of(hash)).ok()?;
        let nl = bytes.iter().position(|&b| b == b'\n')?;
        let header: Header = serde_json::from_slice(bytes.get(..nl)?).ok()?;
        let text = bytes.split_off(nl + 1);
        (text.len() == header.text_len).then_some((header, text))
    }

    /// The document read from a file with content hash `hash`, as `id` at
    /// `path`; `None` when it is not cached (or the entry is damaged).
    pub fn get(&self, hash: &str, id: &str, path: &Path) -> Option<Document> {
        let (header, text) = self.read(hash)?;
        let mut doc = header.doc;
        doc.text = String::from_utf8(text).ok()?;
        doc.id = id.to_string();
        doc.path = path.to_path_buf();
        Some(doc)
    }

    /// Only the cleaned text of the file with content hash `hash`, as bytes
    /// (UTF-8 when the entry is sound).
    pub fn text(&self, hash: &str) -> Option<Vec<u8>> {
        self.read(hash).map(|(_, text)| text)
    }

    /// Keeps `doc` as read from a file with content hash `hash`. Failing to
    /// write only costs a re-parse later, so errors are returned for the caller
    /// to ignore or report.
    pub fn put(&self, hash: &str, doc: &Document) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let header = Header {
            text_len: doc.text.len(),
            doc: Document {
                text: String::new(),
                ..doc.clone()
            },
        };
        let target = self.path_of(hash);
        let tmp = target.with_extension(format!("{EXT}.tmp{}", std::process::id()));
        let written = (|| {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            serde_json::to_writer(&mut f, &header).map_err(std::io::Error::other)?;
            f.write_all(b"\n")?;
            f.write_all(doc.text.as_bytes())?;
            f.into_inner().map_err(|e| e.into_error())?;
            std::fs::rename(&tmp, &target)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// Removes every entry whose content hash is not in `hashes` (and leftovers
    /// of interrupted writes); returns how many files went.
    pub fn retain<'a>(&self, hashes: impl IntoIterator<Item = &'a str>) -> usize {
        let keep: BTreeSet<String> = hashes
            .into_iter()
            .map(|h| format!("{}.{EXT}", Self::key(h)))
            .collect();
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !keep.contains(&name) && std::fs::remove_file(e.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn doc(text: &str) -> Document {
        let mut d = crate::extract::text_document(text, None);
        d.id = "a.pdf".into();
        d.format = SourceFormat::Pdf;
        d.page_starts = vec![0, 3];
        d.warnings = vec!["odd".into()];
        d
    }

    #[test]
    fn an_entry_gives_back_the_document_under_its_new_name() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = TextCache::new(tmp.path());
        let d = doc("ab\ncd é\n\n");
        cache.put("h1", &d).expect("put");
        let back = cache
            .get("h1", "b.pdf", Path::new("/x/b.pdf"))
            .expect("get");
        assert_eq!(back.text, d.text);
        assert_eq!(back.page_starts, d.page_starts);
        assert_eq!(back.warnings, d.warnings);
        assert_eq!(back.format, SourceFormat::Pdf);
        assert_eq!(back.id, "b.pdf");
        assert_eq!(cache.text("h1").as_deref(), Some(d.text.as_bytes()));
        assert!(cache.get("h2", "a", Path::new("a")).is_none());
    }

    #[test]
    fn a_cut_entry_is_not_cached_and_unused_entries_go() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = TextCache::new(tmp.path());
        cache.put("h1", &doc("some text")).expect("put");
        cache.put("h2", &doc("other text")).expect("put");
        let p = cache.path_of("h1");
        let bytes = std::fs::read(&p).expect("read");
        std::fs::write(&p, &bytes[..bytes.len() - 2]).expect("cut");
        assert!(cache.get("h1", "a", Path::new("a")).is_none());
        assert_eq!(cache.retain(["h2"]), 1);
        assert!(cache.text("h2").is_some());
    }

    #[test]
    fn usage_counts_entries_and_every_byte() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = TextCache::new(tmp.path());
        assert_eq!(cache.usage().entries, 0, "no folder yet");
        cache.put("h1", &doc("some text")).expect("put");
        cache.put("h2", &doc("other text")).expect("put");
        // a leftover of a killed write takes space but is no entry
        std::fs::write(cache.dir().join("x.doc.tmp1"), b"12345").expect("write");
        let u = cache.usage();
        assert_eq!(u.entries, 2);
        let on_disk: u64 = ["h1", "h2"]
            .iter()
            .map(|h| std::fs::metadata(cache.path_of(h)).map_or(0, |m| m.len()))
            .sum();
        assert_eq!(u.bytes, on_disk + 5);
        assert_eq!(u.dir, tmp.path().join(CACHE_DIR));
    }
}
