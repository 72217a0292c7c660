"""The canonical record model that joins every reader, citation writer and page builder.

It is CSL-JSON at its core (the vocabulary citeproc engines, Zotero, pandoc and citation-js
share: ``type``, ``title``, ``author``, ``container-title``, ``issued``…) plus what CSL lacks and a
record page needs: labelled abstract sections, topics with their scheme, classified links,
licence and rights, and provenance. ``litsite.csl`` converts it to CSL-JSON and back without loss;
the non-CSL parts travel in the item's ``custom`` object (CSL-JSON schema 1.0.2).

Plain dataclasses with ``slots`` rather than pydantic: no extra dependency, about half the memory
per record (it matters at 100,000 records), and validation lives in ``litsite.validate`` where it
can report every problem with its field instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "AbstractSection",
    "Language",
    "Link",
    "PartialDate",
    "Person",
    "Record",
    "Relation",
    "RELATION_KINDS",
    "Reference",
    "Source",
    "Topic",
    "LINK_KINDS",
]

#: Kinds a link can have; pages order and label links by it.
LINK_KINDS = ("doi", "pubmed", "pmc", "publisher", "fulltext", "pdf", "related", "other")


@dataclass(slots=True)
class Person:
    """A name as CSL has it: ``family``/``given`` for people, ``literal`` for organisations.

    Particles stay in ``family`` ("de Roock") unless a reader knows better and fills
    ``non_dropping_particle``; suffixes ("Jr.") go in ``suffix``.
    """

    family: str = ""
    given: str = ""
    literal: str = ""
    suffix: str = ""
    non_dropping_particle: str = ""
    dropping_particle: str = ""
    orcid: str = ""
    affiliations: list[str] = field(default_factory=list)
    #: CSL's name flags, kept as the source set them: "Jr." after a comma, given name after the
    #: family name as written (e.g. for names in Chinese), and citeproc-js' "do not parse".
    comma_suffix: bool = False
    static_ordering: bool = False
    parse_names: bool | None = None

    @property
    def is_organisation(self) -> bool:
        return bool(self.literal) and not self.family

    def display(self) -> str:
        """``Family, Given`` — the form catalogues and indexes sort and show."""
        if self.is_organisation:
            return self.literal
        family = " ".join(p for p in (self.non_dropping_particle, self.family) if p)
        given = " ".join(p for p in (self.given, self.dropping_particle) if p)
        name = f"{family}, {given}" if given else family
        return f"{name}, {self.suffix}" if self.suffix else name


@dataclass(slots=True, frozen=True)
class PartialDate:
    """A date known to year, month or day precision, or only as text ("Spring 2019").

    ``end`` makes it a range ("1999–2008", CSL's second ``date-parts`` entry); ``season`` is
    CSL's 1–4 (spring … winter) or the source's own word ("Fall").
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: int | str | None = None
    literal: str = ""
    circa: bool = False
    end: PartialDate | None = None

    def iso(self) -> str:
        """``2019``, ``2019-10`` or ``2019-04-27``: the date, or a range's start (empty when
        only a literal is known)."""
        if self.year is None:
            return ""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def interval(self) -> str:
        """``iso()``, or ``1999/2008`` for a range (ISO 8601 and EDTF write intervals so)."""
        if self.end is not None and self.end.year is not None and self.year is not None:
            return f"{self.iso()}/{self.end.iso()}"
        return self.iso()

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a range of two of them joined by
        ``/`` (ISO 8601 and EDTF intervals); raise ValueError otherwise."""
        start, slash, end = text.strip().partition("/")
        if slash:
            return cls._point(start, text).with_end(cls._point(end, text))
        return cls._point(start, text)

    @classmethod
    def _point(cls, text: str, whole: str) -> PartialDate:
        pieces = [int(p) for p in text.strip().split("-")]
        if not 1 <= len(pieces) <= 3:
            raise ValueError(f"{whole!r} is not an ISO date")
        year, month, day = (pieces + [None, None])[:3]
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{whole!r} has no month {month}")
        if day is not None and not 1 <= day <= 31:
            raise ValueError(f"{whole!r} has no day {day}")
        return cls(year=year, month=month, day=day)

    def with_end(self, end: PartialDate | None) -> PartialDate:
        """This date as the start of a range ending at ``end``."""
        return replace(self, end=end)


@dataclass(slots=True)
class AbstractSection:
    """One part of a structured abstract; ``label`` is empty for an unstructured abstract."""

    text: str
    label: str = ""


@dataclass(slots=True)
class Topic:
    """A subject heading or keyword with the vocabulary it comes from.

    ``scheme`` is e.g. ``mesh``, ``keyword``, ``vufind``, ``lcsh``; ``major`` is MeSH's
    major-topic flag; ``qualifiers`` are MeSH subheadings ("therapy", "adverse effects").
    """

    term: str
    scheme: str = "keyword"
    major: bool = False
    qualifiers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Link:
    """A URL with what it leads to (one of ``LINK_KINDS``)."""

    url: str
    kind: str = "other"
    label: str = ""


#: How a record relates to a notice or another version of it, each kind with its reverse (the
#: notice's side): PubMed's ``CommentsCorrections`` types, MEDLINE's tags and Crossref's updates
#: all map to these.
RELATION_KINDS = {
    "retraction-in": "retraction-of",
    "erratum-in": "erratum-for",
    "concern-in": "concern-for",
    "update-in": "update-of",
    "retracted-republished-in": "retracted-republished-from",
    "corrected-republished-in": "corrected-republished-from",
}
RELATION_KINDS.update({v: k for k, v in list(RELATION_KINDS.items())})


@dataclass(slots=True)
class Relation:
    """A notice or version related to this record: ``retraction-in`` (this record is retracted
    by the work named), ``erratum-for`` (this record is an erratum for it)… (``RELATION_KINDS``).

    The other work is named by whatever the source gives: PMID, DOI, and its citation as written.
    """

    kind: str
    pmid: str = ""
    doi: str = ""
    citation: str = ""
    note: str = ""


@dataclass(slots=True)
class Reference:
    """A work the record cites, as its reference list gives it: identifiers where known, else
    what a match can use (title, year, first author's family name) and the text as written."""

    pmid: str = ""
    doi: str = ""
    title: str = ""
    year: str = ""
    author: str = ""
    citation: str = ""


@dataclass(slots=True)
class Language:
    """ISO 639-1 code where known ("en") and the name as the source wrote it ("English")."""

    code: str = ""
    name: str = ""


@dataclass(slots=True)
class Source:
    """Provenance: which file, which record in it, which reader, and the original text."""

    path: str
    index: int
    reader: str
    line: int | None = None
    original: str = ""
    source_id: str = ""

    @property
    def label(self) -> str:
        """``content/seed.txt: record 1`` — how errors and pages name the record."""
        return f"{self.path}: record {self.index}"


@dataclass(slots=True)
class Record:
    """One bibliographic work, whatever format it came from."""

    type: str = "document"
    title: str = ""
    authors: list[Person] = field(default_factory=list)
    editors: list[Person] = field(default_factory=list)
    container_title: str = ""
    container_title_short: str = ""
    collection_title: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    edition: str = ""
    number: str = ""
    publisher: str = ""
    publisher_place: str = ""
    issued: PartialDate | None = None
    #: Other dates by CSL name (``available-date``, ``accessed``, ``original-date``,
    #: ``event-date``, ``submitted``, ``container``) or litsite name (``record``: when the
    #: catalogue record was made or changed).
    dates: dict[str, PartialDate] = field(default_factory=dict)
    #: Names in every other CSL role (``translator``, ``container-author``, ``director``,
    #: ``collection-editor``, ``interviewer``, ``composer``…), by CSL variable name.
    names: dict[str, list[Person]] = field(default_factory=dict)
    #: Every other CSL variable the record holds, by CSL name, as the source gave it
    #: (``genre``, ``status``, ``version``, ``medium``, ``original-title``, ``part-number``,
    #: ``number-of-pages``, ``event-title``, ``archive``…); a variable CSL does not define is
    #: kept too (its value may be any JSON value) and travels in ``custom``.
    variables: dict[str, Any] = field(default_factory=dict)
    abstract: list[AbstractSection] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    isbn: list[str] = field(default_factory=list)
    issn: list[str] = field(default_factory=list)
    #: Identifiers the source system gives the record, by system ("vufind": "pubmed-6758577").
    source_ids: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    #: Retractions, errata, expressions of concern and updates, of this record or by it.
    relations: list[Relation] = field(default_factory=list)
    #: The record's reference list (PubMed ``ReferenceList``, Crossref ``reference``).
    references: list[Reference] = field(default_factory=list)
    language: Language | None = None
    #: The source's own format/genre words ("Online", "Article", "Text").
    formats: list[str] = field(default_factory=list)
    license: str = ""
    rights: str = ""
    note: str = ""
    #: Labelled values the record holds that no field above takes ("collection", "institution").
    extra: dict[str, list[str]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    id: str = ""
    #: Markdown the site owner wrote about the work (``commentary:`` in its record file, or a
    #: companion ``<id>.md`` next to the file): shown in a section of its page, never cited.
    commentary: str = ""

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    @property
    def abstract_text(self) -> str:
        """The abstract as one paragraph, labels inline ("OBJECTIVES: …")."""
        return " ".join(f"{s.label}: {s.text}" if s.label else s.text for s in self.abstract)

    @property
    def label(self) -> str:
        """How messages name the record: its source position plus its best identifier."""
        where = self.sources[0].label if self.sources else "record"
        ident = f"PMID {self.pmid}" if self.pmid else f"DOI {self.doi}" if self.doi else self.id
        return f"{where} ({ident})" if ident else where
