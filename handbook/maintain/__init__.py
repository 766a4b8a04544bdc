"""Maintainers' tools: the command line, the content checks, a new guide from the template, review and
translation reports, file history, CI annotations."""
