"""The BibTeX reader on written and sdist fixtures, then on every .bib of the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from litsite.model import PartialDate, Person
from litsite.readers import read_file
from litsite.report import Report
from tests.conftest import DATA, third_party

BIB = DATA / "bibtex"


@pytest.fixture(scope="module")
def written():
    report = Report()
    records = read_file(BIB / "written.bib", report)
    return {r.sources[0].source_id: r for r in records}, report


def test_malformed_entry_is_reported_with_its_line(written):
    _, report = written
    assert [(p.record, p.line) for p in report.errors] == [(2, 15)]
    assert "malformed entry skipped" in str(report.errors[0])


def test_neighbours_of_a_malformed_entry_are_kept(written):
    records, _ = written
    assert sorted(records) == ["accents", "child", "parent"]


def test_latex_accents_become_unicode(written):
    record = written[0]["accents"]
    assert record.authors[0] == Person(family="Müller", given="Jürgen")


def test_math_stays_readable(written):
    assert written[0]["accents"].title == "Études of <sup>13</sup>C and α-helices"


def test_particle_is_kept_apart(written):
    person = written[0]["accents"].authors[1]
    assert (person.non_dropping_particle, person.family, person.given) == (
        "de la",
        "Fontaine",
        "Jean",
    )


def test_suffix_is_kept_apart(written):
    person = written[0]["accents"].authors[2]
    assert (person.family, person.given, person.suffix) == ("Smith", "John", "Jr.")


def test_double_braced_author_is_an_organisation(written):
    assert written[0]["accents"].authors[3] == Person(literal="World Health Organization")


def test_string_macros_and_concatenation(written):
    assert written[0]["accents"].container_title == "Journal of Tests (Series 1)"


def test_month_macro_gives_the_month(written):
    assert written[0]["accents"].issued == PartialDate(2019, 4)


def test_doi_url_keywords_and_langid(written):
    record = written[0]["accents"]
    assert record.doi == "10.1000/ABC"
    assert [t.term for t in record.topics] == ["one", "two", "three"]
    assert record.language.code == "fr"


def test_crossref_parent_title_becomes_container(written):
    child = written[0]["child"]
    assert child.container_title == "Proceedings of the Parent Conference"
    assert child.title == "Paper in proceedings"


def test_crossref_inherits_editors_publisher_place_and_biblatex_date(written):
    child = written[0]["child"]
    assert [p.family for p in child.editors] == ["Editor"]
    assert (child.publisher, child.publisher_place) == ("Parent Press", "Vienna")
    assert child.issued == PartialDate(2020, 5, 17).with_end(PartialDate(2020, 5, 20))


def test_source_keeps_key_line_and_text(written):
    source = written[0]["child"].sources[0]
    assert (source.source_id, source.line) == ("child", 19)
    assert source.original.startswith("@inproceedings{child,")


def test_xampl_reads_every_entry():
    assert len(read_file(third_party("bibtex/pybtex-xampl.bib"), Report())) == 36


def test_xampl_crossref_fills_the_empty_organization():
    records = {
        r.sources[0].source_id: r
        for r in read_file(third_party("bibtex/pybtex-xampl.bib"), Report())
    }
    child = records["inproceedings-crossref"]
    assert child.container_title == "Proc. Fifteenth Annual Symposium on the Theory of Computing"
    assert child.year == 1983


def test_braced_initials_are_decoded():
    (record,) = read_file(third_party("bibtex/pybtex-extrafields.bib"), Report())
    first_two = [(p.non_dropping_particle, p.family, p.given) for p in record.authors[:2]]
    assert first_two == [("van der", "Walt", "Stéfan"), ("", "Schönberger", "Johannes L.")]


def test_keyless_endnote_entry_gets_a_key(tmp_path: Path):
    path = tmp_path / "endnote.bib"
    path.write_text("@article{\n  title = {No key},\n  year = {2001},\n}\n", encoding="utf-8")
    (record,) = read_file(path, Report())
    assert (record.title, record.sources[0].source_id) == ("No key", "litsite-line-1")


MISSING_COMMA = "@article{k,\n  title = {Escaped: characters}\n  year = {2001},\n}\n"


def test_missing_comma_does_not_run_the_next_field_into_the_title(tmp_path: Path):
    path = tmp_path / "mendeley.bib"
    path.write_text(MISSING_COMMA, encoding="utf-8")
    (record,) = read_file(path, Report())
    assert (record.title, record.issued) == ("Escaped: characters", PartialDate(2001))


def test_missing_comma_is_reported(tmp_path: Path):
    path = tmp_path / "mendeley.bib"
    path.write_text(MISSING_COMMA, encoding="utf-8")
    report = Report()
    read_file(path, report)
    assert [(p.field, p.line) for p in report.warnings] == [("title", 1)]


def test_shared_mendeley_missing_comma(shared_dev):
    records = read_file(shared_dev / "bibtex" / "zotero-bibtex-case09.bib", Report())
    assert records[5].title == "Mendeley: escaped characters"


def test_issn_written_in_the_isbn_field_is_an_issn(tmp_path: Path):
    path = tmp_path / "mendeley.bib"
    path.write_text("@article{k,\n  isbn = {0190-8286},\n  title = {T},\n}\n", encoding="utf-8")
    (record,) = read_file(path, Report())
    assert (record.issn, record.isbn) == (["0190-8286"], [])


def test_issn_field_without_an_issn_is_kept_as_written(tmp_path: Path):
    path = tmp_path / "typo.bib"
    path.write_text("@book{k,\n  issn = {2532-64314},\n  title = {T},\n}\n", encoding="utf-8")
    (record,) = read_file(path, Report())
    assert (record.issn, record.extra["issn"]) == ([], ["2532-64314"])


def _provenance(shared_dev: Path) -> dict[str, int]:
    entries = json.loads((shared_dev / "PROVENANCE.json").read_text(encoding="utf-8"))
    return {e["file"].removeprefix("dev/"): e["records"] for e in entries}


#: PROVENANCE counts 465 entries here; the file has 512 ``@`` entries, Better BibTeX's expected
#: parse has 512 items, and litsite reads 512 (47 repeat a key or have an empty one).
MENDELEY = "bbt-import-web-page-and-other-mendeley-idiocy.bib"


def test_shared_bibtex_counts_match_provenance(shared_dev):
    counts = _provenance(shared_dev)
    for path in sorted((shared_dev / "bibtex").glob("*.bib")):
        records = read_file(path, Report())
        expected = 512 if path.name == MENDELEY else counts[f"bibtex/{path.name}"]
        assert len(records) == expected, path.name


def test_shared_string_substitution(shared_dev):
    path = shared_dev / "bibtex" / "bbt-import-import-fails-to-perform-string-substitutions-154.bib"
    (record,) = read_file(path, Report())
    assert (record.publisher, record.publisher_place) == ("Freds Publishing", "London, UK")


def test_shared_corporate_authors(shared_dev):
    (record,) = read_file(shared_dev / "bibtex" / "bbt-import-literal-names.bib", Report())
    literals = [p.literal for p in record.authors if p.literal]
    assert (
        literals[0] == "American Heart Association Council on Quality of Care and Outcomes Research"
    )
    assert len(literals) == 5


def test_shared_windows_1252_file(shared_dev):
    path = shared_dev / "bibtex" / "jabref-encoding-windows-1252-with-header.bib"
    (record,) = read_file(path, Report())
    assert record.abstract_text == "25° C"


def test_shared_crossref_children(shared_dev):
    path = shared_dev / "bibtex" / "bbt-import-better-bibtex-003.bib"
    records = read_file(path, Report())
    child = next(r for r in records if r.type == "paper-conference")
    assert child.container_title and child.editors


@pytest.fixture(scope="module")
def decoding():
    report = Report()
    return read_file(DATA / "bibtex" / "decoding.bib", report), report


def test_latex_markup_becomes_csl_rich_text(decoding):
    (record, _), _ = decoding
    assert record.title == "<i>Homo sapiens</i> and CO<sub>2</sub>: Café and ôtel"
    small_caps = '<span style="font-variant:small-caps;">Tests</span>'
    assert record.container_title == f"Journal of {small_caps}"


def test_escaped_underscores_in_doi_and_url(decoding):
    (record, _), _ = decoding
    assert record.doi == "10.1000/abc_def"
    assert record.links[0].url == "https://example.org/path_with_underscores/~user"


def test_jr_part_of_a_bibtex_name_is_the_suffix(decoding):
    (record, _), _ = decoding
    people = [(p.non_dropping_particle, p.family, p.given, p.suffix) for p in record.authors]
    assert people == [("", "King", "Martin Luther", "Jr"), ("von", "Neumann", "John", "Jr.")]


def test_unknown_macro_is_kept_and_reported_with_its_field(decoding):
    (_, record), report = decoding
    assert record.title == r"A \frobnicate{strange} macro"
    (warning,) = report.warnings
    assert (warning.record, warning.field) == ("2 (unknown)", "title")
    assert r"unknown LaTeX command \frobnicate kept as written" in str(warning)


@pytest.fixture(scope="module")
def variables():
    return read_file(DATA / "bibtex" / "biblatex-variables.bib", Report())


def test_biblatex_fields_that_are_csl_variables_are_kept(variables):
    book = variables[0]
    assert [p.family for p in book.names["translator"]] == ["Pevear", "Volokhonsky"]
    assert (book.variables["number-of-pages"], book.variables["original-title"]) == (
        "1273",
        "Vojna i mir",
    )
    assert (book.variables["status"], book.variables["number-of-volumes"]) == ("forthcoming", "2")
    assert book.dates["original-date"] == PartialDate(1869)


def test_thesis_type_key_is_the_genre_as_biblatex_prints_it(variables):
    assert variables[1].variables["genre"] == "PhD thesis"


def test_event_and_date_ranges_are_kept(variables):
    paper = variables[2]
    assert (paper.variables["event-title"], paper.variables["event-place"]) == (
        "Test Conference 2019",
        "Lisbon",
    )
    assert paper.issued == PartialDate(2019, 6, 3).with_end(PartialDate(2019, 6, 5))
    assert paper.dates["event-date"] == paper.issued
