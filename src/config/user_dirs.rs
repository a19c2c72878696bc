//! Per-user folders, by the XDG base-directory convention: the default index
//! lives in the data folder, the built-in rules are unpacked in the cache folder.

use std::io;
use std::path::PathBuf;

/// `$XDG_DATA_HOME/agendex`, else `$HOME/.local/share/agendex`: where the index
/// goes when neither `--index`, `AGENDEX_INDEX` nor a project file names one.
pub fn data_dir() -> io::Result<PathBuf> {
    base("XDG_DATA_HOME", ".local/share")
}

/// `$XDG_CACHE_HOME/agendex`, else `$HOME/.cache/agendex`.
pub fn cache_dir() -> io::Result<PathBuf> {
    base("XDG_CACHE_HOME", ".cache")
}

fn base(xdg_var: &str, home_relative: &str) -> io::Result<PathBuf> {
    if let Some(dir) = std::env::var_os(xdg_var).filter(|v| !v.is_empty()) {
        let dir = PathBuf::from(dir);
        // the spec ignores relative values
        if dir.is_absolute() {
            return Ok(dir.join("agendex"));
        }
    }
    match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        Some(home) => Ok(PathBuf::from(home).join(home_relative).join("agendex")),
        None => Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("neither {xdg_var} nor HOME is set: pass --index DIR (and --rules DIR), or set HOME"),
        )),
    }
}
