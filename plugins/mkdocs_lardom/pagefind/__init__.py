"""The site's search index: Pagefind over the lesson pages.

Pagefind (https://pagefind.app) writes ``site/pagefind/``: a small loader, a WebAssembly
search core with the Swedish stemmer, and the index split into chunks, so a browser fetches
only the part a query needs. Its binary comes from the npm registry (package.json, pinned by
package-lock.json; `npm ci` in the repository, which the Makefile runs): PyPI's
``pagefind[bin]`` stops at 1.5.2, whose searches take four to six times longer at 10,000
lessons than 1.6.0's (bench/search_speed.py).

The plugin feeds Pagefind each lesson page as MkDocs renders it (Indexer), through
Pagefind's service mode: Pagefind then indexes on a second core while MkDocs, which uses
one, renders the rest, and the bundle is ready soon after the last page instead of after a
second pass over the whole site. The official Python client (package ``pagefind``) waits a
tenth of a second for each reply, a quarter of an hour at 10,000 pages; Indexer writes
requests as they come and reads the replies on a thread. index_site() feeds the same
Indexer from the HTML files of a built site (dirty builds, benchmarks).

Only lesson pages are indexed: index pages such as ``myndigheter/`` are lists of lessons
and would only repeat them. Each page's data-pagefind-body element is what Pagefind reads.
Everything is indexed as Swedish (force_language): lessons written in English keep
``lang="en"`` on their title and body, but are indexed in the same Swedish index: Pagefind
keeps one index per language and a Swedish page searches only its own, so an English
index would be unreachable from the site.

Besides Pagefind's files, the bundle gets lardom-filters.json (see FILTER_VALUES).

Pagefind 1.5 writes its filter chunks in a random order (a Rust HashMap), so two runs over
the same site differ in those files, in the metadata naming them and in the entry file.
canonical_filters() (bundle.py) puts the entries in a fixed order and names the files after their
content, so that two builds of the same input give identical files. If the bundle's layout
is ever not the one it knows, it leaves the bundle as Pagefind wrote it (the report says so).

Free of MkDocs, like the core, so that the benchmark can call it on any built site.

Pagefind holds every page until it writes the bundle, and three times as much while writing
(12.5 GiB at 50,000 lessons), so Indexer gives the pages to one Pagefind process per part of
PART_PAGES and merges the parts' bundles into the one bundle a single process would have
written (parts.py): the browser sees no difference.

The package splits that by job: binary.py finds and checks the binary, service.py talks to
Pagefind's service (Indexer), parts.py merges the parts' bundles, bundle.py makes the bundle
byte-stable and indexes a written site (index_site).
"""

from __future__ import annotations

from .binary import MAJOR_VERSION, PagefindError, pagefind_binary, pagefind_version
from .bundle import BUNDLE, FILTER_VALUES, LESSON_GLOB, UNUSED, index_site
from .service import LANGUAGE, PART_PAGES, Indexer, IndexReport

__all__ = [
    "BUNDLE",
    "FILTER_VALUES",
    "LANGUAGE",
    "LESSON_GLOB",
    "MAJOR_VERSION",
    "PART_PAGES",
    "UNUSED",
    "IndexReport",
    "Indexer",
    "PagefindError",
    "index_site",
    "pagefind_binary",
    "pagefind_version",
]
