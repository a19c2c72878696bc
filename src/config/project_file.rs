//! `agendex.toml`: a project's corpus roots, index and rules, found like
//! Cargo.toml in the current folder or a parent, so that every command works
//! from any subfolder of a project.
//!
//! ```toml
//! # paths are relative to this file
//! corpus = ["corpus"]
//! index = "index"
//! rules = "rules"
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The name of a project file.
pub const PROJECT_FILE: &str = "agendex.toml";

/// A project file, read and with its paths made absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The `agendex.toml` itself.
    pub file: PathBuf,
    /// Corpus roots that `agendex ingest` reads when given no path.
    pub corpus: Vec<PathBuf>,
    /// The index folder, when the file names one.
    pub index: Option<PathBuf>,
    /// The rules folder, when the file names one (else the built-in rules).
    pub rules: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    #[serde(default)]
    corpus: Vec<PathBuf>,
    index: Option<PathBuf>,
    rules: Option<PathBuf>,
}

/// Why a project file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// The file exists but cannot be read.
    #[error("{path}: cannot read the project file: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a valid project file.
    #[error("{path}:{line}: {message} (a project file holds `corpus = [\"DIR\", ...]`, `index = \"DIR\"` and `rules = \"DIR\"`, paths relative to the file)")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The nearest `agendex.toml` in `start` or one of its parents, read.
pub fn discover(start: &Path) -> Result<Option<Project>, ProjectError> {
    for dir in start.ancestors() {
        let file = dir.join(PROJECT_FILE);
        if file.is_file() {
            return read(&file).map(Some);
        }
    }
    Ok(None)
}

/// Reads one project file; relative paths in it are taken from its folder.
pub fn read(file: &Path) -> Result<Project, ProjectError> {
    let text = std::fs::read_to_string(file).map_err(|source| ProjectError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let raw: RawProject = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| {
                text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1
            })
            .unwrap_or(0);
        ProjectError::Invalid {
            path: file.to_path_buf(),
            line,
            message: e.message().to_string(),
        }
    })?;
    let base = file.parent().unwrap_or(Path::new("."));
    let abs = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
    Ok(Project {
        file: file.to_path_buf(),
        corpus: raw.corpus.into_iter().map(abs).collect(),
        index: raw.index.map(abs),
        rules: raw.rules.map(abs),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
    }

    #[test]
    fn found_from_a_subfolder_with_paths_relative_to_the_file() {
        let t = tmp();
        let sub = t.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            t.path().join(PROJECT_FILE),
            "corpus = [\"records\", \"/abs/more\"]\nindex = \"idx\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let p = discover(&sub)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("not found"));
        assert_eq!(
            p.corpus,
            vec![t.path().join("records"), PathBuf::from("/abs/more")]
        );
        assert_eq!(p.index, Some(t.path().join("idx")));
        assert_eq!(p.rules, None);
    }

    #[test]
    fn an_unknown_key_is_reported_with_its_line() {
        let t = tmp();
        let f = t.path().join(PROJECT_FILE);
        std::fs::write(&f, "index = \"idx\"\nindx = \"oops\"\n").unwrap_or_else(|e| panic!("{e}"));
        let err = read(&f).expect_err("unknown key");
        let msg = err.to_string();
        assert!(msg.contains("agendex.toml:2:"), "{msg}");
        assert!(msg.contains("indx"), "{msg}");
    }
}
