"""The one table of what a record page's Details list shows: order, label, renderer, shown or not.

Like Kerko's field declarations: each row names a field by key, gives its label (a msgid the
catalogue translates), how it is rendered and whether it is shown. Keys are CSL variable names
(``volume``, ``translator``, ``submitted``, ``call-number``), litsite's own record fields
(``formats``, ``links``, ``rights``), and two families for what source systems add:
``extra:<label>`` (a reader's labelled values, e.g. ``extra:grant``) and ``id:<system>`` (a
source system's identifier, e.g. ``id:lccn``). Rows with ``shown=False`` document internal
fields: provenance and processing data of a source system (RIS ``DP``/``L4``, CoLRev's
``colrev_*``, a catalogue's control number); they and any field no row declares stay out of
the Details and remain readable in "Source record". The page's head (title, authors with
affiliations, source line, DOI/PubMed/PMC), abstract, topics and Cite block are its fixed parts.

Site owners change the table with the plugin's ``fields`` option (``hide`` keys, ``show`` new
rows); ``field_options.configure`` validates it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..csl import CSL_DATE_VARIABLES, CSL_NAME_VARIABLES, CSL_TEXT_VARIABLES, SCALAR_VARIABLES
from ..i18n import N_, format_partial_date, language_name, messages, type_label
from ..model import Link, PartialDate, Person, Record
from ..normalize import parse_language, safe_url
from .render import EXTERNAL, html, linkify
from .richtext import rich_block, rich_inline

__all__ = ["Field", "FIELDS", "RENDERERS", "KNOWN_KEYS", "detail_rows", "values_of"]


@dataclass(frozen=True)
class Field:
    """One row: ``key`` names the value, ``label`` is a msgid (or a ``{language: text}`` map for
    a site owner's row), ``render`` one of ``RENDERERS``; ``shown=False`` marks internal data
    (``key`` may then be a glob such as ``extra:colrev_*``)."""

    key: str
    label: str | Mapping[str, str] = ""
    render: str = "text"
    shown: bool = True

    def title(self, language: str) -> str:
        if isinstance(self.label, Mapping):
            return (
                self.label.get(language) or self.label.get("en") or next(iter(self.label.values()))
            )
        return messages(language).gettext(self.label)


#: Link kind -> label (a msgid) in the Links row.
LINK_LABELS = {
    "fulltext": N_("Full text"),
    "pdf": N_("PDF"),
    "publisher": N_("Publisher's page"),
    "trial": N_("Trial registry"),
    "related": N_("Related resource"),
    "other": N_("Link"),
}

_ROLE_LABELS = {
    "editor": N_("Editors"),
    "container-author": N_("Author of the container"),
    "collection-editor": N_("Series editors"),
    "translator": N_("Translators"),
    "editor-translator": N_("Editors and translators"),
    "original-author": N_("Original author"),
    "reviewed-author": N_("Reviewed author"),
    "compiler": N_("Compilers"),
    "contributor": N_("Contributors"),
    "chair": N_("Chair"),
    "organizer": N_("Organizers"),
    "illustrator": N_("Illustrators"),
    "interviewer": N_("Interviewers"),
    "recipient": N_("Recipients"),
    "director": N_("Directors"),
    "composer": N_("Composers"),
    "curator": N_("Curators"),
    "editorial-director": N_("Editorial directors"),
    "executive-producer": N_("Executive producers"),
    "guest": N_("Guests"),
    "host": N_("Hosts"),
    "narrator": N_("Narrators"),
    "performer": N_("Performers"),
    "producer": N_("Producers"),
    "script-writer": N_("Script writers"),
    "series-creator": N_("Series creators"),
}

FIELDS: tuple[Field, ...] = (
    Field("container-title", N_("Journal / source"), "container"),
    Field("volume-title", N_("Volume title"), "rich"),
    Field("collection-title", N_("Series"), "series"),
    Field("volume", N_("Volume")),
    Field("issue", N_("Issue")),
    Field("page", N_("Pages")),
    Field("number-of-pages", N_("Number of pages")),
    Field("number-of-volumes", N_("Number of volumes")),
    Field("edition", N_("Edition")),
    Field("part-number", N_("Part")),
    Field("number", N_("Number")),
    Field("genre", N_("Genre")),
    Field("issued", N_("Published"), "date"),
    Field("available-date", N_("Available online"), "date"),
    Field("original-date", N_("Originally published"), "date"),
    Field("submitted", N_("Submitted"), "date"),
    Field("event-date", N_("Event date"), "date"),
    Field("accessed", N_("Accessed"), "date"),
    Field("record", N_("Record date"), "date"),
    Field("type", N_("Type"), "type"),
    Field("formats", N_("Format")),
    Field("medium", N_("Medium")),
    Field("language", N_("Language"), "language"),
    Field("extra:language", N_("Languages"), "language"),
    Field("publisher", N_("Publisher")),
    Field("publisher-place", N_("Place of publication")),
    Field("extra:country of publication", N_("Country of publication")),
    Field("original-publisher", N_("Original publisher")),
    Field("original-title", N_("Original title"), "rich"),
    Field("translated-title", N_("Translated title"), "rich"),
    Field("extra:transliterated title", N_("Transliterated title")),
    Field("extra:thesis", N_("Thesis")),
    Field("event-title", N_("Event"), "rich"),
    Field("event-place", N_("Event place")),
    Field("status", N_("Status")),
    Field("version", N_("Version")),
    Field("extra:physical description", N_("Physical description"), "lines"),
    Field("dimensions", N_("Dimensions")),
    Field("scale", N_("Scale")),
    Field("call-number", N_("Call number"), "lines"),
    Field("extra:dewey classification", N_("Dewey classification"), "lines"),
    Field("archive", N_("Archive")),
    Field("archive_location", N_("Location in archive")),
    Field("ISSN", "ISSN", "list"),
    Field("ISBN", "ISBN", "list"),
    Field("id:lccn", N_("LCCN")),
    Field("id:oclc", N_("OCLC number")),
    Field("id:pii", N_("Publisher item identifier")),
    Field("id:mid", N_("Manuscript ID")),
    *(Field(role, label, "names") for role, label in _ROLE_LABELS.items()),
    Field("extra:contributor", N_("Contributors"), "lines"),
    Field("extra:related name", N_("Related names"), "lines"),
    Field("extra:investigator", N_("Investigators"), "list"),
    Field("extra:grant", N_("Grants"), "lines"),
    Field("extra:substance", N_("Substances"), "list"),
    Field("extra:substance name", N_("Substance names"), "list"),
    Field("extra:comment in", N_("Comment in"), "lines"),
    Field("extra:comment on", N_("Comment on"), "lines"),
    Field("links", N_("Links"), "links"),
    Field("license", N_("Licence"), "lines"),
    Field("extra:license terms", N_("Licence terms"), "lines"),
    Field("rights", N_("Rights"), "lines"),
    Field("note", N_("Notes"), "notes"),
    Field("extra:general note", N_("General note"), "notes"),
    # Internal: how a source system stored, fetched or screened the record.
    *(
        Field(key, shown=False)
        for key in (
            "extra:DP",  # RIS: the database the record was fetched from
            "extra:L4",
            "extra:RIS type",
            "extra:BibTeX type",
            "extra:colrev*",
            "extra:screening_criteria",
            "extra:dblp_key",
            "extra:bibdate",
            "extra:bibsource",
            "extra:publication status",
            "extra:record_format",
            "extra:collection",
            "extra:institution",
            "extra:source",  # MEDLINE SO: the citation line the page already shows
            "extra:series number",  # shown with its series
            "collection-number",  # shown with its series
            "container-title-short",  # shown with its container
            "source",
            "references",
            "citation-key",
            "citation-label",
            "id:vufind",
            "id:marc",
            "id:dlc",
        )
    ),
)

#: Record attributes that are not plain CSL strings, by key.
_ATTRIBUTES: dict[str, Callable[[Record], Any]] = {
    "ISSN": lambda r: r.issn,
    "ISBN": lambda r: r.isbn,
    "type": lambda r: r.type,
    "formats": lambda r: r.formats,
    "language": lambda r: r.language,
    "license": lambda r: r.license,
    "rights": lambda r: r.rights,
    "links": lambda r: [link for link in r.links if link.kind not in {"doi", "pubmed", "pmc"}],
    "issued": lambda r: r.issued,
    "editor": lambda r: r.editors,
    "author": lambda r: r.authors,
    **{name: (lambda r, a=attr: getattr(r, a)) for attr, name in SCALAR_VARIABLES.items()},
}
#: Keys without a family prefix that a row may name.
KNOWN_KEYS = (
    set(_ATTRIBUTES) | CSL_TEXT_VARIABLES | CSL_NAME_VARIABLES | CSL_DATE_VARIABLES | {"record"}
)


def values_of(record: Record, key: str) -> list:
    """The record's values for ``key`` as a list (empty when it has none)."""
    family, _, name = key.partition(":")
    if name and family == "extra":
        found: Any = record.extra.get(name)
    elif name and family == "id":
        found = record.source_ids.get(name)
    elif key in _ATTRIBUTES:
        found = _ATTRIBUTES[key](record)
    elif key in record.names:
        found = record.names[key]
    elif key in record.dates:
        found = record.dates[key]
    else:
        found = record.variables.get(key)
    if found is None or found == "":
        return []
    return [v for v in found if v not in ("", None)] if isinstance(found, list) else [found]


@dataclass
class _Context:
    record: Record
    language: str
    term: Callable[[str, str], str | None]

    def gettext(self, text: str) -> str:
        return messages(self.language).gettext(text)


def _text(values: list, ctx: _Context) -> Markup:
    return Markup("; ").join(linkify(str(v)) for v in values)


def _lines(values: list, ctx: _Context) -> Markup:
    return Markup("<br>").join(linkify(str(v)) for v in values)


def _list(values: list, ctx: _Context) -> Markup:
    return Markup(", ").join(html(str(v)) for v in values)


def _rich(values: list, ctx: _Context) -> Markup:
    return Markup("<br>").join(rich_inline(str(v)) for v in values)


def _notes(values: list, ctx: _Context) -> Markup:
    blocks = [rich_block(str(v)) for v in values]
    return Markup("").join(Markup('<div class="litsite-note">{}</div>').format(b) for b in blocks)


def _date(values: list, ctx: _Context) -> Markup:
    dates = [v for v in values if isinstance(v, PartialDate)]
    return html("; ".join(filter(None, (format_partial_date(d, ctx.language) for d in dates))))


def _names(values: list, ctx: _Context) -> Markup:
    return html("; ".join(p.display() if isinstance(p, Person) else str(p) for p in values))


def _type(values: list, ctx: _Context) -> Markup:
    label = type_label(str(values[0]), ctx.language)
    url = ctx.term("types", str(values[0]))
    return Markup('<a href="{}">{}</a>').format(url, label) if url else html(label)


def _language(values: list, ctx: _Context) -> Markup:
    names = []
    for value in values:
        lang = value if not isinstance(value, str) else parse_language(value)
        names.append(language_name(lang.code, lang.name or str(value), ctx.language))
    return html(", ".join(dict.fromkeys(n for n in names if n)))


def _container(values: list, ctx: _Context) -> Markup:
    record = ctx.record
    title = rich_inline(str(values[0]))
    url = ctx.term("journals", record.container_title)
    shown = Markup('<a href="{}"><cite>{}</cite></a>').format(url, title) if url else title
    short = record.container_title_short
    if short and short != record.container_title:
        shown += Markup(" ({})").format(short)
    return shown


def _series(values: list, ctx: _Context) -> Markup:
    record = ctx.record
    number = values_of(record, "collection-number") or values_of(record, "extra:series number")
    shown = rich_inline(str(values[0]))
    return shown + Markup(" ; {}").format(number[0]) if number else shown


def _links(values: list, ctx: _Context) -> Markup:
    items = []
    for link in values:
        url = safe_url(link.url) if isinstance(link, Link) else ""
        if not url:
            continue
        kind = ctx.gettext(LINK_LABELS.get(link.kind, LINK_LABELS["other"]))
        label = f"{kind}: {link.label}" if link.label and link.label != kind else kind
        items.append(
            Markup(
                '<li><span class="litsite-link-kind">{}</span> <a href="{}" rel="{}">{}</a></li>'
            ).format(label, url, EXTERNAL, url)
        )
    return (
        Markup('<ul class="litsite-links">{}</ul>').format(Markup("").join(items))
        if items
        else Markup("")
    )


#: Renderer name -> function of (values, context) -> HTML.
RENDERERS: dict[str, Callable[[list, _Context], Markup]] = {
    "text": _text,
    "lines": _lines,
    "list": _list,
    "rich": _rich,
    "notes": _notes,
    "date": _date,
    "names": _names,
    "type": _type,
    "language": _language,
    "container": _container,
    "series": _series,
    "links": _links,
}


def detail_rows(
    record: Record,
    language: str,
    term: Callable[[str, str], str | None],
    table: tuple[Field, ...] = FIELDS,
    skip: Collection[str] = (),
) -> list[tuple[str, Markup]]:
    """``(label, html)`` for every shown field the record has, in the table's order, but the
    ``skip`` keys (shown elsewhere on the page)."""
    ctx = _Context(record, language, term)
    rows = []
    for row in table:
        if not row.shown or row.key in skip:
            continue
        if values := values_of(record, row.key):
            rows.append((row.title(language), RENDERERS[row.render](values, ctx)))
    return rows
