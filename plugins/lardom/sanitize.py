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


# Configured once: nh3.clean() would convert these sets on every call (a tenth of its time).
_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                       clean_content_tags={"script", "style", "template", "textarea", "title", "noscript"},
                       link_rel="noopener noreferrer")


def clean(html: str) -> str:
    return _CLEANER.clean(html)
