"""Lesson pages' content kept on disk between MkDocs' two passes over the pages.

MkDocs renders every page's Markdown first (on_page_content) and only then puts each page into
its template and writes it (on_page_context, on_post_page): every page's HTML is held from the
first pass to the second. At 50,000 lessons that was most of what the build's process held
once the data files were spooled. The store keeps it in an unnamed temporary file instead (the
operating system's page cache, which it may drop, not the process's memory) and hands each
page's back, the same text, just before the page is written.
"""

from __future__ import annotations

import os
import tempfile


class PageStore:
    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="lardom-pages-")  # noqa: SIM115 (closed by close())
        self._end = 0
        self._at: dict[str, tuple[int, int]] = {}  # key -> (offset, length) in the file

    def put(self, key: str, text: str) -> None:
        # surrogatepass: any str MkDocs hands over comes back the same, even a lone surrogate.
        data = text.encode("utf-8", "surrogatepass")
        self._file.write(data)
        self._at[key] = (self._end, len(data))
        self._end += len(data)

    def take(self, key: str) -> str | None:
        """The text put under key, forgotten here; None if there is none."""
        at = self._at.pop(key, None)
        if at is None:
            return None
        self._file.flush()
        offset, length = at
        parts = []
        while length:
            part = os.pread(self._file.fileno(), length, offset)
            if not part:
                raise OSError(f"lardom: the page store ended before {key}'s content")
            parts.append(part)
            offset, length = offset + len(part), length - len(part)
        return b"".join(parts).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()
        self._at.clear()
