"""The navigation of lesson pages, rendered once instead of once a page.

Material renders the whole navigation into every page, and its nav-item macro is the costliest
template code of a build: at 10,000 lesson pages, seconds of it. A lesson page is never in the
navigation, so no item of it is active, and all lesson pages sit at the same depth
(lardomar/<agency>/<slug>/) with relative links: the navigation is the same HTML on each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jinja2 import Environment
from jinja2.runtime import Context

NAV_TEMPLATE = "partials/nav.html"


def cache_navigation(env: Environment, cacheable: Callable[[object], bool]) -> None:
    """Render NAV_TEMPLATE once per URL depth for the pages `cacheable` accepts (pages that are
    not in the navigation); other pages render it as usual.

    The cache lives on this environment's template object, and MkDocs makes a new environment
    for every build, so a rebuild under `mkdocs serve` starts empty.
    """
    template = env.get_template(NAV_TEMPLATE)
    render = template.root_render_func
    rendered: dict[int, str] = {}

    def root_render_func(context: Context) -> Iterator[str]:
        page = context.get("page")
        if page is None or not cacheable(page):
            yield from render(context)
            return
        depth = page.url.count("/")
        if depth not in rendered:
            rendered[depth] = env.concat(render(context))  # type: ignore[attr-defined]
        yield rendered[depth]

    template.root_render_func = root_render_func  # type: ignore[method-assign]
