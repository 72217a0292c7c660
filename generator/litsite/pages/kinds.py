"""The one table of index kinds: what each index lists, how its terms sort and show. The
config's ``indexes`` option and the index pages read ``INDEX_KINDS``; adding a kind is one row
(and its msgid in the catalogues).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import N_, sort_key, type_label
from ..model import Record
from .topics import topic_group

__all__ = ["IndexKind", "INDEX_KINDS", "GROUPS", "record_terms"]

#: Suffix of the ``record_terms`` key holding a kind's term groups (``topics:groups``).
GROUPS = ":groups"


def _topics(record: Record) -> list[str]:
    return [t.term for t in record.topics if t.term.strip()]


def _topic_groups(record: Record) -> list[str]:
    """The scheme group of each of ``_topics``' terms (MeSH, check tags, keywords, LCSH…)."""
    return [topic_group(t) for t in record.topics if t.term.strip()]


def _authors(record: Record) -> list[str]:
    return [p.display() for p in record.authors if p.display().strip()]


def _years(record: Record) -> list[str]:
    return [str(record.year)] if record.year else []


def _journals(record: Record) -> list[str]:
    return [record.container_title] if record.container_title.strip() else []


def _types(record: Record) -> list[str]:
    return [record.type]


def _by_name(label: str, language: str) -> tuple:
    return sort_key(label, language)


def _newest_year_first(label: str, language: str) -> tuple:
    return (-int(label),)


def _by_type_label(label: str, language: str) -> tuple:
    return sort_key(type_label(label, language), language)


def _as_is(label: str, language: str) -> str:
    return label


@dataclass(frozen=True)
class IndexKind:
    """One family of index pages (topics, authors…)."""

    name: str
    #: Page heading and navigation entry (a msgid).
    title: str
    #: The terms a record is listed under.
    terms: Callable[[Record], list[str]]
    #: Sort key of a term's label, in the interface language.
    order: Callable[[str, str], tuple] = _by_name
    #: How a term's label is shown, in the interface language.
    label: Callable[[str, str], str] = _as_is
    #: Terms are sections of a page per initial letter rather than pages of their own (authors:
    #: several per record, mostly one record each, so a page per term would make five times as
    #: many pages as records).
    grouped: bool = False
    #: The group of each term (same order as ``terms``): its index page is in sections by it.
    groups: Callable[[Record], list[str]] | None = None
    #: Each term has an Atom feed of its newest records (``pages.feeds``).
    feed: bool = False


INDEX_KINDS: dict[str, IndexKind] = {
    kind.name: kind
    for kind in (
        IndexKind(
            "topics",
            N_("Topics"),
            _topics,
            groups=_topic_groups,
            feed=True,
        ),
        IndexKind("authors", N_("Authors"), _authors, grouped=True, feed=True),
        IndexKind(
            "years",
            N_("Years"),
            _years,
            order=_newest_year_first,
        ),
        IndexKind("journals", N_("Journals and sources"), _journals, feed=True),
        IndexKind(
            "types",
            N_("Types"),
            _types,
            order=_by_type_label,
            label=type_label,
        ),
    )
}


def record_terms(record: Record) -> dict[str, list[str]]:
    """Every kind's terms for ``record`` (what the index pages need of it), and for a kind
    with groups, each term's group under ``<kind>:groups``."""
    terms = {name: kind.terms(record) for name, kind in INDEX_KINDS.items()}
    for name, kind in INDEX_KINDS.items():
        if kind.groups is not None:
            terms[name + GROUPS] = kind.groups(record)
    return terms
