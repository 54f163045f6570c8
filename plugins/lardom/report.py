"""Printing findings for people (text), programs (json) and GitHub (workflow annotations)."""

from __future__ import annotations

import hashlib
import json

from .findings import Finding, Severity


def text_line(f: Finding) -> str:
    hint = f" ({f.hint})" if f.hint else ""
    return f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code}: {f.message}{hint}"


def summary(checked: int, findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    lessons = "lärdom" if checked == 1 else "lärdomar"
    return (f"{checked} {lessons} kontrollerade: {errors} fel, "
            f"{warnings} {'varning' if warnings == 1 else 'varningar'}.")


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    level = "error" if f.severity is Severity.ERROR else "warning"
    message = f.message + (f" ({f.hint})" if f.hint else "")
    props = (f"file={_escape_property(f.path)},line={f.line},col={f.column},"
             f"title={_escape_property('lardom ' + f.code)}")
    return f"::{level} {props}::{_escape_data(message)}"


def gitlab_code_quality(findings: list[Finding]) -> str:
    """GitLab's code quality report (a Code Climate subset), shown on the merge request's lines.
    https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format"""
    issues = []
    for f in findings:
        message = f.message + (f" ({f.hint})" if f.hint else "")
        fingerprint = hashlib.sha256(f"{f.path}:{f.line}:{f.column}:{f.code}:{f.message}".encode()).hexdigest()
        issues.append({
            "description": message,
            "check_name": f"lardom/{f.code}",
            "fingerprint": fingerprint,
            "severity": "major" if f.severity is Severity.ERROR else "minor",
            "location": {"path": f.path, "lines": {"begin": f.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2)
