"""Search: folding Vietnamese as people type it, and the search index of each language."""
