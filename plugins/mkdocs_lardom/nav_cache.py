"""The navigation of pages outside it, rendered once per folder instead of once a page.

Material renders the whole navigation into every page, and its nav-item macro is the costliest
template code of a build: at 10,000 lesson pages, seconds of it. On a page that is not in the
navigation no item is active, and the links are relative: so pages in the same folder (all
lessons of an agency, all agency pages) get the very same navigation HTML.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from jinja2 import Environment
from jinja2.runtime import Context

NAV_TEMPLATE = "partials/nav.html"


def folder_key(url: str, nav_urls: Collection[str]) -> str | None:
    """The folder whose pages share this page's navigation HTML; None if the page must render
    its own: it is in the navigation, or a page of the navigation lies below it (its link
    from here would differ from the link from a sibling)."""
    if url in nav_urls or any(other.startswith(url) for other in nav_urls):
        return None
    return url.rstrip("/").rpartition("/")[0]


def cache_navigation(env: Environment, nav_urls: Collection[str]) -> dict[str, str]:
    """Render NAV_TEMPLATE once per folder_key(); other pages render it as usual. Returns the
    cache (folder key -> HTML), filled as pages are rendered, so that the build's gate reads each
    navigation once.

    The cache lives on this environment's template object, and MkDocs makes a new environment
    for every build, so a rebuild under `mkdocs serve` starts empty.
    """
    template = env.get_template(NAV_TEMPLATE)
    render = template.root_render_func
    rendered: dict[str, str] = {}

    def root_render_func(context: Context) -> Iterator[str]:
        page = context.get("page")
        key = folder_key(page.url, nav_urls) if getattr(page, "url", None) is not None else None
        if key is None:
            yield from render(context)
            return
        if key not in rendered:
            rendered[key] = env.concat(render(context))
        yield rendered[key]

    template.root_render_func = root_render_func
    return rendered
