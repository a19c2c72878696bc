//! One `agendex ingest` run, start to end.
//!
//! 1. Load the rule set first: a broken rule set stops the run before anything
//!    is written.
//! 2. Walk the corpus, take the ingest lock, remove what a killed run left,
//!    set a damaged index aside (see [`super::index_repair`]), read the
//!    manifest of the last commit, compare it with the index, and plan (added,
//!    changed, removed, unchanged; everything after a rules or schema change).
//! 3. Read, segment and extract in parallel ([`super::document_flow`]).
//! 4. Write the failure report, then commit once, with the manifest of exactly
//!    what the index now holds. A run killed at any point leaves the previous
//!    commit and its manifest, and the next plain run redoes the work.
//!
//! Every document is deleted by id before its new version is added, so a
//! document is never present twice, even where the manifest was wrong. A
//! changed document that now fails keeps its previous version in the index
//! (and its old manifest entry, so it is retried next run). Ctrl-C stops the
//! run and commits what is done: that is consistent too, because the manifest
//! only lists documents as they are in the index.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tantivy::TantivyDocument;

use super::change_detection::{self, ChangePlan, Rebuild};
use super::corpus_walk;
use super::document_flow;
use super::failure_report::{self, Failure};
use super::index_repair;
use super::ingest_lock::IngestLock;
use super::interrupt;
use super::manifest::{self, CommitPayload, Manifest};
use super::progress::ProgressMode;
pub use super::run_report::{last_run, FileWarning, RunError, RunReport, LAST_RUN_FILE};
use super::text_cache::TextCache;
use super::{removal, rule_change, snapshot};
use crate::config;
use crate::extract::RuleSet;
use crate::index::{self, IndexError, IndexWriter, SCHEMA_VERSION};
use crate::ingest::IngestOptions;
use crate::pipeline::RecordBudget;

/// What a run is asked to do.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Corpus folders or files.
    pub roots: Vec<PathBuf>,
    /// Index folder.
    pub index_dir: PathBuf,
    /// Rules folder.
    pub rules_dir: PathBuf,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Re-process every document.
    pub full: bool,
    /// Rebuild the index from the corpus, the old index files moved aside until
    /// the new index is committed (what a damaged index needs).
    pub repair: bool,
    /// How files are read (PDF passwords, limits).
    pub ingest: IngestOptions,
    /// How progress is shown.
    pub progress: ProgressMode,
    /// Let the run remove more than [`REMOVAL_GUARD_SHARE`] of the index.
    pub allow_removals: bool,
    /// `agendex remove`: instead of walking `roots`, remove the documents whose
    /// id, file or corpus root is one of these, and nothing else.
    pub remove: Vec<PathBuf>,
    /// What one record may cost (text size, time) after the PDF worker.
    pub budget: RecordBudget,
    /// Read symbolic links that lead outside the corpus folders too.
    pub follow_links: bool,
}

/// A run that would remove more than this share of the indexed documents (and
/// more than [`REMOVAL_GUARD_MIN`] of them) stops without writing anything,
/// unless `--allow-removals`: an emptied or unmounted corpus folder must not
/// empty the index.
pub const REMOVAL_GUARD_SHARE: f64 = 0.2;
/// Removing this many documents or fewer never needs `--allow-removals`.
pub const REMOVAL_GUARD_MIN: usize = 2;

