"""Theme pages: the expert group's text, then the theme's lessons grouped by agency."""

from __future__ import annotations


def test_curated_text_comes_first_then_lessons_by_agency(tree):
    tree.write("docs/teman/styrning.md", "# Styrning och beslut\n\nExpertgruppens egen text om styrning.\n")
    tree.lesson("csn", "a", title="CSN:s första lärdom om styrning", date="2020-01-01")
    tree.lesson("csn", "b", title="CSN:s andra lärdom om styrning", date="2023-01-01", phase="test")
    tree.lesson("skatteverket", "c", title="Skatteverkets lärdom om styrning")
    result = tree.build(strict=True)
    page = result.page("teman/styrning/")
    article = page.select_one("article")
    text = article.get_text()
    assert text.index("Expertgruppens egen text") < text.index("CSN:s andra")
    groups = {
        h3.find("a").get_text(): [a.get_text() for a in h3.find_next("ol").select(".lardom-list__title a")]
        for h3 in article.find("h2", id="lardomar").find_all_next("h3")
    }
    assert groups == {
        "Centrala studiestödsnämnden": ["CSN:s andra lärdom om styrning", "CSN:s första lärdom om styrning"],
        "Skatteverket": ["Skatteverkets lärdom om styrning"],
    }


def test_recurrence_lists_agencies_and_phases_with_counts(tree):
    tree.lesson("csn", "a", phase="test")
    tree.lesson("csn", "b")
    tree.lesson("skatteverket", "c")
    page = tree.build().page("teman/styrning/")
    section = page.find("h2", id="var-det-aterkommer").find_next("div", class_="lardom-recurrence")
    groups = {
        g.find("h3").get_text(): [li.get_text() for li in g.find_all("li")]
        for g in section.select(".lardom-recurrence__group")
    }
    assert groups["Myndigheter"] == ["Centrala studiestödsnämnden (2)", "Skatteverket (1)"]
    assert groups["Faser"] == ["Förstudie (2)", "Test och acceptans (1)"]


def test_theme_without_curated_page_gets_a_generated_one(tree):
    tree.lesson("csn", "a", themes="[kompetens]")
    page = tree.build().page("teman/kompetens/")
    assert page.find("h1").get_text() == "Kompetens och bemanning"
    assert "Egen kompetens, konsultberoende och nyckelpersoner." in page.get_text()
    assert [a.get_text() for a in page.select(".lardom-list__title a")] == ["Lärdom a från csn"]


def test_every_bundled_theme_has_a_curated_page():
    from lardom import taxonomy
    from support import REPO

    for theme in taxonomy.load(REPO / "taxonomy").themes:
        text = (REPO / "docs" / "teman" / f"{theme.id}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# {theme.label}\n")
