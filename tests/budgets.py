"""The budgets the tests enforce, written once, here: a test never reads them from the code it checks
(raising a limit in the code must turn a test red, not move the test's bar with it).

scripts/bench reads this file for the same page budgets (it measures what tests/test_install_browser.py
checks). Where the code enforces a limit itself (the search index: the build and scripts/search-index-size),
it keeps its own constant, and a test gives it an index just over the figure here and expects a refusal.
"""

# First visit of any page type, on a phone with an empty cache (issue 19).
PAGE_KB = 70
PAGE_REQUESTS = 8
# Lighthouse 12, mobile preset (scripts/bench only: too slow and too noisy for a test).
LIGHTHOUSE_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Each language's search index, downloaded when the reader opens the search (gzip).
SEARCH_INDEX_KB = 100