/// Runs one ingest.
pub fn run(cfg: &IngestConfig) -> Result<RunReport, RunError> {
    let started = Instant::now();
    let mut report = RunReport {
        started_at: unix_secs(),
        ..RunReport::default()
    };
    let rules = RuleSet::load(&cfg.rules_dir).map_err(|errors| RunError::Rules {
        dir: cfg.rules_dir.clone(),
        errors,
    })?;
    let fingerprint =
        change_detection::extraction_fingerprint(&rules.fingerprint(), &cfg.rules_dir);
    let removing = !cfg.remove.is_empty();
    let walk_opts = corpus_walk::WalkOptions {
        follow_links: cfg.follow_links,
    };
    let scan = if removing {
        corpus_walk::CorpusScan::default()
    } else {
        corpus_walk::walk(&cfg.roots, Some(&cfg.index_dir), walk_opts)?
    };
    let walked: Vec<PathBuf> = cfg.roots.iter().map(|r| config::absolute(r)).collect();
    report.skipped = scan.skipped;
    report.skipped_files = scan.skipped_files.clone();
    report.empty = scan.empty.clone();

    std::fs::create_dir_all(&cfg.index_dir).map_err(|source| RunError::Io {
        path: cfg.index_dir.clone(),
        source,
    })?;
    let _lock = IngestLock::acquire(&cfg.index_dir)?;

    let quiet = cfg.progress == ProgressMode::Quiet;
    let say = |msg: &str| {
        if !quiet {
            eprintln!("{msg}");
        }
    };

    // what a killed run left is removed before anything is written, and a
    // damaged index is set aside (kept until the rebuilt one is committed)
    let swept = index_repair::sweep(&cfg.index_dir)?;
    if swept > 0 {
        say(&format!(
            "removed {swept} files left by an unfinished run (the index is at its last commit)"
        ));
    }
    let damage = index::index_health::quick_check(&cfg.index_dir).err();
    let has_index = index::index_writer::index_exists(&cfg.index_dir);
    let mut set_aside = None;
    if has_index && (cfg.repair || damage.is_some()) {
        let aside = index_repair::set_aside(&cfg.index_dir, &new_run_id())?;
        report.repaired = Some(match &damage {
            Some(d) => format!(
                "the index was damaged ({d}): rebuilding it from the corpus; the damaged files \
                 are kept in {} until the new index is committed",
                aside.display()
            ),
            None => format!(
                "--repair: rebuilding the index from the corpus; the old files are kept in {} \
                 until the new index is committed",
                aside.display()
            ),
        });
        if let Some(r) = &report.repaired {
            say(r);
        }
        set_aside = Some(aside);
    }

    // the manifest of the last commit; an index without one (lost, foreign) is rebuilt
    let payload = index::read_commit_payload(&cfg.index_dir)?;
    // an index without a payload was not committed by a batch run (or its first
    // run died before committing): its content is unknown, so it is rebuilt
    let had_index = payload.is_some() || cfg.index_dir.join("meta.json").is_file();
    let (old, manifest_lost) = match payload.as_deref().map(CommitPayload::parse) {
        None if had_index => (Manifest::empty(SCHEMA_VERSION), true),
        None => (Manifest::empty(SCHEMA_VERSION), false),
        Some(Some(p)) => match manifest::load(&cfg.index_dir, &p) {
            Ok(m) => (m, false),
            Err(e) => {
                say(&format!("agendex: warning: {e}"));
                (Manifest::empty(SCHEMA_VERSION), true)
            }
        },
        Some(None) => (Manifest::empty(SCHEMA_VERSION), true),
    };
    let mut rebuild =
        change_detection::rebuild_reason(&old, had_index, SCHEMA_VERSION, &fingerprint, cfg.full);
    // the schema file next to tantivy's is the authority: an index of another
    // schema cannot even be opened for writing, so it is rebuilt from scratch
    let schema_mismatch = match index::index_writer::check_schema_version(&cfg.index_dir) {
        Err(IndexError::SchemaMismatch { found, .. }) => Some(found.parse().unwrap_or(0)),
        _ => None,
    };
    if let Some(from) = schema_mismatch {
        rebuild = Rebuild::Schema {
            from,
            to: SCHEMA_VERSION,
        };
    } else if manifest_lost && rebuild == Rebuild::No {
        rebuild = Rebuild::Full;
    }
    let wipe = manifest_lost || matches!(rebuild, Rebuild::Schema { .. });
    // the manifest must say what the index holds: where it does not (edited,
    // restored from a backup), the documents in question are done again
    let mut old = old;
    let mut strays: Vec<String> = Vec::new();
    if !wipe && had_index && schema_mismatch.is_none() {
        let d = index_repair::compare(&cfg.index_dir, &old)?;
        if !d.is_empty() {
            say(&format!(
                "the manifest and the index disagree on {} documents: re-indexing them",
                d.redo.len() + d.strays.len()
            ));
        }
        for id in &d.redo {
            old.docs.remove(id);
        }
        strays = d.strays;
    }
    // a rules change re-extracts only the records it can touch, when the rules
    // the index was built with are known part by part
    let jobs = effective_jobs(cfg.jobs);
    let mut selective: Option<(String, Vec<String>)> = None;
    let mut rules_why: Option<String> = None;
    if rebuild == Rebuild::Rules && !wipe && !removing {
        match rule_change::decide(&cfg.index_dir, &old, rules.inventory()) {
            rule_change::Decision::Everything(why) => rules_why = Some(why),
            rule_change::Decision::Select { change, stale } => {
                let (summary, mut selected) = select_for_rules(cfg, &scan, &old, &change, jobs);
                selected.extend(stale.into_iter().filter(|id| scan.files.contains_key(id)));
                selected.sort();
                selected.dedup();
                // documents left alone are as the new rules would make them;
                // the selected ones take the new rules when they are done (a
                // run stopped before leaves them to the next)
                let chosen: std::collections::BTreeSet<&str> =
                    selected.iter().map(String::as_str).collect();
                for (id, e) in old.docs.iter_mut() {
                    if !chosen.contains(id.as_str()) {
                        e.rules = fingerprint.clone();
                    }
                }
                rebuild = Rebuild::No;
                selective = Some((summary, selected));
            }
        }
    }
    let mut plan = change_detection::plan(&scan, &old, rebuild, &fingerprint, &walked);
    if let Some((_, selected)) = &selective {
        force_jobs(&mut plan, &scan, &old, selected);
    }
    if removing {
        plan = removal::plan(&old, &cfg.remove);
    } else if !cfg.allow_removals && removal::too_many(plan.removed.len(), old.docs.len()) {
        return Err(RunError::TooManyRemovals {
            count: plan.removed.len(),
            total: old.docs.len(),
            roots: walked
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    report.rebuild = match &selective {
        Some((summary, selected)) => Some(format!(
            "rules changed: {summary} -> re-extracting {} of {} records",
            selected.len(),
            old.docs.len()
        )),
        None => describe_rebuild(rebuild, manifest_lost, &plan).map(|r| match &rules_why {
            Some(why) => format!("{r} ({why})"),
            None => r,
        }),
    };
    if let Some(r) = &report.rebuild {
        say(r);
    }
    for p in &scan.problems {
        report.failures.push(Failure {
            path: p.path.clone(),
            id: None,
            reason: p.reason.clone(),
            kept_previous: false,
        });
    }

    let mut new = old.clone();
    if wipe {
        new.docs.clear();
    }
    for w in &walked {
        if !new.roots.contains(w) {
            new.roots.push(w.clone());
        }
    }
    // entries of older manifests learn their root when it is walked again
    for e in new.docs.values_mut() {
        if e.root.is_none() {
            e.root = root_of(&cfg.roots, &e.path);
        }
    }
    let roots_moved = new.roots != old.roots
        || new.docs.len() != old.docs.len()
        || new
            .docs
            .iter()
            .any(|(id, e)| old.docs.get(id).is_some_and(|o| o.root != e.root));
    report.unchanged = plan.unchanged.len() as u64;

    let mut writer: Option<IndexWriter> = None;
    let open = |w: &mut Option<IndexWriter>| -> Result<(), IndexError> {
        if w.is_none() {
            *w = Some(IndexWriter::open_or_create(&cfg.index_dir, jobs)?);
        }
        Ok(())
    };
    let mut index_changed = false;
    if schema_mismatch.is_some() {
        remove_index_files(&cfg.index_dir)?;
    }
    if wipe && had_index {
        open(&mut writer)?;
        if let Some(w) = writer.as_mut() {
            w.delete_all()?;
        }
        index_changed = true;
    }
    for id in &strays {
        open(&mut writer)?;
        if let Some(w) = writer.as_mut() {
            w.delete_doc(id)?;
        }
        index_changed = true;
    }
    for id in &plan.removed {
        if !wipe {
            open(&mut writer)?;
            if let Some(w) = writer.as_mut() {
                w.delete_doc(id)?;
            }
            index_changed = true;
        }
        new.docs.remove(id);
        report.removed += 1;
    }

    if !plan.jobs.is_empty() {
        document_flow::process_all(
            cfg,
            &plan,
            &rules,
            &fingerprint,
            jobs,
            &old,
            wipe,
            &mut new,
            &mut report,
            &mut |id: &str, records: Vec<TantivyDocument>, replaces: bool| {
                open(&mut writer)?;
                if let Some(w) = writer.as_mut() {
                    if replaces {
                        w.delete_doc(id)?;
                    }
                    w.add_records(records)?;
                }
                index_changed = true;
                Ok(())
            },
        )?;
    }
    report.interrupted = interrupt::requested();

    let settings_moved = new.rules_fingerprint != fingerprint
        || new.schema_version != SCHEMA_VERSION
        || new.format != manifest::MANIFEST_FORMAT;
    report.failed = report.failures.len() as u64;
    // the failure report goes first: on a full disk it is what the user needs,
    // and when it cannot be written the failures go to stderr instead
    if let Err(e) = failure_report::write(&cfg.index_dir, &report.failures) {
        eprintln!(
            "agendex: cannot write {}: {e}; the failures of this run follow",
            cfg.index_dir.join(failure_report::FAILURES_FILE).display()
        );
        for f in &report.failures {
            eprintln!("agendex: failed: {f}");
        }
    }
    if index_changed || !had_index || settings_moved || set_aside.is_some() {
        let _committing = interrupt::Committing::start();
        open(&mut writer)?;
        new.run_id = new_run_id();
        new.committed_at = unix_secs();
        new.schema_version = SCHEMA_VERSION;
        new.rules_fingerprint = fingerprint.clone();
        new.format = manifest::MANIFEST_FORMAT;
        // manifest first, then the commit that points at it: killed in between,
        // the old payload still names the old manifest
        manifest::save(&cfg.index_dir, &new)?;
        if had_index {
            // the commit about to replace the last one stays restorable, with
            // the rules it was extracted with (kept before they are replaced)
            snapshot::keep_previous(&cfg.index_dir).map_err(|source| RunError::Io {
                path: cfg.index_dir.join(snapshot::PREVIOUS_DIR),
                source,
            })?;
        }
        // the rules of this commit, part by part, for the next rules change
        rule_change::save(&cfg.index_dir, &fingerprint, rules.inventory()).map_err(|source| {
            RunError::Io {
                path: cfg.index_dir.join(rule_change::INVENTORY_FILE),
                source,
            }
        })?;
        let payload = CommitPayload::new(&new.run_id);
        if let Some(w) = writer.as_mut() {
            w.commit(&payload.to_payload_string())?;
        }
        manifest::remove_stale(&cfg.index_dir, &payload.manifest);
        report.committed = true;
        index_repair::drop_set_aside(&cfg.index_dir);
        // the text of documents no longer indexed goes with them
        TextCache::new(&cfg.index_dir).retain(new.docs.values().map(|e| e.hash.as_str()));
    } else if report.touched > 0 || roots_moved {
        // same documents, only times moved: the committed manifest is updated in
        // place (same run id), which keeps it true to the index
        manifest::save(&cfg.index_dir, &new)?;
    }
    if let Some(w) = writer {
        // merges started by the commit finish here, so the next run starts compact
        w.finish()?;
    }

    report.documents = new.docs.len() as u64;
    report.total_segments = new.segments();
    report.seconds = started.elapsed().as_secs_f64();
    let io = |path: PathBuf| move |source| RunError::Io { path, source };
    let json = serde_json::to_vec_pretty(&report).map_err(std::io::Error::other);
    json.and_then(|j| manifest::write_atomically(&cfg.index_dir.join(LAST_RUN_FILE), &j))
        .map_err(io(cfg.index_dir.join(LAST_RUN_FILE)))?;
    Ok(report)
}

/// Removes an index of another schema (tantivy's files, the schema file, old
/// manifests), keeping everything else: this run's lock, reports, other files. Only called when the folder
/// holds an agendex schema file, so a folder that is not an agendex index is
/// never emptied. A run killed after this point leaves an empty index that the
/// next run fills: the records themselves are in the corpus.
fn remove_index_files(dir: &Path) -> Result<(), RunError> {
    if !dir.join(index::index_writer::SCHEMA_FILE).is_file() {
        return Err(RunError::Index(IndexError::SchemaMismatch {
            dir: dir.to_path_buf(),
            found: "unknown".into(),
            expected: SCHEMA_VERSION,
        }));
    }
    let rd = std::fs::read_dir(dir).map_err(|source| RunError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && index_repair::is_index_file(&name) {
            std::fs::remove_file(entry.path()).map_err(|source| RunError::Io {
                path: entry.path(),
                source,
            })?;
        }
    }
    Ok(())
}

/// The absolute corpus root among `roots` that `path` was found under.
pub(super) fn root_of(roots: &[PathBuf], path: &Path) -> Option<PathBuf> {
    roots
        .iter()
        .find(|r| path.starts_with(r))
        .map(|r| config::absolute(r))
}

fn describe_rebuild(rebuild: Rebuild, manifest_lost: bool, plan: &ChangePlan) -> Option<String> {
    let n = plan.jobs.len();
    match rebuild {
        Rebuild::No => None,
        _ if manifest_lost => Some(format!(
            "the index has no usable manifest: rebuilding it from all {n} documents"
        )),
        Rebuild::Full => Some(format!("--full: re-processing all {n} documents")),
        Rebuild::Schema { from, to } => Some(format!(
            "index schema changed (version {from} -> {to}): rebuilding the index from all {n} documents"
        )),
        Rebuild::Rules => Some(format!("rules changed: re-extracting all {n} documents")),
    }
}

/// For a rules change that only some records can feel: what changed, and the
/// ids of the indexed documents still in the corpus whose text holds one of
/// the changed rules' texts.
fn select_for_rules(
    cfg: &IngestConfig,
    scan: &corpus_walk::CorpusScan,
    old: &Manifest,
    change: &crate::extract::rule_inventory::RuleChange,
    jobs: usize,
) -> (String, Vec<String>) {
    use crate::extract::rule_inventory::RuleChange;
    let (exact, any_case, summary) = match change {
        RuleChange::Nothing => {
            return (
                "no rule differs (comments or files that are not rules)".into(),
                Vec::new(),
            )
        }
        RuleChange::Texts {
            exact,
            any_case,
            summary,
        } => (exact, any_case, summary.clone()),
        RuleChange::Everything(_) => (&Vec::new(), &Vec::new(), String::new()),
    };
    let docs: Vec<(String, String)> = old
        .docs
        .iter()
        .filter(|(id, _)| scan.files.contains_key(*id))
        .map(|(id, e)| (id.clone(), e.hash.clone()))
        .collect();
    let selected = match rule_change::TextFinder::new(exact, any_case) {
        Ok(finder) => rule_change::select(&TextCache::new(&cfg.index_dir), &docs, &finder, jobs),
        // texts that cannot be searched: every document is a candidate
        Err(_) => docs.into_iter().map(|(id, _)| id).collect(),
    };
    (summary, selected)
}

/// Makes the plan re-extract the `selected` documents, whatever their files say.
fn force_jobs(
    plan: &mut ChangePlan,
    scan: &corpus_walk::CorpusScan,
    old: &Manifest,
    selected: &[String],
) {
    let selected: std::collections::BTreeSet<&str> = selected.iter().map(String::as_str).collect();
    for job in &mut plan.jobs {
        if let change_detection::Work::Check { force, .. } = &mut job.work {
            if selected.contains(job.file.id.as_str()) {
                *force = true;
            }
        }
    }
    let mut unchanged = Vec::new();
    for id in std::mem::take(&mut plan.unchanged) {
        match (
            selected.contains(id.as_str()),
            scan.files.get(&id),
            old.docs.get(&id),
        ) {
            (true, Some(file), Some(entry)) => plan.jobs.push(change_detection::Job {
                file: file.clone(),
                work: change_detection::Work::Check {
                    old_hash: entry.hash.clone(),
                    force: true,
                },
            }),
            _ => unchanged.push(id),
        }
    }
    plan.unchanged = unchanged;
    plan.jobs.sort_by(|a, b| a.file.id.cmp(&b.file.id));
}

fn effective_jobs(jobs: usize) -> usize {
    if jobs > 0 {
        jobs
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

fn unix_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Unique per run: time in ms and pid (two runs cannot share both: the lock).
fn new_run_id() -> String {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("{ms}-{}", std::process::id())
}
