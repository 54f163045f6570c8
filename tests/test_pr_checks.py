"""The pull-request checks shipped for GitHub, GitLab and pre-commit are valid and call commands that exist."""

from __future__ import annotations

import json
import re
import shlex

import click
import yaml

from lardom.cli import main
from support import REPO, Repo, lesson_text, line_of


def _commands(script: str) -> list[list[str]]:
    """The lardom and mkdocs command lines in a shell script."""
    found = []
    for raw in script.splitlines():
        line = raw.strip()
        for tool in ("lardom", "mkdocs"):
            m = re.match(rf"^{tool}\s+(.*?)(?:\s*[>|]|\s*$)", line)
            if m:
                found.append([tool, *shlex.split(m.group(1).replace("$changed", ""))])
    return found


def _assert_lardom_command_exists(argv: list[str]) -> None:
    command = main.commands[argv[1]]
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    i = 2
    while i < len(argv):
        if argv[i].startswith("-"):
            assert argv[i] in options, argv
            param = next(p for p in command.params if argv[i] in p.opts)
            if not getattr(param, "is_flag", False):
                if isinstance(param.type, click.Choice):
                    assert argv[i + 1] in param.type.choices, argv
                i += 1
        i += 1


def _assert_mkdocs_command_exists(argv: list[str]) -> None:
    from mkdocs.__main__ import cli

    command = cli.commands[argv[1]]
    options = {opt for param in command.params for opt in param.opts}
    assert all(a in options for a in argv[2:] if a.startswith("-")), argv


def _check_scripts(scripts: list[str]) -> set[str]:
    seen = set()
    for script in scripts:
        for argv in _commands(script):
            (_assert_lardom_command_exists if argv[0] == "lardom" else _assert_mkdocs_command_exists)(argv)
            seen.add(" ".join(argv[:2]))
    return seen


def test_github_workflow():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "lessons.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key "on" as true
    steps = workflow["jobs"]["check"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    assert {"lardom check", "mkdocs build"} <= _check_scripts(scripts)
    assert any("--format github" in s for s in scripts) and any("--strict" in s for s in scripts)


def test_gitlab_job():
    config = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    scripts = [
        "\n".join(job["script"]) for name, job in config.items() if isinstance(job, dict) and "script" in job
    ]
    assert {"lardom check", "mkdocs build"} <= _check_scripts(scripts)
    assert config["lardom-check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


def test_pre_commit_hooks():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "lardom-check")
    assert _check_scripts([hook["entry"]]) == {"lardom check"}
    assert re.match(hook["files"], "lessons/csn/x.md") and not re.match(hook["files"], "docs/index.md")
    assert hook["pass_filenames"] is True


def test_gitlab_code_quality_report_points_at_the_line(repo: Repo):
    text = lesson_text(phase="forstudien")
    repo.lesson(text=text)
    result = repo.check("--format", "gitlab")
    report = json.loads(result.output)
    assert result.exit_code == 1 and len(report) == 1
    issue = report[0]
    assert issue["location"] == {
        "path": "lessons/skatteverket/kraven-skrevs.md",
        "lines": {"begin": line_of(text, "phase:")},
    }
    assert issue["severity"] == "major" and issue["check_name"] == "lardom/unknown-id"
    assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])


def test_pull_request_template_has_the_checklist():
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", template, re.MULTILINE)
    assert len(items) >= 4
    text = " ".join(items).lower()
    assert "registrator" in text and "personuppgift" in text and "källor" in text


def test_codeowners_covers_every_agency_folder_and_the_taxonomy():
    lines = [
        line.split()
        for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    patterns = {parts[0]: parts[1:] for parts in lines}
    for folder in (REPO / "lessons").iterdir():
        assert f"/lessons/{folder.name}/" in patterns, folder.name
    assert "/taxonomy/" in patterns and "/docs/teman/" in patterns
