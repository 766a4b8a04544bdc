"""MkDocs hook for offline (thin glue; rules live in handbook/)."""
