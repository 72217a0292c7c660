"""A site built with ``language: es`` prints its interface in Spanish on every page type: no
label, heading, button, summary or accessible name is left in English."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from litsite.cli import main

from .conftest import ROOT
from .test_catalogue import catalogue

#: Elements whose text is interface (never record data) on litsite's pages.
UI_TAGS = {"dt", "h2", "h3", "summary", "button", "label", "option", "th"}
UI_CLASSES = {"litsite-kind", "litsite-link-kind", "litsite-legend", "litsite-role"}
UI_ATTRIBUTES = ("aria-label", "placeholder", "title")
#: Record text these elements may still hold (an abstract's own section labels).
DATA_CLASSES = {"litsite-abstract-label"}
MONTHS = "January February March April May June July August September October November December"


class _Interface(HTMLParser):
    """The interface texts of a page: UI elements' text and accessible-name attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.dates: list[str] = []
        self._open: list[tuple[str, bool]] = []
        self._buffer: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag in {"meta", "link", "br", "input", "img", "hr"}:
            self._names(values)
            return
        self._names(values)
        ui = (tag in UI_TAGS or bool(classes & UI_CLASSES)) and not classes & DATA_CLASSES
        self._open.append((tag, ui))
        self._buffer.append([])

    def _names(self, values: dict) -> None:
        for name in UI_ATTRIBUTES:
            if values.get(name):
                self.texts.append(values[name])

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            opened, ui = self._open.pop()
            text = " ".join("".join(self._buffer.pop()).split())
            if self._buffer:
                self._buffer[-1].append(text + " ")
            if ui and text:
                self.texts.append(text)
            if opened == "dd" or opened == tag:
                if opened == "dd":
                    self.dates.append(text)
                break

    def handle_data(self, data: str) -> None:
        if self._buffer:
            self._buffer[-1].append(data)


def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each English interface string whose Spanish differs, as a whole-text pattern."""
    found = []
    for english, spanish in catalogue("es").items():
        if spanish and spanish != english and re.search(r"[a-z]{3}", english):
            pattern = re.sub(r"%\\\(\w+\\\)[sd]|\\\{\w+\\\}", ".+", re.escape(english))
            found.append((english, re.compile(rf"(?:{pattern})(?: \(\d+\))?", re.I)))
    return found


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("es-site")
    for name in ("content", "site_docs"):
        shutil.copytree(ROOT / name, folder / name)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = [{"litsite": {"records": "content", "language": "es"}}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return folder / "site"


PAGES = [
    "index.html",
    "search/index.html",
    "topics/index.html",
    "authors/index.html",
    "years/index.html",
    "journals/index.html",
    "types/index.html",
    "records/pmid-28775130.html",
    "records/pmid-23039619.html",
    "records/lccn-2003268354.html",
    "records/living-systematic-reviews-2-combining-human-79e070a664.html",
    "records/doi-10-1109-afips-1979-98.html",
    "records/full-article-public-transport-planning-adaption-e627f80818.html",
]


def test_the_pages_checked_exist(spanish_site):
    missing = [p for p in PAGES if not (spanish_site / p).is_file()]
    assert missing == []


@pytest.mark.parametrize("path", PAGES)
def test_spanish_pages_have_no_english_interface_words(spanish_site, path):
    page = (spanish_site / path).read_text("utf-8")
    assert '<html lang="es">' in page
    reader = _Interface()
    reader.feed(page)
    assert reader.texts, "no interface text found: the checker is blind"
    english = [
        (text, msgid)
        for text in reader.texts
        for msgid, pattern in _patterns()
        if pattern.fullmatch(text)
    ]
    assert english == []
    months = [d for d in reader.dates if any(m in d.split() for m in MONTHS.split())]
    assert months == []


def test_checker_sees_an_english_label():
    reader = _Interface()
    reader.feed("<dl><dt>Country of publication</dt><dd>Spain</dd></dl><button>Copy</button>")
    texts = [t for t in reader.texts for _, p in _patterns() if p.fullmatch(t)]
    assert texts == ["Country of publication", "Copy"]
