"""Pages that moved: a static page at the old address that sends the reader on.

No script is needed: a meta refresh moves the browser at once, the canonical link tells search
engines where the page lives now, and the link is there for a reader whose browser does neither.
"""

from __future__ import annotations

from markupsafe import escape

from .structure import relative


def redirect_page(old_url: str, new_url: str, title: str, site_url: str = "") -> str:
    """The HTML served at old_url (a site-relative folder URL) for the page now at new_url."""
    target = escape(relative(old_url, new_url))
    canonical = escape(site_url.rstrip("/") + "/" + new_url) if site_url else target
    name = escape(title)
    return (
        '<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Sidan har flyttat: {name}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "</head>\n<body>\n"
        f'<h1>Sidan har flyttat</h1>\n<p>Sidan {name} finns nu på <a href="{target}">en ny adress</a>.</p>\n'
        "</body>\n</html>\n"
    )
