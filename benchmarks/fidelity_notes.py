"""Why the remaining differences in ``import_fidelity.py`` are where they are.

Two tables, both read by the fidelity script and printed with its figures:

``QUIRKS``: differences where the expected parse is the tool's choice, not what the input
says, so litsite does not copy it. They stay counted as mismatches; they are only named.

``COUNT_DISPUTES``: files where ``PROVENANCE.json``'s record count is demonstrably not the
number of records in the file. The script prints PROVENANCE's number beside the disputed one
and checks the dispute against the ground truth's item count where there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatch


@dataclass(frozen=True)
class Quirk:
    """Expected values for ``fields`` of records ``indexes`` (all when empty) of ``files``."""

    files: str
    fields: frozenset[str]
    cause: str
    indexes: tuple[int, ...] = ()

    def explains(self, rel: str, index: int, name: str) -> bool:
        in_records = not self.indexes or index in self.indexes
        return fnmatch(rel, self.files) and name in self.fields and in_records


def _quirk(files: str, fields: str, cause: str, *indexes: int) -> Quirk:
    return Quirk(files, frozenset(fields.split()), cause, indexes)


RIS03 = "ris/zotero-ris-case03.ris"  # Zotero's synthetic file: every tag holds its EndNote label
MENDELEY = "bibtex/bbt-import-web-page-and-other-mendeley-idiocy.bib"

QUIRKS = (
    _quirk(
        RIS03,
        "container-title",
        "Zotero lets J2 (the abbreviated title) replace T2 (the full blog, book, dictionary, "
        "encyclopedia or website title); litsite keeps T2",
        5,
        7,
        16,
        21,
        47,
    ),
    _quirk(
        RIS03,
        "title",
        "Zotero names a case or an act by ST (short title); litsite by TI (the title)",
        8,
        44,
    ),
    _quirk(
        RIS03,
        "issue",
        "Zotero puts a grant's M1 (status) and a patent's OP (priority numbers) in the issue; "
        "neither is an issue",
        27,
        39,
    ),
    _quirk(
        RIS03,
        "container-title",
        "Zotero reads LEGAL (a rule) as a court case whose reporter is A2 (issuing "
        "organisation); litsite takes T2 (title number) as the container",
        30,
    ),
    _quirk(
        RIS03,
        "author",
        "Zotero reads MUSIC's A2 (labelled Editor) as the performer, CSL's author; litsite "
        "keeps AU (the composer) as author",
        34,
    ),
    _quirk(
        "pubmed-xml/zotero-pubmed-xml-case04.xml",
        "issued",
        "MedlineDate '2010 Sep-Oct': Zotero's date parser takes the last month, litsite the "
        "first (the issue starts in September)",
    ),
    _quirk(
        "marc/zotero-marcxml-case06.xml",
        "editor",
        "Zotero reads a 720 name as editor whatever its relator ($e Data Collector) and splits "
        "'Meta Platforms, Inc.' like a person's name; litsite keeps the organisation whole, as "
        "a contributor with its role",
    ),
    _quirk(
        "bibtex/bbt-import-better-biblatex-import-improvements-549.bib",
        "title container-title",
        "Better BibTeX takes an @inreference title from 'lista', which the BibLaTeX data model "
        "defines as a custom list; litsite reads 'title' as the title",
    ),
    _quirk(
        "bibtex/bbt-import-better-bibtex-003.bib",
        "type",
        "Better BibTeX reads a @proceedings entry with a booktitle as a book section; "
        "litsite keeps @proceedings a book",
    ),
    _quirk(
        "bibtex/bbt-import-*.bib",
        "container-title",
        "Zotero replaced the journal as written ('Nano Lett.', 'Physica C', 'PMLA', "
        "'Washington Post') with a full title from its abbreviation list or an ISSN lookup; "
        "that title is not in the input",
    ),
    _quirk(
        MENDELEY,
        "type",
        "Better BibTeX reads every Mendeley @generic as a journal article; litsite reads a "
        "@generic with no journal as a document",
    ),
    _quirk(
        MENDELEY,
        "abstract",
        "Better BibTeX cuts an abstract at '%' (a TeX comment; Mendeley does not escape it)",
        280,
        299,
        331,
        367,
    ),
    _quirk(
        MENDELEY,
        "abstract",
        "Better BibTeX prints '<' and '>' as '¡' and '¿' (as TeX's OT1 font would)",
        0,
        59,
    ),
    _quirk(
        MENDELEY,
        "abstract",
        "Better BibTeX drops the quotes that wrap a whole abstract; they are in the input",
        17,
    ),
    _quirk(
        MENDELEY,
        "abstract",
        "Better BibTeX drops Mendeley's garbled line break '\\ud' and the spaces around it; "
        "litsite reads it as a space",
        108,
    ),
    _quirk(
        MENDELEY,
        "author",
        "Mendeley wrote 'the Arts National Endowment for': BibTeX's name rules give von 'the', "
        "last 'Arts National Endowment for', as litsite reads it; Better BibTeX makes 'for' "
        "the family name",
        188,
    ),
    _quirk(
        "bibtex/zotero-bibtex-case08.bib",
        "author",
        "'American Rights at Work' unbraced: BibTeX's name rules give first 'American Rights', "
        "von 'at', last 'Work', as litsite reads it; Zotero puts 'at' in the given name",
    ),
)


def cause(rel: str, index: int, name: str) -> str:
    """The documented cause of a mismatching field, or ``"unexplained"``."""
    return next((q.cause for q in QUIRKS if q.explains(rel, index, name)), "unexplained")


#: rel path -> (records in the file, why PROVENANCE.json's count is not it).
COUNT_DISPUTES = {
    MENDELEY: (
        512,
        "the file has 512 @entries and Better BibTeX's expected parse 512 items; PROVENANCE's "
        "465 is the number of distinct non-empty keys (47 entries repeat a key or have none)",
    ),
    "pubmed-xml/jabref-MedlineImporterTestMinimalEntry.xml": (
        0,
        "its one <PubmedArticle> is empty (no PMID, no title); JabRef's expected parse has no "
        "entry; litsite reports the empty article",
    ),
    **{
        f"marc/jabref-{name}.xml": (
            1,
            "one MARC <record> inside an SRU <zs:record> wrapper; PROVENANCE counts both "
            "<record> elements; JabRef's expected parse has one entry",
        )
        for name in (
            "MarcXMLParserTestInProceedings",
            "MarcXmlParserTestArticle",
            "MarcXmlParserTestBook",
            "MarcXmlParserTestNotes",
        )
    },
    "marc/vufind-marc-invalid_marc_collection.xml": (
        0,
        "broken on purpose: text before the XML declaration; VuFind's own test expects "
        "'MARC collection file format not recognized', and litsite rejects it with one message",
    ),
}
