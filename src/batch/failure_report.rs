//! Files that could not be indexed: listed at the end of a run and written to
//! `index/failures.json`, so cron mail and `agendex status` can show them. Failed
//! files never enter the manifest as done, so the next run retries them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::write_atomically;

/// Name of the report inside the index folder.
pub const FAILURES_FILE: &str = "failures.json";

/// One file that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The file.
    pub path: PathBuf,
    /// Its document id, when it has one.
    pub id: Option<String>,
    /// Why it failed, as shown to the user.
    pub reason: String,
    /// True when the index still holds an older version of this document.
    #[serde(default)]
    pub kept_previous: bool,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)?;
        if self.kept_previous {
            write!(f, " (the previously indexed version is kept)")?;
        }
        Ok(())
    }
}

/// Writes the failures of the run (an empty list when all went well, so an old
/// report never outlives the problem).
pub fn write(index_dir: &Path, failures: &[Failure]) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(failures).map_err(std::io::Error::other)?;
    write_atomically(&index_dir.join(FAILURES_FILE), &json)
}

/// Reads the failures of the last run (none when there is no report).
pub fn read(index_dir: &Path) -> Vec<Failure> {
    std::fs::read(index_dir.join(FAILURES_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_displays_path_then_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(read(dir.path()).is_empty());
        let f = Failure {
            path: PathBuf::from("corpus/empty.txt"),
            id: Some("empty.txt".into()),
            reason: "empty file: nothing to index".into(),
            kept_previous: false,
        };
        write(dir.path(), std::slice::from_ref(&f)).expect("write");
        assert_eq!(read(dir.path()), vec![f.clone()]);
        assert_eq!(
            f.to_string(),
            "corpus/empty.txt: empty file: nothing to index"
        );
    }
}
