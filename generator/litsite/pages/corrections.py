"""Retractions, errata, expressions of concern and updates: the one table of how each relation
(``model.RELATION_KINDS``) is shown, the mark it gives a record, and the banner of a record page.

A record's corrections come from its own relations and from the other side: a retraction
notice in the collection that names a record (``retraction-of``) marks that record retracted
even when the record's own source does not say so. ``build.plan`` joins the two sides; this
module only words and links them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..i18n import N_, messages
from ..model import Record
from .render import EXTERNAL, html

__all__ = ["CORRECTIONS", "MARKS", "Correction", "own_mark", "mark_of", "banners"]


@dataclass(frozen=True)
class Kind:
    """How one relation kind is shown."""

    #: The banner's words before the linked work (a msgid).
    label: str
    #: The mark it gives the record ("" for none: the record is the notice, not the corrected).
    mark: str = ""


CORRECTIONS: dict[str, Kind] = {
    "retraction-in": Kind(N_("Retracted: see"), "retracted"),
    "retracted-republished-in": Kind(N_("Retracted and republished: see"), "retracted"),
    "concern-in": Kind(N_("Expression of concern: see"), "concern"),
    "erratum-in": Kind(N_("Erratum in"), "corrected"),
    "corrected-republished-in": Kind(N_("Corrected and republished in"), "corrected"),
    "update-in": Kind(N_("Updated in"), "updated"),
    "retraction-of": Kind(N_("Retraction notice for")),
    "retracted-republished-from": Kind(N_("Republished after retraction of")),
    "concern-for": Kind(N_("Expression of concern for")),
    "erratum-for": Kind(N_("Erratum for")),
    "corrected-republished-from": Kind(N_("Corrected and republished from")),
    "update-of": Kind(N_("Update of")),
}
#: Marks, most serious first, with their label in listings and search results (msgids).
MARKS = {
    "retracted": N_("Retracted"),
    "concern": N_("Expression of concern"),
    "corrected": N_("Corrected"),
    "updated": N_("Updated"),
}
#: PubMed's publication type for an article it knows to be retracted.
_RETRACTED_TYPES = {"retracted publication"}


@dataclass(frozen=True, slots=True)
class Correction:
    """One relation as a record page shows it: the other work's page in this site (``url``,
    site-root relative) when it is in the collection, else its PMID or DOI."""

    kind: str
    citation: str
    url: str = ""
    pmid: str = ""
    doi: str = ""


def own_mark(record: Record) -> str:
    """The mark a record gives itself without a relation: CSL ``status`` "retracted" or
    PubMed's "Retracted Publication" type."""
    status = str(record.variables.get("status") or "").casefold()
    if "retract" in status or _RETRACTED_TYPES & {f.casefold() for f in record.formats}:
        return "retracted"
    return ""


def mark_of(kinds: list[str], own: str = "") -> str:
    """The most serious mark of a record with relations of ``kinds``."""
    marks = {CORRECTIONS[k].mark for k in kinds if k in CORRECTIONS} | {own}
    return next((mark for mark in MARKS if mark in marks), "")


def _target(correction: Correction, rel) -> tuple[str, bool]:
    """Where the other work is: its page here, else PubMed, else doi.org ("" for nowhere)."""
    if correction.url:
        return rel(correction.url), False
    if correction.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{correction.pmid}/", True
    if correction.doi:
        return f"https://doi.org/{correction.doi}", True
    return "", False


def banners(corrections: list[Correction], own: str, language: str, rel) -> list[dict]:
    """The record page's notices (``{"kind", "html"}``), most serious first; ``rel`` makes a
    site-root URL relative to the page."""
    gettext = messages(language).gettext
    order = list(CORRECTIONS)
    notices = []
    if own and not any(CORRECTIONS[c.kind].mark == own for c in corrections):
        notices.append(
            {"kind": own, "html": Markup("<strong>{}</strong>").format(gettext(MARKS[own]))}
        )
    for correction in sorted(corrections, key=lambda c: order.index(c.kind)):
        kind = CORRECTIONS[correction.kind]
        href, external = _target(correction, rel)
        text = correction.citation or (f"PMID {correction.pmid}" if correction.pmid else "")
        text = text or (f"DOI {correction.doi}" if correction.doi else "")
        if href:
            attributes = Markup(' rel="{}"').format(EXTERNAL) if external else Markup("")
            work = Markup('<a href="{}"{}>{}</a>').format(href, attributes, html(text or href))
        else:
            work = html(text)
        notices.append(
            {
                "kind": kind.mark or "notice",
                "html": Markup("<strong>{}</strong> {}").format(gettext(kind.label), work),
            }
        )
    return notices
