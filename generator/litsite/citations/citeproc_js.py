"""Make pandoc's citeproc print what citeproc-js prints: a table of named rules.

citeproc-js is the reference CSL processor (Zotero, Mendeley, citation.js); litsite's CSL styles
are judged against it. pandoc's citeproc applies the same style but reads some CSL-JSON
conventions differently. Each ``Rule`` names the citeproc-js behaviour it covers and the styles
and locales it applies to, and adjusts the item before pandoc sees it, pandoc's output AST, or
(only where the AST cannot say it) the rendered string. Every rule has a fixture in
``tests/data/citeproc_js/`` (a CSL item and citeproc-js's output for it) that fails without it.

Characters pandoc must not reinterpret (a typed quote, a hyphen) are masked with private-use
code points picked per batch from those no item of the batch holds, so a record's own
private-use characters pass through untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import LitsiteError
from . import citeproc_fixes as fixes
from . import citeproc_output, citeproc_quotes, citeproc_textcase
from .citeproc_output import Inline

__all__ = [
    "RULES",
    "Rule",
    "Layer",
    "UnknownAst",
    "AST_VERSION",
    "check_ast_version",
    "code_digest",
]

#: The pandoc JSON AST version this layer reads and writes; any other fails loudly.
AST_VERSION = (1, 23, 1, 1)


class UnknownAst(LitsiteError):
    """pandoc speaks an AST version this layer was not written for."""


def check_ast_version(document: dict[str, Any]) -> None:
    """Raise ``UnknownAst`` unless pandoc's output is in ``AST_VERSION``."""
    found = tuple(document.get("pandoc-api-version", ()))
    if found != AST_VERSION:
        raise UnknownAst(
            f"pandoc's JSON AST is version {'.'.join(map(str, found))}; litsite's citeproc-js "
            f"layer knows {'.'.join(map(str, AST_VERSION))}: install the pypandoc-binary "
            "version pyproject.toml names"
        )


@cache
def code_digest() -> str:
    """The layer's code (table, fixes, output writer): part of every cached entry's key."""
    digest = hashlib.sha256()
    modules = (fixes, citeproc_output, citeproc_quotes, citeproc_textcase)
    for module in (__file__, *(m.__file__ for m in modules)):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


# --- the table ------------------------------------------------------------------------------


def _every(style_id: str, locale: str) -> bool:
    return True


def _styles(*ids: str) -> Callable[[str, str], bool]:
    return lambda style_id, locale: style_id in ids


def _locales(*locales: str) -> Callable[[str, str], bool]:
    return lambda style_id, locale: locale in locales


@dataclass(frozen=True)
class Rule:
    """One difference between pandoc's citeproc and citeproc-js, and how litsite bridges it."""

    name: str
    #: What citeproc-js does that pandoc does not.
    covers: str
    #: Which styles and locales it applies to, as ``(style id, CSL locale) -> bool``.
    applies: Callable[[str, str], bool]
    style: Callable[[str, fixes.Batch], str] | None = None
    item: Callable[[fixes.Item, fixes.Batch], fixes.Item] | None = None
    inlines: Callable[[list[Inline], fixes.Batch, bool], list[Inline]] | None = None
    text: Callable[[str, fixes.Batch], str] | None = None


