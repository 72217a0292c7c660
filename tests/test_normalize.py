"""Shared clean-up: names split with their suffixes, text trimmed but never rewritten."""

from __future__ import annotations

import pytest

from litsite.model import Record
from litsite.normalize import normalize, parse_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith, John, Jr.", ("Smith", "John", "Jr.")),
        ("Gates, Henry Louis, 2nd", ("Gates", "Henry Louis", "2nd")),
        ("King, Martin Luther, III", ("King", "Martin Luther", "III")),
        ("Smith Jr., J. A.", ("Smith", "J. A", "Jr.")),
        ("John Smith Jr.", ("Smith", "John", "Jr.")),
        ("Vico, Giambattista, 1668-1744.", ("Vico", "Giambattista", "")),
        ("Li, Xi", ("Li", "Xi", "")),
    ],
)
def test_name_suffix_is_the_csl_suffix(text, expected):
    person = parse_name(text)
    assert (person.family, person.given, person.suffix) == expected


def test_wrapped_lines_are_joined_but_typographic_spaces_kept():
    record = normalize(Record(title="Le\u00a0livre :\n   une\u202fhistoire  "))
    assert record.title == "Le\u00a0livre : une\u202fhistoire"
