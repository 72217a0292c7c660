"""The shape CSL-JSON 1.0.2 (the CSL data schema, ``csl-data.json``) allows, restated here.

Items may hold only CSL variables (plus ``custom``): those of the data schema, and those the CSL
1.0.2 specification (Appendix IV) adds that the schema file has not caught up with
(``event-title``, ``part-number``, ``volume-title``, ``citation-key``, ``guest``…); names
only CSL name parts, dates only date-parts/season/circa/literal/raw/edtf; ``type`` is one of
CSL's item types.
"""

from __future__ import annotations

from typing import Any

TYPES = set(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia figure graphic
    hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet
    paper-conference patent performance periodical personal_communication post post-weblog
    regulation report review review-book software song speech standard thesis treaty
    webpage""".split()
)
NAME_VARIABLES = set(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer interviewer illustrator organizer
    original-author performer producer recipient reviewed-author translator""".split()
) | set("editor-translator guest host narrator script-writer series-creator".split())
DATE_VARIABLES = {
    "accessed",
    "available-date",
    "container",
    "event-date",
    "issued",
    "original-date",
    "submitted",
}
TEXT_VARIABLES = set(
    """id type categories language journalAbbreviation shortTitle abstract annote archive
    archive_collection archive_location archive-place authority call-number chapter-number
    citation-number citation-label collection-number collection-title container-title
    container-title-short dimensions division DOI edition event event-place
    first-reference-note-number genre ISAN ISBN ISCI ISMN ISRC ISSN ISWC issue jurisdiction
    keyword locator medium note number number-of-pages number-of-volumes original-publisher
    original-publisher-place original-title page page-first part part-title PMCID PMID printing
    publisher publisher-place references reviewed-title scale section source status supplement
    title title-short translated-title translated-title-short URL version volume year-suffix
    custom""".split()
) | set(
    """citation-key event-title license part-number printing-number reviewed-genre
    supplement-number volume-title""".split()
)
NAME_PARTS = {
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "literal",
    "parse-names",
}
DATE_PARTS = {"date-parts", "season", "circa", "literal", "raw", "edtf"}


def problems(item: dict[str, Any]) -> list[str]:
    """What in ``item`` the CSL data schema would reject ([] when it is valid)."""
    found = []
    if item.get("type") not in TYPES:
        found.append(f"type {item.get('type')!r}")
    if not isinstance(item.get("id"), (str, int)):
        found.append("id missing")
    for key, value in item.items():
        if key in NAME_VARIABLES:
            found += [f"{key}: {sorted(set(n) - NAME_PARTS)}" for n in value if set(n) - NAME_PARTS]
        elif key in DATE_VARIABLES:
            if isinstance(value, dict) and set(value) - DATE_PARTS:
                found.append(f"{key}: {sorted(set(value) - DATE_PARTS)}")
            parts = value.get("date-parts", [[0]]) if isinstance(value, dict) else [[0]]
            if not 1 <= len(parts) <= 2 or any(not 1 <= len(p) <= 3 for p in parts):
                found.append(f"{key}: date-parts {parts}")
        elif key not in TEXT_VARIABLES:
            found.append(f"unknown variable {key!r}")
        elif key != "custom" and not isinstance(value, (str, int, list)):
            found.append(f"{key}: {type(value).__name__}")
    return found
