//! Stage 4: the tantivy index (contract stub: the index stage replaces the bodies).
