//! A bounded least-recently-used cache of search results, so that a researcher
//! paging back, a permalink opened twice or a facet clicked and undone costs a
//! hash lookup instead of a search.
//!
//! Keys hold the index generation: a reload makes every older entry unreachable,
//! and [`SearchCache::clear`] frees them at once.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use crate::query::search::FacetCounts;

/// A map of at most `capacity` entries that forgets the least recently used.
///
/// Recency is a counter: `order` maps each entry's last use to its key, so the
/// oldest is the first entry of the tree (log-time, no linked list).
pub struct Lru<K, V> {
    capacity: usize,
    tick: u64,
    entries: HashMap<K, (V, u64)>,
    order: BTreeMap<u64, K>,
}

impl<K: Hash + Eq + Clone, V: Clone> Lru<K, V> {
    /// An empty cache of at most `capacity` entries (0 keeps nothing).
    pub fn new(capacity: usize) -> Lru<K, V> {
        Lru {
            capacity,
            tick: 0,
            entries: HashMap::new(),
            order: BTreeMap::new(),
        }
    }

    /// The value of `key`, marked as just used.
    pub fn get(&mut self, key: &K) -> Option<V> {
        self.tick += 1;
        let tick = self.tick;
        let (value, used) = self.entries.get_mut(key)?;
        self.order.remove(used);
        *used = tick;
        self.order.insert(tick, key.clone());
        Some(value.clone())
    }

    /// Stores `value` under `key`, forgetting the least recently used entry when full.
    pub fn put(&mut self, key: K, value: V) {
        if self.capacity == 0 {
            return;
        }
        self.tick += 1;
        if let Some((_, used)) = self.entries.remove(&key) {
            self.order.remove(&used);
        }
        while self.entries.len() >= self.capacity {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            self.entries.remove(&oldest);
        }
        self.order.insert(self.tick, key.clone());
        self.entries.insert(key, (value, self.tick));
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
    }
}

/// What identifies a set of matches: the normalised query with the filters
/// resolved to canonical names, on one index generation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchKey {
    /// Index generation the results were computed on.
    pub generation: u64,
    /// Query text, whitespace runs collapsed (case is kept: `AND`/`and` differ).
    pub query: String,
    /// Resolved filters, as text (canonical names and days).
    pub filters: String,
}

impl MatchKey {
    /// The key of `query` under `filters` (any `Debug` form of the resolved
    /// filters) on `generation`.
    pub fn new(generation: u64, query: &str, filters: &impl std::fmt::Debug) -> MatchKey {
        MatchKey {
            generation,
            query: query.split_whitespace().collect::<Vec<_>>().join(" "),
            filters: format!("{filters:?}"),
        }
    }
}

/// One page of ranked matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    /// The matches.
    pub matches: MatchKey,
    /// Order (the library's sort, as text).
    pub sort: String,
    /// Hits skipped.
    pub offset: usize,
    /// Hits kept.
    pub limit: usize,
}

/// One page of a search as the views use it.
#[derive(Debug, Clone)]
pub struct CachedPage {
    /// Matching items in all.
    pub total: usize,
    /// The page's hits, each with its document symbol and entities by type.
    pub hits: Arc<Vec<super::views::HitView>>,
}

/// Pages and facet counts, each in its own bounded LRU: facets do not depend
/// on the page or the order, so paging through a broad query counts them once.
pub struct SearchCache {
    pages: Mutex<Lru<PageKey, CachedPage>>,
    facets: Mutex<Lru<MatchKey, Arc<FacetCounts>>>,
}

/// Entries per map: a page of 10 hits with snippets is a few KB, so 1,024 pages
/// and as many facet sets stay within a few MB.
pub const CACHE_ENTRIES: usize = 1_024;

impl Default for SearchCache {
    fn default() -> SearchCache {
        SearchCache::new(CACHE_ENTRIES)
    }
}

impl SearchCache {
    /// A cache of at most `entries` pages and as many facet sets.
    pub fn new(entries: usize) -> SearchCache {
        SearchCache {
            pages: Mutex::new(Lru::new(entries)),
            facets: Mutex::new(Lru::new(entries)),
        }
    }

    fn pages(&self) -> std::sync::MutexGuard<'_, Lru<PageKey, CachedPage>> {
        // a panic while holding the lock leaves a consistent map: keep using it
        self.pages.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn facet_map(&self) -> std::sync::MutexGuard<'_, Lru<MatchKey, Arc<FacetCounts>>> {
        self.facets.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A page computed before.
    pub fn page(&self, key: &PageKey) -> Option<CachedPage> {
        self.pages().get(key)
    }

    /// Keeps a page.
    pub fn put_page(&self, key: PageKey, page: CachedPage) {
        self.pages().put(key, page);
    }

    /// Facet counts computed before.
    pub fn facets(&self, key: &MatchKey) -> Option<Arc<FacetCounts>> {
        self.facet_map().get(key)
    }

    /// Keeps facet counts.
    pub fn put_facets(&self, key: MatchKey, facets: Arc<FacetCounts>) {
        self.facet_map().put(key, facets);
    }

    /// Forgets everything (after a reload: older generations are unreachable).
    pub fn clear(&self) {
        self.pages().clear();
        self.facet_map().clear();
    }

    /// Pages and facet sets held.
    pub fn len(&self) -> (usize, usize) {
        (self.pages().len(), self.facet_map().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_entry_goes_first() {
        let mut lru = Lru::new(2);
        lru.put("a", 1);
        lru.put("b", 2);
        assert_eq!(lru.get(&"a"), Some(1));
        lru.put("c", 3);
        assert_eq!(lru.get(&"b"), None, "b was the least recently used");
        assert_eq!(lru.get(&"a"), Some(1));
        assert_eq!(lru.get(&"c"), Some(3));
        lru.put("c", 4);
        assert_eq!(lru.len(), 2);
        assert_eq!(lru.get(&"c"), Some(4));
        let mut none: Lru<&str, i32> = Lru::new(0);
        none.put("a", 1);
        assert!(none.is_empty());
    }

    #[test]
    fn keys_ignore_spacing_but_not_generation_or_case() {
        let a = MatchKey::new(1, " mine   clearance ", &("Japan",));
        assert_eq!(a, MatchKey::new(1, "mine clearance", &("Japan",)));
        assert_ne!(a, MatchKey::new(2, "mine clearance", &("Japan",)));
        assert_ne!(a, MatchKey::new(1, "mine clearance", &("Chile",)));
        assert_ne!(
            MatchKey::new(1, "a AND b", &()),
            MatchKey::new(1, "a and b", &())
        );
    }
}
