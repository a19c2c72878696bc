//! Where a command finds its index, rules and corpus, so that `agendex` works
//! from any folder.
//!
//! Each location is taken from the first of these that names it:
//!
//! | | index | rules | corpus (ingest) |
//! |---|---|---|---|
//! | 1 | `--index DIR` | `--rules DIR` | the PATHs given |
//! | 2 | `AGENDEX_INDEX` | `AGENDEX_RULES` | |
//! | 3 | `index` in `agendex.toml` | `rules` in `agendex.toml` | `corpus` in `agendex.toml` |
//! | 4 | the per-user data folder | the built-in rules | the roots the index was built from |
//!
//! `agendex.toml` is looked for in the current folder and its parents
//! ([`project_file`]).

pub mod embedded_rules;
pub mod project_file;
pub mod user_dirs;

use std::path::{Path, PathBuf};

pub use project_file::{Project, ProjectError, PROJECT_FILE};

/// Environment variable naming the index folder.
pub const ENV_INDEX: &str = "AGENDEX_INDEX";
/// Environment variable naming the rules folder.
pub const ENV_RULES: &str = "AGENDEX_RULES";

/// Where a location came from (said by `status`, and in errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// An environment variable (its name).
    Env(&'static str),
    /// A project file (its path).
    Project(PathBuf),
    /// The built-in default.
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag => write!(f, "command line"),
            Source::Env(v) => write!(f, "${v}"),
            Source::Project(p) => write!(f, "{}", p.display()),
            Source::Default => write!(f, "default"),
        }
    }
}

/// A resolved folder and where its name came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The folder.
    pub path: PathBuf,
    /// Where it was named.
    pub source: Source,
}

/// Why a location could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The project file is broken.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// No per-user folder can be found, or the built-in rules cannot be unpacked.
    #[error("{what}: {source}")]
    Io {
        /// What was being located.
        what: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// The project file for the current folder, if any.
pub fn current_project() -> Result<Option<Project>, ConfigError> {
    let cwd = std::env::current_dir().map_err(|source| ConfigError::Io {
        what: "cannot read the current folder".into(),
        source,
    })?;
    Ok(project_file::discover(&cwd)?)
}

fn from_env(var: &'static str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The index folder: `flag`, else `$AGENDEX_INDEX`, else the project file's,
/// else `index/` in the per-user data folder.
pub fn index_dir(flag: Option<PathBuf>) -> Result<Located, ConfigError> {
    locate(
        flag,
        ENV_INDEX,
        |p| p.index,
        || {
            user_dirs::data_dir()
                .map(|d| d.join("index"))
                .map_err(|source| ConfigError::Io {
                    what: "no index folder given".into(),
                    source,
                })
        },
    )
}

/// The rules folder: `flag`, else `$AGENDEX_RULES`, else the project file's,
/// else the built-in rules (unpacked once into the per-user cache folder).
pub fn rules_dir(flag: Option<PathBuf>) -> Result<Located, ConfigError> {
    locate(
        flag,
        ENV_RULES,
        |p| p.rules,
        || {
            embedded_rules::materialised().map_err(|source| ConfigError::Io {
            what: "cannot unpack the built-in rules (write `agendex rules init DIR` and pass --rules DIR)"
                .into(),
            source,
        })
        },
    )
}

/// The first of: `flag`, the variable `env`, the project file's `field`, `default()`.
fn locate(
    flag: Option<PathBuf>,
    env: &'static str,
    field: impl FnOnce(Project) -> Option<PathBuf>,
    default: impl FnOnce() -> Result<PathBuf, ConfigError>,
) -> Result<Located, ConfigError> {
    if let Some(path) = flag {
        return Ok(Located {
            path,
            source: Source::Flag,
        });
    }
    if let Some(path) = from_env(env) {
        return Ok(Located {
            path,
            source: Source::Env(env),
        });
    }
    if let Some(p) = current_project()? {
        let file = p.file.clone();
        if let Some(path) = field(p) {
            return Ok(Located {
                path,
                source: Source::Project(file),
            });
        }
    }
    Ok(Located {
        path: default()?,
        source: Source::Default,
    })
}

/// The corpus roots of `agendex ingest`: the `paths` given, else the project
/// file's `corpus`, else `recorded` (the roots the index was built from).
/// `None` when none of them names a root.
pub fn corpus_roots(
    paths: Vec<PathBuf>,
    recorded: &[PathBuf],
) -> Result<Option<(Vec<PathBuf>, Source)>, ConfigError> {
    if !paths.is_empty() {
        return Ok(Some((paths, Source::Flag)));
    }
    if let Some(p) = current_project()? {
        if !p.corpus.is_empty() {
            return Ok(Some((p.corpus, Source::Project(p.file))));
        }
    }
    if !recorded.is_empty() {
        return Ok(Some((recorded.to_vec(), Source::Default)));
    }
    Ok(None)
}

/// `path` made absolute against the current folder, without touching the disk
/// (a root that is gone must still compare equal to the one recorded).
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `path` as a person reads it: relative to the current folder when under it,
/// `~/...` when under the home folder, else as it is.
pub fn display(path: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir() {
        if let Ok(rel) = path.strip_prefix(&cwd) {
            if !rel.as_os_str().is_empty() {
                return rel.display().to_string();
            }
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        if let Ok(rel) = path.strip_prefix(PathBuf::from(home)) {
            return format!("~/{}", rel.display());
        }
    }
    path.display().to_string()
}
