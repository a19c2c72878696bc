//! The corpus-wide run: walk, process in parallel, index incrementally (stub).
