"""Atom feeds (RFC 4287) of the newest public lessons: all of them, per theme and per agency.

Feeds go to readers and aggregators outside the site, so they carry public lessons only,
whatever the build publishes. Every value is derived from the lessons, so two builds give the
same bytes: `updated` is the newest lesson's date, never the time of the build.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .lesson import Lesson
from .publication import newest_published_first
from .site.catalog import Catalog
from .site.fragments import EXAMPLE_MARK, swedish_summary, trust_marks
from .site.structure import FACETS_BY_KEY, FEEDS_FOLDER, LESSONS_FOLDER, Facet, lesson_url, relative, term_url

# An entry's id is built from the lesson's id, never from its title or text, so that a feed
# reader shows an edited lesson as the same entry. The date in a tag: URI names when the
# authority held the name; it must never change (RFC 4151).
TAG_AUTHORITY = "tag:lardomsbanken,2024:"
# A feed is read over and over by aggregators: the newest lessons are what they need, and
# the dumps in data/ hold the rest.
FEED_LIMIT = 50
MEDIA_TYPE = "application/atom+xml"
ALL = "lardomar.xml"
# A feed with no lessons yet still needs an `updated`; a fixed date keeps builds identical.
EMPTY_UPDATED = dt.date(2024, 1, 1)
FEED_FACETS = ("theme", "agency")


@dataclass(frozen=True)
class Feed:
    path: str  # in the site: feeds/teman/styrning.xml
    title: str
    page_url: str  # the site page the feed belongs to: teman/styrning/
    lessons: list[Lesson]


def entry_id(lesson: Lesson) -> str:
    return f"{TAG_AUTHORITY}{LESSONS_FOLDER}/{lesson.id}"


# Material for MkDocs takes every <link rel="alternate"> in a page for another language's copy of
# the site and fetches sitemap.xml beside it, on every page view: beside a feed that was a 404 (a
# failed request in the browser's console and the server's log). An empty sitemap in each folder
# of feeds answers it, and names no page.
SITEMAP = "sitemap.xml"
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'


def sitemap_paths(feed_paths: Iterable[str]) -> list[str]:
    """Where the empty sitemaps go: one in each folder that holds a feed (SITEMAP's comment)."""
    return sorted({posixpath.join(posixpath.dirname(path), SITEMAP) for path in feed_paths})


def all_path() -> str:
    return f"{FEEDS_FOLDER}/{ALL}"


def term_path(facet: Facet, slug: str) -> str:
    """A theme's or agency's feed, named like its page (Term.slug)."""
    return f"{FEEDS_FOLDER}/{facet.folder}/{slug}.xml"


def feeds(catalog: Catalog, allowed: set[str] | None = None) -> list[Feed]:
    """Every feed the site has: one for all lessons, one per theme (each theme has its page,
    lessons or not) and one per agency with a page (one with lessons). allowed: the ids of
    the lessons a feed may hold (the build's gate may have left some out); None for all."""

    def _public(lessons: list[Lesson]) -> list[Lesson]:
        # What is new is what came to Lärdomsbanken last (`published`), not what was written last:
        # an agency may share a lesson years after it was written.
        return sorted(
            (lesson for lesson in lessons if lesson.is_public and (allowed is None or lesson.id in allowed)),
            key=newest_published_first,
        )[:FEED_LIMIT]

    found = [Feed(all_path(), "Lärdomsbanken: nya lärdomar", "", _public(catalog.lessons))]
    for key in FEED_FACETS:
        facet = FACETS_BY_KEY[key]
        for term in catalog.taxonomy[facet.vocabulary]:
            lessons = catalog.group(facet, term.id)
            if key == "agency" and not lessons:
                continue
            found.append(
                Feed(
                    term_path(facet, term.slug),
                    f"Lärdomsbanken: {term.label}",
                    term_url(facet, term),
                    _public(lessons),
                )
            )
    return found


def feed_for_page(catalog: Catalog, page_url: str) -> str | None:
    """The path of the feed that belongs to a theme or agency page, if the page has one."""
    for key in FEED_FACETS:
        facet = FACETS_BY_KEY[key]
        for term in catalog.taxonomy[facet.vocabulary]:
            if term_url(facet, term) == page_url and (key != "agency" or catalog.group(facet, term.id)):
                return term_path(facet, term.slug)
    return None


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _href(base: str, feed_path: str, target: str) -> str:
    """target (a site-relative URL) as the feed links it: absolute under site_url, otherwise
    relative to the feed's own address, which RFC 4287 resolves links against."""
    if base:
        return base + target
    folder = feed_path.rsplit("/", 1)[0] + "/"
    return relative(folder, target)


def atom(feed: Feed, catalog: Catalog, base: str = "") -> str:
    """The feed's XML. base is the site's address ending in a slash, or "" when it is unknown."""
    taxonomy = catalog.taxonomy
    themes = taxonomy.themes
    newest = max((lesson.published for lesson in feed.lessons if lesson.published), default=EMPTY_UPDATED)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <id>{escape(TAG_AUTHORITY + feed.path.removesuffix('.xml'))}</id>",
        f"  <title>{escape(feed.title)}</title>",
        f"  <updated>{_timestamp(newest)}</updated>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(_href(base, feed.path, feed.page_url))}/>',
    ]
    if base:  # a self link must be absolute to be of use to an aggregator
        lines.append(f'  <link rel="self" type="{MEDIA_TYPE}" href={quoteattr(base + feed.path)}/>')
    lines.append("  <author><name>Lärdomsbanken</name></author>")
    for lesson in feed.lessons:
        agency = (
            taxonomy.agencies[lesson.agency].label if lesson.agency in taxonomy.agencies else lesson.agency
        )
        date = _timestamp(lesson.published) if lesson.published else _timestamp(EMPTY_UPDATED)
        # A feed reader lists titles: an invented example says so there, as in the site's lists.
        title = f"{lesson.title} ({EXAMPLE_MARK.lower()})" if lesson.example else lesson.title
        summary, _language = swedish_summary(lesson, catalog)
        marks = "".join(f"{text}. " for text, _cls in trust_marks(lesson))
        lines += [
            "  <entry>",
            f"    <id>{escape(entry_id(lesson))}</id>",
            f"    <title>{escape(title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(_href(base, feed.path, lesson_url(lesson.id)))}/>',
            f"    <published>{date}</published>",
            f"    <updated>{date}</updated>",
            f"    <author><name>{escape(agency)}</name></author>",
            *(
                f"    <category term={quoteattr(t)} label={quoteattr(themes[t].label)}/>"
                for t in lesson.themes
                if t in themes
            ),
            f"    <summary>{escape(marks + summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
