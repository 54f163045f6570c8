"""The expert group's desk: figures across the corpus (figures.py), charts (charts.py), the
pre-mortem checklists (checklists.py), the theme report (report.py) and curation helpers
(curation.py). Free of MkDocs like the rest of the core; the site turns these into pages."""
