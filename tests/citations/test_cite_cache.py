"""``cite(records, known)``: citations made before are reused, and only for the same record."""

from __future__ import annotations

import json

from litsite.citations import cite
from litsite.model import Record, Source


def _record(title: str) -> Record:
    return Record(
        type="article-journal",
        title=title,
        id="r1",
        sources=[Source(path="a.ris", index=1, reader="ris", original="TY  - JOUR\nTI  - x")],
    )


def test_unchanged_record_reuses_its_citation():
    known: dict = {}
    first = cite([_record("A title")], known=known)
    assert cite([_record("A title")], known=known)[0] is first[0]


def test_edited_record_gets_a_new_citation():
    known: dict = {}
    cite([_record("A title")], known=known)
    assert "Another title" in cite([_record("Another title")], known=known)[0].text("bibtex")


def test_csl_json_download_leaves_out_the_original_source_text():
    item = json.loads(cite([_record("A title")])[0].text("csl-json"))
    assert item["custom"]["sources"][0]["reader"] == "ris"
    assert "original" not in item["custom"]["sources"][0]
