"""Data rules of the Long Khánh community digital handbook.

Plain Python, importable and testable without MkDocs. The MkDocs hooks in
``overrides/hooks/`` only call into this package.
"""
