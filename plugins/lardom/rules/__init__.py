"""The checker's rules, one module per kind, each a function that yields findings.

`front_matter` (the file's shape, every key, the folder and the file name), `sections` (the
body's headings), `content` (personal data, secrecy markers, raw HTML and unsafe links wherever a
reader would see them), `corpus` (what only the whole corpus shows) and `positions` (where a
finding stands). The hits they turn into findings come from `privacy`, `secrecy`, `markup` and
`complexity`; `checker` only runs them.
"""
