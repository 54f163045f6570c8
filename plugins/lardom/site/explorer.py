"""The explorer's data: every published lesson with its facet values, as compact JSON.

Values are indexes into each facet's list of choices, so that 10,000 lessons stay
small; the browser script (mkdocs_lardom/assets/lardom/explorer.js) reads this shape.
"""

from __future__ import annotations

import json

from .catalog import Catalog
from .fragments import EXAMPLE_MARK, REVIEWED_MARK, swedish_summary, trust_marks
from .structure import FACETS, LANGUAGE, LESSONS_FOLDER, YEAR

VERSION = 1
# Row layout: [id, title, date, facet positions, Swedish summary, its language ("" for the
# site's), trust marks]. Fields after the positions are optional to explorer/model.js.


def explorer_data(catalog: Catalog) -> dict:
    taxonomy = catalog.taxonomy
    lessons = catalog.lessons
    facets = []
    names: list[dict[str, str]] = []  # per facet: value id -> its name in the address
    for facet in FACETS:
        ids = [term.id for term in taxonomy[facet.vocabulary] if catalog.groups[facet.key][term.id]]
        if facet.key == "agency":
            ids.sort(key=lambda i: taxonomy.agencies[i].label.casefold())
        facets.append(
            (facet.key, facet.noun, [(i, taxonomy[facet.vocabulary][i].label) for i in ids], facet.values)
        )
        # The address shows a term by its slug (?typ=misstag); its id still works (?kind=mistake).
        names.append({i: taxonomy[facet.vocabulary][i].slug for i in ids})
    years = sorted({year for lesson in lessons for year in YEAR.values(lesson)}, reverse=True)
    facets.append((YEAR.key, YEAR.noun, [(y, y) for y in years], YEAR.values))
    used = {language for lesson in lessons for language in LANGUAGE.values(lesson)}
    languages = [t for t in taxonomy[LANGUAGE.vocabulary] if t.id in used]
    facets.append((LANGUAGE.key, LANGUAGE.noun, [(t.id, t.label) for t in languages], LANGUAGE.values))

    index = [{value: i for i, (value, _label) in enumerate(values)} for _k, _n, values, _f in facets]
    rows = []
    default_language = taxonomy.default_language
    for lesson in lessons:
        positions = [[index[n][value] for value in getter(lesson)] for n, (*_, getter) in enumerate(facets)]
        summary, language = swedish_summary(lesson, catalog)
        marks = [cls for _text, cls in trust_marks(lesson)]
        rows.append(
            [
                lesson.id,
                lesson.title,
                lesson.checked_date.isoformat(),
                positions,
                summary,
                "" if language == default_language else language,
                marks,
            ]
        )
    params = [facet.param for facet in (*FACETS, YEAR, LANGUAGE)]
    names += [{}, {}]  # years and languages are named by themselves
    return {
        "version": VERSION,
        "lessonFolder": f"{LESSONS_FOLDER}/",  # where the explorer's links to lessons go
        "facets": [
            {
                "key": key,
                "param": param,
                "label": noun,
                "values": [
                    [value, label, *([named[value]] if named.get(value, value) != value else [])]
                    for value, label in values
                ],
            }
            for (key, noun, values, _), param, named in zip(facets, params, names, strict=True)
        ],
        "lessons": rows,
        "marks": {cls: text for text, cls in ((EXAMPLE_MARK, "example"), (REVIEWED_MARK, "reviewed"))},
    }


def explorer_json(catalog: Catalog) -> str:
    return json.dumps(explorer_data(catalog), ensure_ascii=False, separators=(",", ":"))
