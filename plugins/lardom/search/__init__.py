"""Full-text search over the lessons: a Whoosh index behind a small interface of our own
(`engine.py` is the only module that imports Whoosh), kept up to date incrementally."""
