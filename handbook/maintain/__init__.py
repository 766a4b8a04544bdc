"""Maintainers' tools: the command line, the content checks, review and translation reports, file history,
CI annotations."""
