"""MkDocs hook for wards (thin glue; rules live in handbook/)."""
