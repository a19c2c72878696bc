//! Removing documents on purpose (`agendex remove`), and the guard that stops a
//! run from removing a large share of the index by accident.

use std::path::{Path, PathBuf};

use super::change_detection::ChangePlan;
use super::ingest_run::{REMOVAL_GUARD_MIN, REMOVAL_GUARD_SHARE};
use super::manifest::Manifest;
use crate::config;

/// Whether removing `count` of `total` documents needs `--allow-removals`.
pub fn too_many(count: usize, total: usize) -> bool {
    count > REMOVAL_GUARD_MIN && (count as f64) > REMOVAL_GUARD_SHARE * total as f64
}

/// The plan of `agendex remove TARGET...`: every document whose id is a target,
/// or whose file or corpus root is a target or lies under one. Everything else
/// is left unchanged.
pub fn plan(manifest: &Manifest, targets: &[PathBuf]) -> ChangePlan {
    let absolute: Vec<PathBuf> = targets.iter().map(|t| config::absolute(t)).collect();
    let mut out = ChangePlan::default();
    for (id, e) in &manifest.docs {
        let by_id = targets.iter().any(|t| Path::new(id) == t.as_path());
        let file = config::absolute(&e.path);
        let by_path = absolute.iter().any(|t| file.starts_with(t));
        let by_root = e
            .root
            .as_ref()
            .is_some_and(|r| absolute.iter().any(|t| r.starts_with(t)));
        if by_id || by_path || by_root {
            out.removed.push(id.clone());
        } else {
            out.unchanged.push(id.clone());
        }
    }
    out
}

/// The targets of `agendex remove` that match no indexed document (said to the
/// user, so that a typo does not pass for a removal).
pub fn unmatched(manifest: &Manifest, targets: &[PathBuf]) -> Vec<PathBuf> {
    targets
        .iter()
        .filter(|t| plan(manifest, std::slice::from_ref(*t)).removed.is_empty())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::manifest::ManifestEntry;
    use std::collections::BTreeMap;

    fn entry(path: &str, root: &str) -> ManifestEntry {
        ManifestEntry {
            path: PathBuf::from(path),
            size: 1,
            mtime_ns: 1,
            hash: "h".into(),
            segments: 1,
            entities: BTreeMap::new(),
            statements: 0,
            quality: None,
            rules: "r".into(),
            root: Some(PathBuf::from(root)),
        }
    }

    #[test]
    fn removes_by_id_file_or_root_and_nothing_else() {
        let mut m = Manifest::empty(1);
        m.docs.insert("a.txt".into(), entry("/w1/a.txt", "/w1"));
        m.docs.insert("b.txt".into(), entry("/w2/b.txt", "/w2"));
        m.docs
            .insert("sub/c.txt".into(), entry("/w2/sub/c.txt", "/w2"));
        assert_eq!(plan(&m, &[PathBuf::from("a.txt")]).removed, ["a.txt"]);
        assert_eq!(
            plan(&m, &[PathBuf::from("/w2")]).removed,
            ["b.txt", "sub/c.txt"]
        );
        assert_eq!(
            plan(&m, &[PathBuf::from("/w2/sub/c.txt")]).removed,
            ["sub/c.txt"]
        );
        assert_eq!(
            unmatched(&m, &[PathBuf::from("nope.txt"), PathBuf::from("a.txt")]),
            [PathBuf::from("nope.txt")]
        );
    }

    #[test]
    fn the_guard_allows_small_removals_and_stops_large_shares() {
        assert!(!too_many(2, 3));
        assert!(!too_many(3, 20));
        assert!(too_many(5, 20));
        assert!(too_many(14, 14));
    }
}
