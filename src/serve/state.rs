//! What every request shares: the index reader (swapped for a new one when an
//! `ingest` has committed), name tables, entity counts and search results cached
//! per index generation, and the permits that bound concurrent requests.
//!
//! Reloading is off the request path: tantivy's meta-file watcher (the one its
//! own `ReloadPolicy::OnCommitWithDelay` uses) calls back on a commit, and the
//! callback opens the new commit and swaps it in. A request only clones the
//! current reader under a short lock.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use tantivy::directory::{Directory, WatchCallback, WatchHandle};
use tokio::sync::Semaphore;

use super::error::ServeError;
use super::facet_slots::FacetSlots;
use super::search_cache::SearchCache;
use super::Limits;
use crate::index::IndexReader;
use crate::query::entity_listing::Group;
use crate::query::names::{name_table, NameKind, NameTable};
use crate::query::synonyms::Synonyms;

/// While no reader is open (no index yet) or the watcher could not start, how
/// often a request may look at the folder: a burst of requests costs one look.
const OPEN_RETRY: Duration = Duration::from_millis(250);

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
    cache: SearchCache,
}

/// What identifies a commit: its operation stamp and its segments with their
/// deletions (the watcher also calls back once when it starts, on no change).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Commit {
    opstamp: u64,
    segments: Vec<(String, u32)>,
}

fn commit_of(reader: &IndexReader) -> Option<Commit> {
    let meta = reader.index().load_metas().ok()?;
    let mut segments: Vec<(String, u32)> = meta
        .segments
        .iter()
        .map(|s| (s.id().uuid_string(), s.num_deleted_docs()))
        .collect();
    segments.sort();
    Some(Commit {
        opstamp: meta.opstamp,
        segments,
    })
}

#[derive(Default)]
struct Loaded {
    reader: Option<Arc<IndexReader>>,
    commit: Option<Commit>,
    /// Keeps the watcher's callback registered (dropping it unregisters).
    watch: Option<WatchHandle>,
    /// Last look at the folder from a request (only without a watcher).
    tried: Option<Instant>,
    /// Bumped at every reopen; caches are keyed by it.
    generation: u64,
    names: HashMap<&'static str, Arc<NameTable>>,
    entities: HashMap<String, Arc<Vec<Group>>>,
    /// Every record's facet values, for counting (built when a commit is
    /// swapped in, so the first search on it does not pay for it).
    facet_slots: Option<Arc<FacetSlots>>,
}

/// The name tables the search filters resolve with, built at each reload.
const WARMED_NAMES: [NameKind; 2] = [NameKind::State, NameKind::Body];

/// Key of a name table in [`Loaded::names`].
fn name_key(kind: NameKind) -> &'static str {
    match kind {
        NameKind::State => "state",
        NameKind::Organisation => "organisation",
        NameKind::Body => "body",
    }
}

/// Tables built for a commit before it is swapped in.
struct Warm {
    names: HashMap<&'static str, Arc<NameTable>>,
    facet_slots: Option<Arc<FacetSlots>>,
}

