"""The last line of defence: a lesson's rendered HTML, cleaned with nh3 (ammonia) so that
nothing in it can run script, whatever the checker let through."""

from __future__ import annotations

import re
from typing import Any

import nh3

# What Markdown (with the site's extensions) produces from a lesson body, and no more.
TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# The classes Markdown's admonitions give a lesson; any other would let a lesson dress text up as
# the site's own interface ({: .md-dialog } renders a "log in again" notice).
ADMONITIONS = {
    "note",
    "abstract",
    "info",
    "tip",
    "success",
    "question",
    "warning",
    "failure",
    "danger",
    "bug",
    "example",
    "quote",
}
CLASSES = {"div": {"admonition", *ADMONITIONS}, "p": {"admonition-title"}}
# An id a lesson's heading may carry: Markdown's own slugs ("lardomar" for "## Lärdomar"). Ours and
# Material's (lardom, lardom-*, __drawer) are left out, so that a heading cannot take over an element
# the page's scripts look up.
_ID = re.compile(r"(?!lardom(?:-|$))[a-z0-9\u00c0-\u024f][\w\u00c0-\u024f-]*")


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if _ID.fullmatch(value) else None
    if name in ("src", "href") and value.lstrip().startswith("//"):
        return None  # protocol-relative: another host
    if tag == "img" and name == "src" and _SCHEME.match(value.strip()):
        return None  # the site loads nothing from other hosts
    return value


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


# Removed with everything in them, not just unwrapped.
_DROPPED = {"script", "style", "template", "textarea", "title", "noscript"}


def _cleaner(tags: set[str], **options: Any) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=tags,
        url_schemes=URL_SCHEMES,
        clean_content_tags=_DROPPED,
        link_rel="noopener noreferrer",
        **options,
    )


# Configured once: nh3.clean() would convert these sets on every call (a tenth of its time).
_CLEANER = _cleaner(TAGS, attributes=ATTRIBUTES, allowed_classes=CLASSES, attribute_filter=_attribute)
# Pages the plugin writes from taxonomy text: the same, with the page's own heading and its classes.
_PAGE_CLEANER = _cleaner(TAGS | {"h1"}, attributes={**ATTRIBUTES, "*": ATTRIBUTES["*"] | {"class"}})


def clean(html: str) -> str:
    return _CLEANER.clean(html)


def clean_page(html: str) -> str:
    """A whole generated page's content, its h1 included."""
    return _PAGE_CLEANER.clean(html)
