"""BibTeX/biblatex fields and CSL variables: the one table the BibTeX reader and writer share.

Both directions are read from here, so what ``citations.bibtex`` writes ``readers.bibtex``
reads back as the same variable (checked for every dev record by ``benchmarks/roundtrip.py``).
Names follow biblatex's data model (its manual, section 2); CSL names its variables as
CSL 1.0.2 does.
"""

from __future__ import annotations

__all__ = [
    "CSL_TYPES",
    "ENTRY_TYPES",
    "SUBTYPES",
    "NAME_FIELDS",
    "OTHER_NAME_SLOTS",
    "VARIABLE_FIELDS",
    "DATE_FIELDS",
]

#: CSL 1.0.2's item types (with 1.0.1's ``article``, ``post`` and ``review`` kept).
CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
    graphic hearing interview legal_case legislation manuscript map motion_picture
    musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software
    song speech standard thesis treaty webpage""".split()
)

#: CSL type -> (BibTeX entry type, biblatex ``entrysubtype``). The subtype keeps what the
#: entry type alone would lose (biblatex-apa's ``@article`` + ``magazine``/``newspaper``).
#: Any other CSL type is ``@misc`` with the CSL type as its ``entrysubtype``.
ENTRY_TYPES = {
    "article-journal": ("article", ""),
    "article-magazine": ("article", "magazine"),
    "article-newspaper": ("article", "newspaper"),
    "book": ("book", ""),
    "chapter": ("incollection", ""),
    "entry-encyclopedia": ("inreference", ""),
    "entry-dictionary": ("inreference", "dictionary"),
    "paper-conference": ("inproceedings", ""),
    "thesis": ("phdthesis", ""),
    "report": ("techreport", ""),
    "manuscript": ("unpublished", ""),
    "webpage": ("online", ""),
    "dataset": ("dataset", ""),
    "software": ("software", ""),
    "patent": ("patent", ""),
    "periodical": ("periodical", ""),
    "document": ("misc", ""),
}
#: (entry type, entrysubtype) -> CSL type, for reading.
SUBTYPES = {(kind, sub): csl for csl, (kind, sub) in ENTRY_TYPES.items() if sub}

#: CSL name variable -> biblatex name list. Other roles go in ``editora``… with
#: ``editoratype`` naming the CSL role (biblatex's way to type an editorial role).
NAME_FIELDS = {
    "translator": "translator",
    "container-author": "bookauthor",
}
OTHER_NAME_SLOTS = ("editora", "editorb", "editorc")

#: CSL variable -> biblatex field, for the variables biblatex has a field for. Any other CSL
#: variable is written under its CSL name (a valid field name, which BibTeX styles ignore).
VARIABLE_FIELDS = {
    "genre": "type",
    "version": "version",
    "status": "pubstate",
    "original-title": "origtitle",
    "original-publisher": "origpublisher",
    "original-publisher-place": "origlocation",
    "event-title": "eventtitle",
    "event-place": "venue",
    "number-of-pages": "pagetotal",
    "number-of-volumes": "volumes",
    "part-number": "part",
    "chapter-number": "chapter",
    "title-short": "shorttitle",
}
#: CSL date variable -> biblatex date field (ISO 8601; a range is ``start/end``). Other CSL
#: dates are written under their CSL name.
DATE_FIELDS = {"accessed": "urldate", "original-date": "origdate", "event-date": "eventdate"}
