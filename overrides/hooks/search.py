"""MkDocs hook for search (thin glue; rules live in handbook/)."""
