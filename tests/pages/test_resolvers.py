"""Identifiers as resolver paths: safe in a URL and on every file system, whatever the DOI."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from litsite.pages.resolvers import resolver_path


def test_an_ordinary_doi_keeps_its_readable_form_lower_cased():
    assert (
        resolver_path("doi", "10.1371/journal.PONE.0123456") == "doi/10.1371/journal.pone.0123456"
    )


def test_a_sici_doi_escapes_what_urls_and_file_systems_refuse():
    doi = "10.1002/(SICI)1097-4636(199706)35:4<489::AID-JBM9>3.0.CO;2-E"
    assert resolver_path("doi", doi) == (
        "doi/10.1002/(sici)1097-4636(199706)35~3A4~3C489~3A~3Aaid-jbm9~3E3.0.co~3B2-e"
    )


def test_a_hostile_doi_cannot_climb_out_of_its_folder_or_break_a_url():
    path = resolver_path("doi", '10.1000/../"x"#?<a>/./~')
    assert path == "doi/10.1000/~2E./~22x~22~23~3F~3Ca~3E/~2E/~7E"
    assert quote(path) == path  # nothing a URL would read as a query, fragment or quote
    assert ".." not in path.split("/") and "." not in path.split("/")


def test_empty_segments_of_a_doi_stay_distinct_folders():
    assert resolver_path("doi", "10.1000//x/") == "doi/10.1000/~/x/~"


def test_a_segment_too_long_for_a_file_name_gets_no_resolver():
    assert resolver_path("doi", "10.1000/" + "<" * 80) is None


def test_a_windows_device_name_is_escaped():
    assert resolver_path("doi", "10.1000/CON") == "doi/10.1000/~63on"


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("pmid", "31070229", "pmid/31070229"),
        ("pmid", "3107/0229", None),
        ("pmid", "٣١٠٧", None),
        ("pmcid", "PMC6547470", "pmc/PMC6547470"),
        ("pmcid", "6547470", "pmc/PMC6547470"),
        ("isbn", "978-0-596-00167-0", "isbn/9780596001670"),
        ("isbn", "0-201-61616-x", "isbn/020161616X"),
        ("isbn", "../../etc", None),
        ("doi", "not a doi", None),
    ],
)
def test_other_identifiers_must_have_their_own_shape(kind, value, expected):
    assert resolver_path(kind, value) == expected
