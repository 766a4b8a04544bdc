"""MkDocs hook for safety (thin glue; rules live in handbook/)."""
