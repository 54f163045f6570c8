"""Open data in the built site: data/lardomar.json, data/lardomar.csv, data/taxonomi.json,
data/katalog.ttl and the page data/ that explains them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from urllib.parse import urljoin

import jsonschema
import pytest
import rdflib

from lardom import fields, opendata, taxonomy
from support import REPO

MARKER = "HEMLIGMARKOR5521"
# Plain namespaces: rdflib's closed ones warn when pytest inspects this module's globals.
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")


def _tree(tree):
    tree.lesson(
        "csn",
        "aldre",
        title="En äldre lärdom från CSN",
        date="2023-05-01",
        tags="[budget, drift]",
        impact="{severity: high, cost_sek: 1200000}",
    )
    tree.lesson(
        "csn",
        "nyare",
        title="En nyare lärdom från CSN",
        date="2024-06-01",
        sources='[{title: "Rapporten", url: "https://example.org/rapport"}]',
    )
    # The same date as the one before: the id decides the order.
    tree.lesson(
        "skatteverket",
        "formel",
        title='=HYPERLINK("http://x") i rubriken',
        date="2024-06-01",
        tags='["-2+3", "@SUM(A1)"]',
    )
    tree.lesson(
        "csn",
        "intern",
        title=f"Intern lärdom {MARKER}",
        classification="internal",
        summary=f"Sammanfattning med markören {MARKER} i sig.",
        project=f"Projekt {MARKER}",
        date="2025-01-01",
    )
    return tree


@pytest.fixture
def built(tree):
    result = _tree(tree).build(strict=True)
    assert result.ok, result.warnings
    return result


def _data(result, name: str) -> str:
    return (result.site / "data" / name).read_text(encoding="utf-8-sig")


def _tax():
    return taxonomy.load(REPO / "taxonomy")


def test_json_dump_holds_every_public_lesson_newest_first(built):
    data = json.loads(_data(built, "lardomar.json"))
    assert [lesson["id"] for lesson in data["lessons"]] == ["csn/nyare", "skatteverket/formel", "csn/aldre"]
    first = data["lessons"][0]
    assert first["url"] == "lardomar/csn/nyare/"
    assert first["labels"]["agency"] == "Centrala studiestödsnämnden"
    assert first["labels"]["themes"] == ["Kravställning och behov", "Styrning och beslut"]
    assert first["sources"] == [{"title": "Rapporten", "url": "https://example.org/rapport"}]
    assert "## Vad hände" in first["body_markdown"]
    assert "Vad hände" in first["body_text"] and "##" not in first["body_text"]
    older = data["lessons"][2]
    assert older["impact"] == {
        "severity": "high",
        "cost_sek": 1200000,
        "delay_months": None,
        "original_budget_sek": None,
        "planned_months": None,
    }
    assert older["labels"]["impact.severity"] == _tax()["severities"]["high"].label


def test_json_keys_are_the_format_fields(built):
    lesson = json.loads(_data(built, "lardomar.json"))["lessons"][0]
    assert [f.name for f in fields.FIELDS if f.name not in lesson] == []


def test_json_validates_against_the_schema_made_from_the_fields(built):
    schema = opendata.lessons_schema(_tax())
    data = json.loads(_data(built, "lardomar.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    # The schema has teeth: an unknown key and a bad date are refused.
    data["lessons"][0]["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    del data["lessons"][0]["extra"]
    data["lessons"][0]["agency"] = "ingen-sadan"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_csv_opens_with_the_csv_module_and_neutralises_formulas(built):
    rows = list(csv.DictReader(io.StringIO(_data(built, "lardomar.csv"), newline="")))
    assert [r["id"] for r in rows] == ["csn/nyare", "skatteverket/formel", "csn/aldre"]
    formula = rows[1]
    assert formula["title"] == '\'=HYPERLINK("http://x") i rubriken'
    assert formula["tags"] == "'-2+3;@SUM(A1)"  # one cell: only its start matters to a spreadsheet
    assert rows[0]["themes"] == "kravstallning;styrning"
    assert rows[0]["themes.label"] == "Kravställning och behov;Styrning och beslut"
    assert rows[0]["sources.url"] == "https://example.org/rapport"
    assert rows[2]["impact.cost_sek"] == "1200000"
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_csv_columns_come_from_the_fields():
    columns = opendata.csv_columns()
    for f in fields.FIELDS:
        assert f.name in columns or any(c.startswith(f.name + ".") for c in columns), f.name
    assert len(columns) == len(set(columns))


def test_neutralise_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert opendata._cell(start + "1") == "'" + start + "1"
    assert opendata._cell("vanlig text") == "vanlig text"


def test_taxonomy_dump_has_every_vocabulary_but_no_template_guidance(built):
    data = json.loads(_data(built, "taxonomi.json"))
    tax = _tax()
    assert set(data["vocabularies"]) == set(tax.vocabularies)
    assert [t["id"] for t in data["vocabularies"]["themes"]] == tax.themes.ids()
    for section in data["vocabularies"]["languages"][0]["sections"]:
        assert "guidance" not in section


def test_no_trace_of_an_internal_lesson_in_data_or_feeds(built):
    checked = 0
    for folder in ("data", "feeds"):
        for path in (built.site / folder).rglob("*"):
            if path.is_file():
                checked += 1
                text = path.read_bytes()
                assert MARKER.encode() not in text, path
                assert b"csn/intern" not in text, path
    assert checked >= 6


def test_internal_build_dumps_internal_lessons_but_feeds_stay_public(tree):
    result = _tree(tree).build(strict=True, publish="internal")
    assert MARKER in _data(result, "lardomar.json") and MARKER in _data(result, "lardomar.csv")
    for path in (result.site / "feeds").rglob("*.xml"):
        assert MARKER not in path.read_text(encoding="utf-8"), path


def test_two_builds_give_the_same_bytes(tree, monkeypatch):
    _tree(tree)
    digests = []
    for site in ("a", "b"):
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = tree.build(site=site)
        digests.append(
            {
                p.relative_to(result.site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in result.files()
                if p.relative_to(result.site).parts[0] in ("data", "feeds")
            }
        )
    assert digests[0] == digests[1]
    assert "data/lardomar.csv" in digests[0] and "feeds/lardomar.xml" in digests[0]


def test_dumps_are_gated(tree):
    # A taxonomy label holding an identity number: the build stops rather than publish it.
    themes = tree.root / "taxonomy" / "themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8").replace(
            "description: Hur ledning", "description: 811218-9876 Hur ledning", 1
        ),
        encoding="utf-8",
    )
    tree.lesson("csn", "en")
    result = tree.build()
    assert not result.ok


def _graph(result) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(
        data=_data(result, "katalog.ttl"), format="turtle", publicID="https://example.se/data/katalog.ttl"
    )
    return graph


def test_dcat_record_parses_and_has_the_required_properties(built):
    graph = _graph(built)
    catalog = graph.value(predicate=RDF.type, object=DCAT.Catalog, any=False)
    dataset = graph.value(catalog, DCAT.dataset)
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    titles = {(str(t), t.language) for t in graph.objects(dataset, DCTERMS.title)}
    assert ("Lärdomar från offentliga IT-projekt", "sv") in titles
    assert graph.value(dataset, DCTERMS.description).language == "sv"
    for prop in (
        DCAT.theme,
        DCTERMS.accrualPeriodicity,
        DCTERMS.license,
        DCTERMS.publisher,
        DCAT.contactPoint,
    ):
        assert graph.value(dataset, prop) is not None, prop
    assert str(graph.value(dataset, DCTERMS.license)) == opendata.DATA_LICENCE_URL
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph and graph.value(publisher, FOAF.name) is not None
    contact = graph.value(dataset, DCAT.contactPoint)
    assert str(graph.value(contact, VCARD.hasEmail)).startswith("mailto:")
    downloads = set()
    for distribution in graph.objects(dataset, DCAT.distribution):
        for prop in (DCAT.accessURL, DCAT.downloadURL, DCTERMS["format"], DCAT.mediaType):
            assert graph.value(distribution, prop) is not None, prop
        downloads.add(str(graph.value(distribution, DCAT.downloadURL)))
    assert downloads == {"https://example.se/data/lardomar.json", "https://example.se/data/lardomar.csv"}


def test_dcat_settings_and_site_url_reach_the_record(tree):
    tree.lesson("csn", "en")
    tree.config_file()
    import yaml

    from sitebuild import MKDOCS_YML

    config = dict(MKDOCS_YML, site_url="https://lardom.example.se/")
    config["plugins"] = [
        "search",
        {
            "lardom": {
                **tree.plugin_options,
                "publisher_name": 'Myndigheten "Test"',
                "contact_email": "data@myndigheten.example.se",
            }
        },
    ]
    tree.write("mkdocs.yml", yaml.safe_dump(config, allow_unicode=True))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(tree.root / "mkdocs.yml"), site_dir=str(tree.root / "site")))
    graph = rdflib.Graph().parse(tree.root / "site" / "data" / "katalog.ttl", format="turtle")
    names = {str(o) for o in graph.objects(None, FOAF.name)}
    assert 'Myndigheten "Test"' in names
    assert rdflib.URIRef("mailto:data@myndigheten.example.se") in set(graph.objects(None, VCARD.hasEmail))
    assert rdflib.URIRef("https://lardom.example.se/data/lardomar.json") in set(
        graph.objects(None, DCAT.downloadURL)
    )
    lessons = json.loads((tree.root / "site" / "data" / "lardomar.json").read_text(encoding="utf-8"))[
        "lessons"
    ]
    assert lessons[0]["url"] == "https://lardom.example.se/lardomar/csn/en/"


def test_data_page_explains_the_files_with_a_table_from_the_fields(built):
    page = built.page("data/")
    assert page.find("h1").get_text(strip=True) == "Öppna data"
    hrefs = {urljoin("http://x/data/", a["href"]) for a in page.select("article a[href]")}
    for target in (
        "data/lardomar.json",
        "data/lardomar.csv",
        "data/taxonomi.json",
        "data/katalog.ttl",
        "feeds/lardomar.xml",
    ):
        assert "http://x/" + target in hrefs, target
        assert (built.site / target).is_file()
    assert opendata.DATA_LICENCE_URL in hrefs
    keys = {code.get_text() for code in page.select("table td code")}
    assert {f.name for f in fields.FIELDS if not isinstance(f.type, (fields.Record, fields.ListOf))} <= keys
    assert "impact.severity" in keys and "sources.url" in keys


def test_a_lesson_with_an_identity_number_is_left_out_of_data_and_feeds_and_named(tree):
    from support import VALID_BODY

    tree.lesson(
        "csn", "med-nummer", body=VALID_BODY.replace("Vi skrev kraven", "Sökanden 811218-9876. Vi skrev")
    )
    tree.lesson("csn", "utan-nummer")
    result = tree.build(content_checks=False)
    assert result.ok
    assert any("csn/med-nummer" in m and "öppna data" in m for m in result.warnings)
    ids = [lesson["id"] for lesson in json.loads(_data(result, "lardomar.json"))["lessons"]]
    assert ids == ["csn/utan-nummer"]
    for path in list((result.site / "data").rglob("*")) + list((result.site / "feeds").rglob("*")):
        if path.is_file():
            assert b"med-nummer" not in path.read_bytes(), path
    assert not tree.build(strict=True, content_checks=False).ok


def test_related_names_only_published_lessons():
    from lardom.lesson import Lesson

    lesson = Lesson(
        "lessons/csn/a.md",
        "csn",
        "a",
        {"title": "x", "related": ["csn/b", "csn/intern"]},
        "",
        1,
        default_language="sv",
    )
    record = opendata.lesson_record(lesson, _tax(), frozenset({"csn/a", "csn/b"}))
    assert record["related"] == ["csn/b"]


def test_start_page_links_the_data_page(built):
    links = [a for a in built.page("").select("article a[href]") if a.get_text() == "Öppna data och flöden"]
    assert len(links) == 1 and urljoin("http://x/", links[0]["href"]) == "http://x/data/"


def test_the_csv_starts_with_a_byte_order_mark_for_excel(tree):
    tree.lesson("csn", "en-lardom")
    raw = (tree.build().site / "data" / "lardomar.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    assert raw.count(b"\xef\xbb\xbf") == 1


@pytest.mark.parametrize("site_url", ["", "https://example.se/"])
def test_the_dump_written_a_lesson_at_a_time_is_json_dumps_of_the_whole_document(site_url):
    # A build writes lardomar.json record by record, never whole in memory: the very bytes the
    # json module makes of the whole document, for the bundled lessons and for none.
    from lardom.checker import check_root

    tax = taxonomy.load(REPO / "taxonomy")
    lessons = [lesson for lesson in check_root(REPO, tax).lessons if lesson.valid]
    for some in (lessons, []):
        whole = json.dumps(
            opendata.lessons_data(some, tax, site_url), ensure_ascii=False, indent=1, sort_keys=True
        )
        written = io.StringIO()
        assert opendata.write_lessons_json(some, tax, site_url, written) is None
        assert written.getvalue() == whole + "\n"
        assert opendata.lessons_json(some, tax, site_url) == whole + "\n"
