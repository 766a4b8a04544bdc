"""MkDocs hook for editing (thin glue; rules live in handbook/)."""
