"""Printing findings for people (text), programs (json), GitHub (workflow annotations) and
GitLab (a code quality report)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from . import swedish
from .findings import Finding, Severity


def printable(text: str) -> str:
    """text as valid Unicode. A file name's bytes that are not UTF-8 reach Python as lone
    surrogates (PEP 383), which no encoder writes and no JSON reader should have to take:
    each becomes the escape of its byte, \\xff, and any other lone surrogate its \\u escape."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join(_escaped(c) if "\ud800" <= c <= "\udfff" else c for c in text)


def _escaped(surrogate: str) -> str:
    code = ord(surrogate)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _printable(f: Finding) -> Finding:
    """The finding with every text printable: paths and messages quote file names."""
    return replace(
        f,
        path=printable(f.path),
        message=printable(f.message),
        hint=None if f.hint is None else printable(f.hint),
        field=None if f.field is None else printable(f.field),
    )


def text_line(f: Finding) -> str:
    f = _printable(f)
    hint = f" ({f.hint})" if f.hint else ""
    return f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code}: {f.message}{hint}"


def summary(checked: int, findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    checked_text = swedish.count(checked, "lärdom kontrollerad", "lärdomar kontrollerade")
    return f"{checked_text}: {errors} fel, {swedish.count(warnings, 'varning', 'varningar')}."


def as_json(findings: list[Finding]) -> str:
    return json.dumps([_printable(f).as_dict() for f in findings], ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    f = _printable(f)
    level = "error" if f.severity is Severity.ERROR else "warning"
    message = f.message + (f" ({f.hint})" if f.hint else "")
    props = (
        f"file={_escape_property(f.path)},line={f.line},col={f.column},"
        f"title={_escape_property('lardom ' + f.code)}"
    )
    return f"::{level} {props}::{_escape_data(message)}"


def gitlab_code_quality(findings: list[Finding]) -> str:
    """GitLab's code quality report (a Code Climate subset), shown on the merge request's lines.
    https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format"""
    issues = []
    for f in map(_printable, findings):
        message = f.message + (f" ({f.hint})" if f.hint else "")
        fingerprint = hashlib.sha256(
            f"{f.path}:{f.line}:{f.column}:{f.code}:{f.message}".encode()
        ).hexdigest()
        issues.append(
            {
                "description": message,
                "check_name": f"lardom/{f.code}",
                "fingerprint": fingerprint,
                "severity": "major" if f.severity is Severity.ERROR else "minor",
                "location": {"path": f.path, "lines": {"begin": f.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)
