"""The Radar page: its intro text and the container that radar/main.js fills with the form and the
answer, computed in the browser from the radar data (RADAR_DATA, lardom.radar.web)."""

from __future__ import annotations

from markupsafe import escape

from .structure import RADAR_ABOUT_URL, RADAR_DATA, relative

RADAR_TITLE = "Radar för varningssignaler"
# The promise the page makes about the pasted text, in one plain sentence; a browser test holds
# the page to it (no request after the page has loaded, nothing stored).
PRIVACY = "Texten du klistrar in stannar i din webbläsare: den skickas ingenstans och sparas inte."


def intro(url: str) -> str:
    """The page's intro as HTML, for the page at url."""
    return (
        "<p>Klistra in en text som projektet själv har skrivit, till exempel en statusrapport eller ett "
        "styrgruppsprotokoll. Radarn visar vilka varningssignaler texten pekar på, hur sent i projektet "
        "varje signal brukar synas, meningarna bakom den och vad andra myndigheter har lärt sig.</p>"
        f"<p><strong>{escape(PRIVACY)}</strong></p>"
        f'<p><a href="{relative(url, RADAR_ABOUT_URL)}">Om radarn: vad den gör och inte gör</a></p>'
    )


def container(url: str) -> str:
    """The element radar/main.js builds the form in, with a message for a browser without scripts."""
    return (
        f'<div id="lardom-radar" data-src="{relative(url, RADAR_DATA)}" data-root="{relative(url, "")}">'
        "<noscript><p>Radarn på webbplatsen behöver JavaScript. Du kan också köra den på din egen dator "
        f'med kommandot lardom radar, se <a href="{relative(url, RADAR_ABOUT_URL)}">Om radarn</a>.</p>'
        "</noscript></div>"
    )