RULES: tuple[Rule, ...] = (
    Rule(
        "non-text-values",
        "ignores a text variable holding a list or an object (pandoc refuses the whole item)",
        _every,
        item=fixes.drop_non_text,
    ),
    Rule(
        "text-case",
        "cases a variable its own way: words split at hyphens, slashes and stops too, its own "
        "list of lower-case words (and the last word capitalised even so), no change to a word "
        "that does not start with a letter; title case only in English",
        _every,
        style=fixes.case_in_style,
        item=fixes.case_variables,
    ),
    Rule(
        "name-before-label",
        "prints the names of a <names> element that has a <label> but no <name> before the "
        "label ('Salamon LM, Sokolowski SW, eds.')",
        _every,
        style=fixes.name_before_label,
    ),
    Rule(
        "term-group-prints",
        "counts a group that calls no variable but prints (a term) as printed content of the "
        "group around it, which is then not suppressed ('[Online].')",
        _every,
        style=fixes.groups_as_macros,
    ),
    Rule(
        "strip-periods",
        "strips only the full stops of a variable that no lower-case letter follows "
        "('PublishersWeekly.com' keeps its stop)",
        _every,
        style=fixes.strip_periods_in_style,
        item=fixes.strip_periods,
    ),
    Rule(
        "given-name-in-parentheses",
        "leaves a given-name word in parentheses or brackets as typed, with no initial's stop",
        _every,
        item=fixes.mark_parenthesised,
        text=fixes.unmark_parenthesised,
    ),
    Rule(
        "lowercase-given-name",
        "does not initialise a given-name word that starts in lower case ('bell hooks'), and "
        "writes a space before it",
        _every,
        item=fixes.mark_lowercase,
        text=fixes.unmark_lowercase,
    ),
    Rule(
        "space-before-colon",
        "writes a space typed before a colon as a narrow no-break space",
        _every,
        item=fixes.space_colon,
    ),
    Rule(
        "quotation-marks",
        "reads quotation marks with its flip-flopper: a typed single quotation keeps single "
        "marks where nothing encloses it, a quotation inside quotes flips, an apostrophe or a "
        "mark it cannot pair is text",
        _every,
        item=fixes.quotations,
        text=fixes.inner_quotations,
    ),
    Rule(
        "punctuation-into-quotes",
        "with punctuation-in-quote (en-US), moves a comma or full stop that follows a quotation "
        "inside all its closing marks, through italics, and keeps a comma after a question mark "
        "or full stop there",
        _locales("en-US"),
        style=fixes.punctuation_outside_quotes,
        inlines=fixes.move_into_quotes,
    ),
    Rule(
        "literal-date-once",
        "prints a literal (unparsed) date once where apa.csl asks for year and then month-day",
        _styles("apa"),
        item=fixes.mark_literal_date,
        text=fixes.literal_date_once,
    ),
    Rule(
        "issue-range-dash",
        "joins an issue range with the locale's range delimiter, as a page range ('3–4' in "
        "en-US; es-ES keeps the hyphen)",
        _locales("en-US"),
        item=fixes.issue_range,
    ),
    Rule(
        "number-hyphens",
        "joins a numeric range in `number` with an en dash (plural label), and keeps any other "
        "hyphen there (singular: 'Patent No. EU-297')",
        _locales("en-US"),
        item=fixes.number_hyphens,
    ),
    Rule(
        "institution-last-of-two",
        "writes no delimiter before 'and' when the second of two names is an institution",
        _every,
        item=fixes.mark_institution,
        text=fixes.no_delimiter_before_institution,
    ),
    Rule(
        "page-hyphen-kept",
        "keeps the hyphen of a page (or of each comma-separated part) that is not a numeric "
        "range ('1-n/a')",
        _every,
        item=fixes.page_hyphen,
    ),
    Rule(
        "wordy-number-singular",
        "labels a number of several words without digits as singular ('p. two')",
        _every,
        item=fixes.wordy_numbers,
    ),
    Rule(
        "leading-term-capitalised",
        "capitalises a term that opens a reference-list entry: '(N.d.).'",
        _every,
        inlines=fixes.capitalise_leading_term,
    ),
)


class Layer:
    """The rules that apply to one pandoc batch in one style and locale."""

    def __init__(
        self,
        style_id: str,
        locale: str,
        items: Sequence[fixes.Item],
        style_text: str,
        disabled: frozenset[str] = frozenset(),
    ) -> None:
        self.rules = [
            rule for rule in RULES if rule.applies(style_id, locale) and rule.name not in disabled
        ]
        self.batch = fixes.Batch(items, style_text, locale)
        #: The style as pandoc should read it for this batch (what the item rules fill in).
        self.style_text = style_text
        for rule in self.rules:
            if rule.style is not None:
                self.style_text = rule.style(self.style_text, self.batch)

    def prepare(self, item: fixes.Item) -> fixes.Item:
        """A copy of ``item`` that pandoc renders as citeproc-js renders ``item``."""
        for rule in self.rules:
            if rule.item is not None:
                item = rule.item(item, self.batch)
        return item

    def text(self, inlines: list[Inline], entry: bool = False) -> str:
        """citeproc-js's plain text for pandoc's output (``entry``: a reference-list entry)."""
        return self._finish(citeproc_output.to_text(self._adjust(inlines, entry)))

    def html(self, inlines: list[Inline], entry: bool = False) -> str:
        """citeproc-js's HTML for pandoc's output."""
        return self._finish(citeproc_output.to_html(self._adjust(inlines, entry)))

    def _adjust(self, inlines: list[Inline], entry: bool) -> list[Inline]:
        for rule in self.rules:
            if rule.inlines is not None:
                inlines = rule.inlines(inlines, self.batch, entry)
        return inlines

    def _finish(self, rendered: str) -> str:
        rendered = rendered.strip()
        for rule in self.rules:
            if rule.text is not None:
                rendered = rule.text(rendered, self.batch)
        return rendered.translate(self.batch.reveal)
