"""The last line of defence: a lesson's rendered HTML, cleaned with nh3 (ammonia) so that
nothing in it can run script, whatever the checker let through."""

from __future__ import annotations

import nh3

# What Markdown (with the site's extensions) produces from a lesson body, and no more.
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre", "s", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ATTRIBUTES = {
    "*": {"id", "class", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}


# Removed with everything in them, not just unwrapped.
_DROPPED = {"script", "style", "template", "textarea", "title", "noscript"}


def _cleaner(tags: set[str]) -> nh3.Cleaner:
    return nh3.Cleaner(tags=tags, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, clean_content_tags=_DROPPED,
                       link_rel="noopener noreferrer")


# Configured once: nh3.clean() would convert these sets on every call (a tenth of its time).
_CLEANER = _cleaner(TAGS)
# Pages the plugin writes from taxonomy text: the same, with the page's own heading.
_PAGE_CLEANER = _cleaner(TAGS | {"h1"})


def clean(html: str) -> str:
    return _CLEANER.clean(html)


def clean_page(html: str) -> str:
    """A whole generated page's content, its h1 included."""
    return _PAGE_CLEANER.clean(html)
