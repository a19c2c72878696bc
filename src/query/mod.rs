//! Answers from the index: search, outlines, entity listings, summaries (stub).
