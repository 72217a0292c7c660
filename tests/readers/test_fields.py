"""Several identifiers, URLs or pages in one field, as exporters write them."""

from __future__ import annotations

import pytest

from litsite.readers.fields import page_range, split_codes, split_urls


def test_issns_with_qualifiers():
    assert split_codes(["1999-7777(Electronic),0222-6666(Print)"]) == (
        [],
        ["1999-7777", "0222-6666"],
    )


def test_scopus_issn_without_hyphen():
    assert split_codes(["03064530 (ISSN)"]) == ([], ["0306-4530"])


def test_isbn_and_issn_in_one_field():
    assert split_codes(["978-3-16-148410-0; 1234-5678"]) == (["978-3-16-148410-0"], ["1234-5678"])


def test_unrecognised_book_code_is_kept_as_isbn():
    assert split_codes(["N/A"], prefer_isbn=True) == (["N/A"], [])


def test_urls_separated_by_semicolons_and_spaces():
    assert split_urls(["https://a.org/x; https://b.org/y https://c.org/z"]) == [
        "https://a.org/x",
        "https://b.org/y",
        "https://c.org/z",
    ]


def test_url_inside_a_query_is_not_split():
    url = "http://proxy.example.edu/login?url=https://www.example.com/a"
    assert split_urls([url]) == [url]


def test_spaces_inside_one_url_are_encoded():
    assert split_urls(["https://x.org/volume 9/a b.pdf"]) == ["https://x.org/volume%209/a%20b.pdf"]


def test_unsafe_schemes_are_dropped():
    assert split_urls(["javascript:alert(1) ftp://x.org"]) == []


@pytest.mark.parametrize(
    ("first", "last", "pages"),
    [
        ("49", "52", "49-52"),
        ("pp 37-64", "", "37-64"),
        ("330—331", "", "330-331"),
        ("e453", "", "e453"),
        ("3502", "3502", "3502"),
        ("No Pagination Specified", "", ""),
    ],
)
def test_page_range(first, last, pages):
    assert page_range(first, last) == pages
