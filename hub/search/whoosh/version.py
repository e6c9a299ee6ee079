"""The Whoosh release whose private members the speed code (evaluate, indexing, columns) reads.

Those modules read Whoosh's postings, blocks and columns directly. They are held to Whoosh's own
output by tests/test_search_evaluate.py and tests/test_search_indexing.py for this release only;
with any other release the hub searches and rebuilds through Whoosh's own matchers and writer
(slower, never wrong) and says so once in the log.
"""

from __future__ import annotations

import logging

import whoosh

SUPPORTED = (2, 7, 5)
INSTALLED = tuple(whoosh.__version__[:3])
FAST_PATH = INSTALLED == SUPPORTED

if not FAST_PATH:
    logging.getLogger(__name__).warning(
        "Whoosh %s is installed; the hub's fast search paths are written for %s and stay off "
        "(searches and rebuilds use Whoosh's own code).",
        ".".join(map(str, INSTALLED)), ".".join(map(str, SUPPORTED)))
