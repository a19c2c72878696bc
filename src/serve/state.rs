//! What every request shares: the index reader (reopened when an `ingest` has
//! committed), name tables and entity counts cached per index generation, and the
//! permits that bound concurrent requests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::Semaphore;

use super::error::ServeError;
use super::Limits;
use crate::index::IndexReader;
use crate::query::entity_listing::Group;
use crate::query::names::{name_table, NameKind, NameTable};
use crate::query::synonyms::Synonyms;

/// How often the index folder is looked at for a new commit: a stat per interval,
/// so a burst of requests costs one.
const RELOAD_CHECK: Duration = Duration::from_millis(250);

/// Shared by every request.
pub struct AppState {
    index_dir: PathBuf,
    rules: Option<PathBuf>,
    /// Query-time synonyms of the rules folder (none when it has no valid file).
    synonyms: Arc<Synonyms>,
    /// Request bounds.
    pub limits: Limits,
    /// One permit per request being answered.
    pub permits: Arc<Semaphore>,
    loaded: Mutex<Loaded>,
}

/// The commit a reader was opened on: tantivy rewrites `meta.json` (atomically)
/// at every commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: SystemTime,
    len: u64,
}

#[derive(Default)]
struct Loaded {
    reader: Option<Arc<IndexReader>>,
    stamp: Option<Stamp>,
    checked: Option<Instant>,
    /// Bumped at every reopen; caches are keyed by it.
    generation: u64,
    names: HashMap<&'static str, Arc<NameTable>>,
    entities: HashMap<String, Arc<Vec<Group>>>,
}

/// A reader and the generation it belongs to.
#[derive(Clone)]
pub struct Current {
    /// The reader.
    pub reader: Arc<IndexReader>,
    /// Its generation (changes after each reload).
    pub generation: u64,
}

fn stamp(dir: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some(Stamp {
        modified: meta.modified().ok()?,
        len: meta.len(),
    })
}

impl AppState {
    /// State over the index in `index_dir` (opened at the first request).
    pub fn new(index_dir: PathBuf, rules: Option<PathBuf>, limits: Limits) -> AppState {
        let synonyms = rules
            .as_deref()
            .and_then(|r| Synonyms::load(r).ok())
            .unwrap_or_default();
        AppState {
            index_dir,
            rules,
            synonyms: Arc::new(synonyms),
            permits: Arc::new(Semaphore::new(limits.max_in_flight.max(1))),
            limits,
            loaded: Mutex::new(Loaded::default()),
        }
    }

    /// The query-time synonyms every search expands with.
    pub fn synonyms(&self) -> Arc<Synonyms> {
        Arc::clone(&self.synonyms)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Loaded> {
        // a panic while holding the lock leaves plain data behind: keep serving
        self.loaded.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The reader on the index's last commit, reopened when `meta.json` changed
    /// (an `ingest` committed). While an ingest runs, readers keep answering from
    /// the previous commit. Blocking: call from a blocking task.
    pub fn current(&self) -> Result<Current, ServeError> {
        let mut loaded = self.lock();
        let due = loaded.checked.is_none_or(|t| t.elapsed() >= RELOAD_CHECK);
        if due {
            loaded.checked = Some(Instant::now());
            let now = stamp(&self.index_dir);
            if now.is_some() && (now != loaded.stamp || loaded.reader.is_none()) {
                match IndexReader::open(&self.index_dir) {
                    Ok(reader) => {
                        loaded.reader = Some(Arc::new(reader));
                        loaded.stamp = now;
                        loaded.generation += 1;
                        loaded.names.clear();
                        loaded.entities.clear();
                    }
                    // an index being created for the first time: say so below;
                    // a reader already open keeps serving its commit
                    Err(e) if loaded.reader.is_none() => {
                        return Err(ServeError::unavailable(e.to_string()))
                    }
                    Err(_) => {}
                }
            }
        }
        match &loaded.reader {
            Some(reader) => Ok(Current {
                reader: reader.clone(),
                generation: loaded.generation,
            }),
            None => Err(ServeError::unavailable(format!(
                "no index at {} yet: run `agendex ingest --index {}` (this page answers \
                 as soon as it has committed)",
                self.index_dir.display(),
                self.index_dir.display()
            ))),
        }
    }

    /// The name table of `kind` for the current generation (facet counts over the
    /// whole index plus the gazetteers: too slow to rebuild per request).
    pub fn names(&self, cur: &Current, kind: NameKind) -> Result<Arc<NameTable>, ServeError> {
        let key = match kind {
            NameKind::State => "state",
            NameKind::Organisation => "organisation",
            NameKind::Body => "body",
        };
        if let Some(t) = self.cached(cur, |l| l.names.get(key).cloned()) {
            return Ok(t);
        }
        let table = Arc::new(
            name_table(&cur.reader, kind, self.rules.as_deref()).map_err(ServeError::index)?,
        );
        let mut loaded = self.lock();
        if loaded.generation == cur.generation {
            loaded.names.insert(key, table.clone());
        }
        Ok(table)
    }

    /// Entity counts of one type for the current generation, computed by `make`
    /// at most once per generation.
    pub fn entity_groups(
        &self,
        cur: &Current,
        entity: &str,
        make: impl FnOnce() -> Result<Vec<Group>, ServeError>,
    ) -> Result<Arc<Vec<Group>>, ServeError> {
        if let Some(g) = self.cached(cur, |l| l.entities.get(entity).cloned()) {
            return Ok(g);
        }
        let groups = Arc::new(make()?);
        let mut loaded = self.lock();
        if loaded.generation == cur.generation {
            loaded.entities.insert(entity.to_string(), groups.clone());
        }
        Ok(groups)
    }

    fn cached<T>(&self, cur: &Current, get: impl FnOnce(&Loaded) -> Option<T>) -> Option<T> {
        let loaded = self.lock();
        if loaded.generation == cur.generation {
            get(&loaded)
        } else {
            None
        }
    }

    /// Runs `work` with the current reader on the blocking pool (queries are CPU
    /// and disk work that would stall the event loop).
    pub async fn with_reader<T, F>(self: &Arc<Self>, work: F) -> Result<T, ServeError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState, Current) -> Result<T, ServeError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let cur = state.current()?;
            work(&state, cur)
        })
        .await
        .map_err(|e| ServeError::internal(format!("the query task failed: {e}")))?
    }
}
