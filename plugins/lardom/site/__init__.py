"""The static site's content, computed without MkDocs: which pages exist, where they live,
and the HTML fragments the MkDocs adapter places into them."""
