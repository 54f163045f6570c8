"""Every page type of the site, with one example each, for the browser tests."""

PAGE_TYPES = {
    "start": "",
    "lesson": "lardomar/csn/nyttorna-i-beslutet-hade-ingen-mottagare-i-linjen/",
    "lesson-en": "lardomar/csn/the-mainframe-stayed-on-because-old-records-had-nowhere-to-go/",
    "agency": "myndigheter/csn/",
    "agencies": "myndigheter/",
    "theme": "teman/styrning/",
    "themes": "teman/",
    "phase": "faser/forstudie/",
    "phases": "faser/",
    "signal": "signaler/oklar-nytta/",
    "signals": "signaler/",
    "kind": "typer/misstag/",
    "explorer": "utforska/",
    "contribute": "skriv/",
    "guide": "guide/",
    "format": "format/",
    "checks": "kontroller/",
    "review": "granskning/",
    "statement": "tillganglighet/",
}
