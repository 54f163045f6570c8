"""Where derived data is kept between runs, and the content hash that says when it is stale.

Its own module so that the site build can use the cache (related lessons) without importing
the search engine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .lesson import Lesson

CACHE = Path(".cache") / "lardom"  # under the repository root; never published


def content_hash(lesson: Lesson) -> str:
    return hashlib.sha256((lesson.front + "\0" + lesson.body).encode("utf-8")).hexdigest()[:32]
