"""The way to the source and to the expert group (issue 15, item 3): two settings in mkdocs.yml,
shown in every page's footer, on the 404 page, in the contribution guide and in the
accessibility statement, and refused when they are not an address."""

from __future__ import annotations

import shutil

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from lardom.site.contact import Contact
from sitebuild import BuildResult, SiteTree
from support import REPO

SETTINGS = {"repository_url": "https://git.example.se/lardomar", "expert_group_email": "digitala@example.se"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tree = SiteTree(tmp_path_factory.mktemp("contact"))
    tree.lesson("csn", "a")
    for name in ("guide.md", "tillganglighet.md"):
        tree.write(f"docs/{name}", (REPO / "docs" / name).read_text(encoding="utf-8"))
    for name, title in (
        ("format.md", "Formatet"),
        ("kontroller.md", "Kontroller"),
        ("granskning.md", "Granskning"),
    ):
        tree.write(f"docs/{name}", f"# {title}\n")
    # With the repository's theme overrides: the footer and the 404 page are there.
    shutil.copytree(REPO / "overrides", tree.root / "overrides")
    config = tree.config_file(**SETTINGS)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"] = {**data["theme"], "custom_dir": "overrides"}
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = tree.root / "site"
    build(load_config(str(config), strict=True, site_dir=str(site)))
    return BuildResult(site, True)


@pytest.mark.parametrize("url", ["", "lardomar/csn/a/", "typer/misstag/", "404.html"])
def test_the_footer_names_the_mailbox_and_the_repository(site, url):
    footer = site.page(url).select_one(".md-copyright")
    assert footer.find("a", href="mailto:digitala@example.se").get_text() == "digitala@example.se"
    assert footer.find("a", href="https://git.example.se/lardomar") is not None


@pytest.mark.parametrize("url", ["guide/", "tillganglighet/"])
def test_the_guide_and_the_statement_give_the_addresses(site, url):
    article = site.page(url).find("article")
    assert article.find("a", href="mailto:digitala@example.se") is not None
    assert article.find("a", href="https://git.example.se/lardomar") is not None
    assert "{lardom:" not in article.get_text()


def test_the_statement_no_longer_names_a_mailbox_without_its_address(site):
    text = site.page("tillganglighet/").find("article").get_text()
    assert "funktionsbrevlåda, digitala@example.se" in text


def test_the_form_links_to_the_repository(site):
    assert (
        site.page("skriv/")
        .find(id="lardom-contribute")["data-new-file"]
        .startswith("https://git.example.se/lardomar/")
    )


def test_the_bundled_values_are_marked_as_examples_in_mkdocs_yml():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    options = next(
        p["lardom"] for p in yaml.safe_load(text)["plugins"] if isinstance(p, dict) and "lardom" in p
    )
    assert {"repository_url", "expert_group_email"} <= options.keys()
    assert "EXAMPLES" in text.split("repository_url:")[0].rsplit("lardom:", 1)[1]


@pytest.mark.parametrize(
    "settings, word",
    [
        ({"expert_group_email": "expertgruppen"}, "e-postadress"),
        ({"repository_url": "github.com/x"}, "webbadress"),
    ],
)
def test_a_setting_that_is_no_address_stops_the_build(tmp_path, settings, word):
    tree = SiteTree(tmp_path)
    tree.lesson("csn", "a")
    try:
        result = tree.build(**settings)
    except Exception as exc:  # MkDocs may raise the plugin's error, or log it and abort
        assert word in str(exc)
        return
    assert not result.ok and any(word in m for m in result.messages), result.messages


def test_placeholders_are_filled_only_with_escaped_links():
    contact = Contact("https://x.example/a?b=1&c=2", "a@b.se")
    assert contact.fill("Se {lardom:repository}.") == (
        'Se <a href="https://x.example/a?b=1&amp;c=2">https://x.example/a?b=1&amp;c=2</a>.'
    )
    assert contact.fill("{lardom:okänd}") == "{lardom:okänd}"
