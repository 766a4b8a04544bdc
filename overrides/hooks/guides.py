"""MkDocs hook for guides (thin glue; rules live in handbook/)."""
