"""Guides: their files and rules, screen illustrations, the page additions, quick cards and hand-outs."""
