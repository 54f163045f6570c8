"""What the checker reports: one finding per problem, with the place to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based, in the file as written (front matter included)
    column: int  # 1-based
    severity: Severity
    code: str
    message: str
    hint: str | None = None
    field: str | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(
    path: str,
    line: int,
    column: int,
    code: str,
    message: str,
    hint: str | None = None,
    field: str | None = None,
) -> Finding:
    return Finding(path, line, column, Severity.ERROR, code, message, hint, field)


def warning(
    path: str,
    line: int,
    column: int,
    code: str,
    message: str,
    hint: str | None = None,
    field: str | None = None,
) -> Finding:
    return Finding(path, line, column, Severity.WARNING, code, message, hint, field)
