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
    """Expected values for ``fields`` of records ``indexes`` (all when empty) of ``files``
    (space-separated patterns)."""

    files: str
    fields: frozenset[str]
    cause: str
    indexes: tuple[int, ...] = ()

    def explains(self, rel: str, index: int, name: str) -> bool:
        in_records = not self.indexes or index in self.indexes
        in_files = any(fnmatch(rel, pattern) for pattern in self.files.split())
        return in_files and name in self.fields and in_records


def _quirk(files: str, fields: str, cause: str, *indexes: int) -> Quirk:
    return Quirk(files, frozenset(fields.split()), cause, indexes)


RIS03 = "ris/zotero-ris-case03.ris"  # Zotero's synthetic file: every tag holds its EndNote label
PUBMED_BOOKS = (
    "pubmed-xml/jabref-MedlineImporterTestBookArticleSet.xml"
    " pubmed-xml/jabref-MedlineImporterTestNbib.xml"
)
MENDELEY = "bibtex/bbt-import-web-page-and-other-mendeley-idiocy.bib"

QUIRKS = (
    _quirk(
        RIS03,
        "container-title",
        "Zotero lets J2 (the abbreviated title) replace T2, the container (blog, book, "
        "dictionary, encyclopedia; for WEB, where Zotero's own RIS export writes the website "
        "title); litsite keeps T2",
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
        RIS03,
        "type",
        "Zotero has no item type for CSL 1.0.2's classic, figure, musical_score, pamphlet, "
        "regulation or standard: it files ANCIENT/CLSWK as a document or book, FIGURE as "
        "artwork, MUSIC (a score) as audio, PAMP as a manuscript, LEGAL (a rule) as a case, "
        "STAND as a report; litsite types each by the RIS specification",
        1,
        11,
        23,
        30,
        34,
        38,
        43,
    ),
    _quirk(
        f"{RIS03} ris/zotero-ris-case12.ris",
        "type",
        "Zotero reads GEN (generic), GRANT (a grant) and UNPB (an unpublished work) as journal "
        "articles; litsite reads them, by the RIS specification, as document, document and "
        "manuscript",
        25,
        27,
        46,
        0,
    ),
    _quirk(
        RIS03,
        "type container-title",
        "Zotero reads CTLG (a catalogue: publisher, ISBN, series) as a magazine article in T2 "
        "(labelled Series Title); litsite reads a book in that series",
        9,
    ),
    _quirk(
        RIS03,
        "editor",
        "Zotero makes A3 (the series editor, by the RIS specification; CSL collection-editor) "
        "the editor, and reads EQUA's A2 (the name of the file) as an editor; litsite keeps "
        "each tag in its specified role (an A2 or SER A4 'Editor' stays an editor)",
        19,
        22,
        42,
        46,
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

#: Only with ``--jabref``: JabRef's expected BibTeX for its own inputs.
JABREF_QUIRKS = (
    _quirk(
        "ris/jabref-*",
        "issue",
        "JabRef reads M1 (here a copyright line, a PMCID, a PMID or '0') as the issue",
    ),
    _quirk(
        "ris/jabref-*",
        "volume",
        "JabRef keeps 'VL - 50(2)' whole; litsite splits volume 50, issue 2",
    ),
    _quirk(
        "ris/jabref-RisImporterTest6.ris",
        "title issued",
        "JabRef writes the title's em dash as an en dash and keeps only the year of "
        "'PY - 2013/04/18'",
    ),
    _quirk(
        "ris/jabref-RisImporterTestDate1.1.ris",
        "container-title",
        "JabRef takes the journal from JO (the abbreviation 'J. Chem. Phys.'); litsite from T2 "
        "(the full title)",
    ),
    _quirk(
        "medline/jabref-MedlinePlainImporterTestCompleteEntry.nbib",
        "page",
        "MEDLINE abbreviates page ranges ('454-81'); litsite writes them out ('454-481')",
    ),
    _quirk(
        "medline/jabref-MedlinePlainImporterTestInproceeding.nbib",
        "type",
        "JabRef makes a record whose journal title contains 'proceedings' a conference paper "
        "(PNAS would be one); litsite goes by PT",
    ),
    _quirk(
        "medline/jabref-NbibImporterTest.nbib",
        "author",
        "JabRef drops the corporate author (CN); litsite keeps it after the persons",
    ),
    _quirk(
        f"{PUBMED_BOOKS} pubmed-xml/jabref-MedlineImporterTestArticleID.xml",
        "author",
        "JabRef writes a corporate or collective name unbraced, so that BibTeX splits it like "
        "a person's; litsite keeps it whole",
    ),
    _quirk(
        PUBMED_BOOKS,
        "type title",
        "JabRef reads a PubmedBookArticle as an article titled by its book (the chapter title "
        "goes to a custom 'article' field); litsite reads a chapter or book",
    ),
    _quirk(
        "marc/jabref-MarcXmlParserTestArticle.xml marc/jabref-MarcXmlParserTestBook.xml",
        "type",
        "JabRef reads a 773 host 'edited by' (a chapter) as an article and an e-book (leader "
        "'m', computer file) as misc; litsite reads a chapter and a book",
    ),
)


def cause(rel: str, index: int, name: str) -> str:
    """The documented cause of a mismatching field, or ``"unexplained"``."""
    quirks = (*QUIRKS, *JABREF_QUIRKS)
    return next((q.cause for q in quirks if q.explains(rel, index, name)), "unexplained")


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
