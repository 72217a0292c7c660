"""The table of citation formats, and the seed record in every CSL style and site language.

``tests/data/styles/seed.citeproc-js.json`` is citeproc-js's output for the seed record
(``benchmarks/style_fidelity.py --seed``): litsite must print exactly the same.
"""

from __future__ import annotations

import json

import pytest

from litsite.citations import FORMATS, cite, get_format, styles, write
from litsite.citations.formats import Format, _style
from litsite.readers import read_paths
from litsite.report import Report
from tests.conftest import ROOT, SEED

EXPECTED = json.loads(
    (ROOT / "tests" / "data" / "styles" / "seed.citeproc-js.json").read_text(encoding="utf-8")
)
CASES = [(fmt.id, language) for fmt in FORMATS if fmt.style for language in ("en", "es")]


@pytest.fixture(scope="module")
def seed():
    return read_paths([SEED], Report())


@pytest.mark.parametrize(("format_id", "language"), CASES)
def test_seed_in_every_style_and_language_matches_citeproc_js(seed, format_id, language):
    (citation,) = cite(seed, [format_id], language)
    entry = citation.entries[format_id]
    want = EXPECTED[f"{format_id}/{language}"]
    assert (entry.text, entry.html, entry.in_text) == (want["text"], want["html"], want["in_text"])


def test_spanish_site_gets_spanish_terms(seed):
    (citation,) = cite(seed, ["chicago"], "es")
    assert "y Nico M. Wulffraat. 2019. «Bone-Marrow" in citation.text("chicago")


def test_a_style_with_its_own_locale_keeps_it(seed):
    assert styles.csl_locale("american-medical-association", "es") == "en-US"
    (citation,) = cite(seed, ["ama"], "es")
    assert "Published online October 2019" in citation.text("ama")


def test_numeric_style_numbers_each_record_1(seed):
    records = seed + read_paths([SEED], Report())
    records[1].title = "Another record"
    first, second = cite(records, ["ieee"])
    assert first.text("ieee").startswith("[1] ") and second.text("ieee").startswith("[1] ")


def test_same_author_twice_is_cited_as_if_alone(seed):
    """MLA replaces a repeated author with "———" in a list and adds the title to in-text
    citations it must tell apart; each record page cites alone, so neither happens."""
    records = seed + read_paths([SEED], Report())
    records[1].title = "Another record"
    first, second = cite(records, ["mla"])
    for citation in (first, second):
        assert citation.text("mla").startswith("Swart, Joost F., et al.")
        assert citation.entries["mla"].in_text == EXPECTED["mla/en"]["in_text"] == "(Swart et al.)"


def test_any_installed_style_by_its_id(seed):
    fmt = get_format("elsevier-harvard")
    assert fmt.style == "elsevier-harvard" and fmt.extension == "elsevier-harvard.txt"
    assert write("elsevier-harvard", seed).startswith("Swart, J.F.")


def test_unknown_format_is_refused():
    with pytest.raises(KeyError):
        get_format("no-such-style")


def test_adding_a_style_is_one_row(seed, monkeypatch):
    row = _style("nature", "nature", "Nature")
    monkeypatch.setattr("litsite.citations.formats._BY_ID", {"nature": row})
    (citation,) = cite(seed, ["nature"])
    assert citation.text("nature").startswith("1. Swart, J. F. et al.")
    assert isinstance(row, Format) and row.label("es") == "Nature"


def test_convert_html_variant_of_a_style(seed):
    assert "<i>Rheumatology (Oxford)</i>" in write("apa-html", seed)


def test_journal_abbreviation_the_source_gave_reaches_the_style():
    """``journalAbbreviation`` is no CSL 1.0.2 variable (the record keeps it among its other
    variables), but citeproc-js prints it where a style asks for the short journal title."""
    from litsite.csl import from_csl

    record = from_csl(
        {
            "type": "article-journal",
            "title": "SPEG-deficient skeletal muscles",
            "author": [{"family": "Huntoon", "given": "Virginia"}],
            "container-title": "Human Molecular Genetics",
            "journalAbbreviation": "Hum Mol Genet",
            "issued": {"date-parts": [[2018]]},
        }
    )
    (citation,) = cite([record], ["ama"])
    assert (
        citation.text("ama")
        == "1. Huntoon V. SPEG-deficient skeletal muscles. Hum Mol Genet. Published online 2018."
    )
