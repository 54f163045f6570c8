"""Bodies that once crashed or stalled the checker or the build (issue 12), shared by the tests and
bench/fuzz_lessons.py. Each is within the 1 MiB file limit."""

from __future__ import annotations

# name -> (body, the finding the checker must give, or None where it must just finish)
REPROS: dict[str, tuple[str, str | None]] = {
    "nested list bullets": ("- " * 500 + "x", "too-complex"),
    "nested quotes": ("> " * 2000 + "x", "too-complex"),
    "nested quotes without spaces": (">" * 2000 + "x", "too-complex"),
    "two-space nested lists": ("".join("  " * i + "- x\n" for i in range(400)), "too-complex"),
    "indented lists": ("".join("    " * i + "- x\n" for i in range(60)), "too-complex"),
    "emphasis run": ("*" * 2000 + "x" + "*" * 2000, "too-complex"),
    "underscore run": ("_" * 5000 + "x" + "_" * 5000, "too-complex"),
    "open brackets": ("[" * 16000, "too-complex"),
    "open brackets before a link": ("[" * 16000 + "](https://example.org)", "too-complex"),
    "many headings": ("### x\n" * 32000, "too-complex"),
    "many level-2 headings": ("## x\n\ntext\n\n" * 5000, "too-complex"),
    "host suffixes": ("a" + ".lan.-" * 16000, None),
    "backticks": ("``a" + "`a" * 100000, "too-complex"),
    "indented blocks": ("para\n\n    code\n\n" * 20000, "too-complex"),
    "many short paragraphs": ("para\n\n" * 10000, "too-complex"),
    "angle brackets": ("<a " * 50000, "too-complex"),
    "link targets": ("](" * 100000, None),
    # Found by bench/fuzz_lessons.py: quadratic once, linear now.
    "attribute-list braces on one line": ("x{: " * 100000 + "}", "attribute-list"),
    "many personal e-mail addresses": ("anna.berg@a.se " * 40000, None),
    "unclosed tag before a long word": ("<a " * 100 + "x" * 400000, None),
    "whitespace-only indented blocks": ("\n\n    \n" * 60000, "too-complex"),
    "reference labels": ("[a\n" * 50000, "too-complex"),
    "emails": ("a" * 200000 + "@" + "b." * 100000, None),
    "digits": ("1 " * 200000, None),
    "separators between digits": ("811218 " + "- " * 100000 + "9876", None),
}
