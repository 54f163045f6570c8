"""The pull-request checks shipped for GitHub, GitLab and pre-commit are valid and call commands that exist."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
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


def _workflow() -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / "lessons.yml").read_text(encoding="utf-8"))


def _gitlab() -> dict:
    return yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def _site_dir(script: str) -> str:
    """Where the strict build in a script writes the site (--site-dir, as the upload must name it)."""
    argv = next(a for a in _commands(script) if a[:2] == ["mkdocs", "build"])
    assert "--strict" in argv and "--site-dir" in argv, argv
    return argv[argv.index("--site-dir") + 1]


MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def test_github_workflow():
    workflow = _workflow()
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key "on" as true
    steps = workflow["jobs"]["check"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    assert {"lardom check", "mkdocs build"} <= _check_scripts(scripts)
    assert any("--format github" in s for s in scripts) and any("--strict" in s for s in scripts)


def test_github_workflow_publishes_the_public_build_on_main_only():
    workflow = _workflow()
    assert workflow[True]["push"]["branches"] == ["main"]
    # Nothing but the deploy job may write Pages or mint an OIDC token.
    assert workflow["permissions"] == {"contents": "read"}
    check = workflow["jobs"]["check"]
    assert "permissions" not in check and check["env"]["PUBLISH"] == "public"
    steps = check["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    build = next(i for i, step in enumerate(steps) if "mkdocs build" in step.get("run", ""))
    level = next(i for i, step in enumerate(steps) if "$PUBLISH" in step.get("run", ""))
    upload = uses.index("actions/upload-pages-artifact")
    assert level < build < upload
    assert steps[upload]["if"] == MAIN_PUSH
    assert steps[upload]["with"]["path"] == _site_dir(steps[build]["run"])

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "check" and deploy["if"] == MAIN_PUSH
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == [
        "actions/configure-pages",
        "actions/deploy-pages",
    ]
    deployment = next(step for step in deploy["steps"] if step["uses"].startswith("actions/deploy-pages"))
    assert deploy["environment"]["url"] == f"${{{{ steps.{deployment['id']}.outputs.page_url }}}}"


def test_github_workflow_caches_what_ci_can_keep():
    steps = _workflow()["jobs"]["check"]["steps"]
    by_action = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert by_action["actions/setup-python"]["with"]["cache"] == "pip"
    assert by_action["actions/setup-node"]["with"]["cache"] == "npm"
    cache = by_action["actions/cache"]
    assert cache["with"]["path"] == ".cache/lardom"
    # A pull request's lessons differ from every saved key: it must fall back on an older cache.
    prefixes = cache["with"]["restore-keys"].splitlines()
    assert prefixes and all(cache["with"]["key"].startswith(p) for p in prefixes)
    check = next(i for i, step in enumerate(steps) if "lardom check" in step.get("run", ""))
    assert steps.index(cache) < check
    # On main the search index behind a pull request's near-duplicate check (level internal) is
    # brought up to date, so that pull requests restore it with the cache.
    index = next(step for step in steps if "lardom search" in step.get("run", ""))
    assert index["if"] == "github.event_name == 'push'" and "--level internal" in index["run"]


def test_gitlab_job():
    config = _gitlab()
    scripts = [
        "\n".join(job["script"]) for name, job in config.items() if isinstance(job, dict) and "script" in job
    ]
    assert {"lardom check", "mkdocs build"} <= _check_scripts(scripts)
    report = config["lardom-check"]["artifacts"]["reports"]["codequality"]
    # One check gives both the job log's text and the report: every lesson is read once.
    checks = [
        argv
        for argv in _commands("\n".join(config["lardom-check"]["script"]))
        if argv[:2] == ["lardom", "check"]
    ]
    assert len(checks) == 1, checks
    assert checks[0][checks[0].index("--gitlab-report") + 1] == report


def test_gitlab_pages_job_publishes_the_public_build_on_the_default_branch_only():
    config = _gitlab()
    assert config["variables"]["PUBLISH"] == "public"
    build = config["site-build"]
    site = _site_dir("\n".join(build["script"]))
    assert build["artifacts"]["paths"] == [site]
    assert any("$PUBLISH" in line for line in build["script"])
    pages = config["pages"]
    assert pages["pages"] is True and pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["needs"] == ["site-build"] and pages["script"] == [f"mv {site} public"]
    assert config["stages"].index(pages["stage"]) > config["stages"].index(build["stage"])
    # Every other job runs for merge requests too, and so never publishes.
    cache_paths = {p for entry in config["default"]["cache"] for p in entry["paths"]}
    assert {".cache/pip", ".cache/lardom"} <= cache_paths


def _level_scripts() -> list[tuple[str, str]]:
    github = next(s["run"] for s in _workflow()["jobs"]["check"]["steps"] if "$PUBLISH" in s.get("run", ""))
    gitlab = next(line for line in _gitlab()["site-build"]["script"] if "$PUBLISH" in line)
    return [("github", github), ("gitlab", gitlab)]


@pytest.mark.parametrize("level", ["public", "internal"])
def test_publication_level_guard_stops_a_build_at_another_level(tmp_path, level):
    """The workflow's and the pipeline's guard read mkdocs.yml as MkDocs does and stop unless it
    publishes the level the CI file declares."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "publish: public" in config
    (tmp_path / "mkdocs.yml").write_text(config.replace("publish: public", f"publish: {level}"), "utf-8")
    for folder in ("docs", "overrides"):  # MkDocs checks that they exist
        (tmp_path / folder).symlink_to(REPO / folder)
    env = {**os.environ, "PUBLISH": "public", "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env["PYTHONPATH"] = str(REPO / "plugins")
    for name, script in _level_scripts():
        done = subprocess.run(
            ["bash", "-e", "-c", script], check=False, cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert (done.returncode == 0) == (level == "public"), (name, done.stdout, done.stderr)
        if level != "public":
            assert "publish: internal" in done.stdout, name


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


def test_gitlab_report_beside_the_text_is_the_report_format_gitlab_prints(repo: Repo, tmp_path: Path):
    text = lesson_text(phase="forstudien")
    repo.lesson(text=text)
    report = tmp_path / "gl-code-quality-report.json"
    both = repo.check("--gitlab-report", str(report))
    assert both.exit_code == 1
    assert report.read_text(encoding="utf-8") == repo.check("--format", "gitlab").output
    assert both.output == repo.check().output  # the text findings, as without the option
    assert "unknown-id" in both.output


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