/// A reader and the generation it belongs to.
#[derive(Clone)]
pub struct Current {
    /// The reader.
    pub reader: Arc<IndexReader>,
    /// Its generation (changes after each reload).
    pub generation: u64,
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
            cache: SearchCache::default(),
        }
    }

    /// The query-time synonyms every search expands with.
    pub fn synonyms(&self) -> Arc<Synonyms> {
        Arc::clone(&self.synonyms)
    }

    /// Search pages and facet counts of recent queries.
    pub fn search_cache(&self) -> &SearchCache {
        &self.cache
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Loaded> {
        // a panic while holding the lock leaves plain data behind: keep serving
        self.loaded.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The reader on the index's last commit. While an ingest runs, readers keep
    /// answering from the previous commit. Blocking (the first call opens the
    /// index): call from a blocking task.
    pub fn current(self: &Arc<Self>) -> Result<Current, ServeError> {
        {
            let loaded = self.lock();
            if let (Some(reader), Some(_)) = (&loaded.reader, &loaded.watch) {
                return Ok(Current {
                    reader: reader.clone(),
                    generation: loaded.generation,
                });
            }
        }
        let due = {
            let mut loaded = self.lock();
            let due = loaded.tried.is_none_or(|t| t.elapsed() >= OPEN_RETRY);
            if due {
                loaded.tried = Some(Instant::now());
            }
            due
        };
        if due {
            if let Err(e) = self.reload() {
                if self.lock().reader.is_none() {
                    return Err(e);
                }
            }
        }
        let loaded = self.lock();
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

    /// Opens the folder's last commit and, when it differs from the one served,
    /// swaps it in, forgets what was cached on the old one and watches the new
    /// one's meta file. A reader already open keeps serving if this fails.
    fn reload(self: &Arc<Self>) -> Result<(), ServeError> {
        // an index being created for the first time: the caller says so
        let reader = IndexReader::open(&self.index_dir)
            .map_err(|e| ServeError::unavailable(e.to_string()))?;
        let commit = commit_of(&reader);
        let served = |loaded: &Loaded| {
            loaded.reader.is_some() && commit.is_some() && loaded.commit == commit
        };
        {
            let loaded = self.lock();
            // the watcher's first call, or a rewrite of the same commit
            if served(&loaded) && loaded.watch.is_some() {
                return Ok(());
            }
        }
        let weak: Weak<AppState> = Arc::downgrade(self);
        let callback = WatchCallback::new(move || {
            if let Some(state) = weak.upgrade() {
                // a failed reopen keeps the commit being served
                let _ = state.reload();
            }
        });
        let watch = reader.index().directory().watch(callback).ok();
        // the tables every search needs are built before the swap, while
        // requests still answer from the old commit: no request pays for them
        let warm = self.warm_tables(&reader);
        let mut loaded = self.lock();
        if served(&loaded) {
            // another thread swapped this commit in meanwhile
            if loaded.watch.is_none() {
                loaded.watch = watch;
            }
            return Ok(());
        }
        loaded.reader = Some(Arc::new(reader));
        loaded.commit = commit;
        loaded.watch = watch;
        loaded.generation += 1;
        loaded.names = warm.names;
        loaded.entities.clear();
        loaded.facet_slots = warm.facet_slots;
        drop(loaded);
        self.cache.clear();
        Ok(())
    }

    /// The facet table and the name tables of the filters, read from `reader`
    /// (a failure leaves a table out: it is built, or its error shown, at the
    /// first request that needs it).
    fn warm_tables(&self, reader: &IndexReader) -> Warm {
        let names = WARMED_NAMES
            .iter()
            .filter_map(|&kind| {
                let table = name_table(reader, kind, self.rules.as_deref()).ok()?;
                Some((name_key(kind), Arc::new(table)))
            })
            .collect();
        Warm {
            names,
            facet_slots: FacetSlots::build(reader).ok().map(Arc::new),
        }
    }

    /// Opens the index and builds its tables now, if it exists, so that the
    /// first request finds them ready (else the first request looks again).
    pub fn warm(self: &Arc<Self>) {
        let _ = self.reload();
    }

    /// Whether an index is open with the tables its searches use already built
    /// (the facet table and the name tables of the filters): true from the
    /// moment a commit is served, since they are built before it is swapped in.
    pub fn tables_ready(&self) -> bool {
        let loaded = self.lock();
        loaded.reader.is_some()
            && loaded.facet_slots.is_some()
            && WARMED_NAMES
                .iter()
                .all(|&k| loaded.names.contains_key(name_key(k)))
    }

    /// Every record's facet values for the current generation (see
    /// [`FacetSlots`]), built at most once per generation.
    pub fn facet_slots(&self, cur: &Current) -> Result<Arc<FacetSlots>, ServeError> {
        if let Some(t) = self.cached(cur, |l| l.facet_slots.clone()) {
            return Ok(t);
        }
        let table = Arc::new(FacetSlots::build(&cur.reader)?);
        let mut loaded = self.lock();
        if loaded.generation == cur.generation {
            loaded.facet_slots = Some(table.clone());
        }
        Ok(table)
    }

    /// The name table of `kind` for the current generation (facet counts over the
    /// whole index plus the gazetteers: too slow to rebuild per request).
    pub fn names(&self, cur: &Current, kind: NameKind) -> Result<Arc<NameTable>, ServeError> {
        let key = name_key(kind);
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
