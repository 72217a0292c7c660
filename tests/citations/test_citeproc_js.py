"""The citeproc-js compatibility layer: each rule's fixture passes with it and fails without it.

Each ``tests/data/citeproc_js/<rule>[.<variant>].json`` holds a CSL item written for the rule,
its style and locale, and citeproc-js's output for it (written by
``benchmarks/style_fidelity.py --fixtures``).
"""

from __future__ import annotations

import json

import pytest

from litsite.citations import citeproc_js
from litsite.citations.citeproc_js import RULES
from litsite.citations.styles import format_items, render_items
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "data" / "citeproc_js"
#: ``<rule>.json``, and ``<rule>.<variant>.json`` where a rule covers more than one case.
CASES = sorted(FIXTURES.glob("*.json"))
RULE_NAMES = {rule.name: rule for rule in RULES}


def _fixture(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _rendered(fixture: dict, disabled: frozenset[str] = frozenset()) -> dict[str, str]:
    (entry,) = render_items([fixture["item"]], fixture["style"], fixture["locale"], disabled)
    if entry is None:  # pandoc refused the item
        return {}
    return {"text": entry.text, "html": entry.html, "in_text": entry.in_text}


def _expected(fixture: dict) -> dict[str, str]:
    want = fixture["citeproc-js"]
    return {"text": want["text"], "html": want["html"], "in_text": want["in_text"]}


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_rule_fixture_matches_citeproc_js(path):
    fixture = _fixture(path)
    assert RULE_NAMES[fixture["rule"]].applies(fixture["style"], fixture["locale"])
    assert _rendered(fixture) == _expected(fixture)


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_rule_fixture_fails_without_the_rule(path):
    fixture = _fixture(path)
    assert _rendered(fixture, frozenset({fixture["rule"]})) != _expected(fixture)


def test_every_rule_has_a_fixture_and_every_fixture_names_a_rule():
    named = {path.name.split(".")[0] for path in CASES}
    assert named == set(RULE_NAMES)
    assert all(_fixture(path)["rule"] == path.name.split(".")[0] for path in CASES)


def test_private_use_characters_in_record_text_are_kept(tmp_path):
    """A record may use private-use code points (a font's own glyphs): they pass untouched, even
    the ones the layer would otherwise pick as its stand-ins."""
    title = "Glyphs \ue000\ue001\ue004\ue009 and \U000f0001 in a title"
    item = {"type": "book", "title": title, "issued": {"date-parts": [[2001]]}}
    (entry,) = format_items([item], "apa", "en-US", cache_dir=tmp_path)
    assert entry.text == f"{title}. (2001)."


def test_unknown_pandoc_ast_version_fails_loudly():
    with pytest.raises(citeproc_js.UnknownAst, match="1.24"):
        citeproc_js.check_ast_version({"pandoc-api-version": [1, 24], "blocks": []})


def test_layer_code_is_part_of_the_cache_key(tmp_path, monkeypatch):
    item = {"type": "book", "title": "Field notes", "issued": {"date-parts": [[2011]]}}
    format_items([item], "apa", "en-US", cache_dir=tmp_path)
    monkeypatch.setattr(citeproc_js, "code_digest", lambda: "a changed rule")
    from litsite.citations import styles

    styles._fingerprint.cache_clear()
    try:
        format_items([item], "apa", "en-US", cache_dir=tmp_path)
    finally:
        styles._fingerprint.cache_clear()
    assert len(list(tmp_path.glob("*/*.json"))) == 2
