"""The field table: what the Details list shows, labels per language, renderers, internal
fields kept out, and the site owner's ``fields`` option."""

from __future__ import annotations

import subprocess
import sys

import pytest

from litsite.model import Link, PartialDate, Person, Record
from litsite.pages.field_options import FieldError, configure
from litsite.pages.fields import FIELDS, RENDERERS, detail_rows
from litsite.pages.richtext import rich_inline

from ..site_helpers import build_site, make_site, record_page


def _rows(record: Record, language: str = "en", table=FIELDS) -> dict[str, str]:
    return {label: str(html) for label, html in detail_rows(record, language, _no_term, table)}


def _no_term(kind: str, term: str) -> None:
    return None


def _ris_export() -> Record:
    return Record(
        title="T",
        container_title="Journal of Things",
        volume="3",
        note="<p>ASReview_irrelevant</p>",
        extra={
            "DP": ["ScienceDirect"],
            "L4": ["https://x.org/a.pdf"],
            "colrev_status": ["rev_synthesized"],
            "colrev_pdf_id": ["cpid2:" + "f" * 500],
            "grant": ["R01 CA1234 / CA / NCI NIH HHS / United States"],
            "publication status": ["ppublish"],
        },
        source_ids={"vufind": "pubmed-6758577", "lccn": "2001276084"},
    )


def test_details_follow_the_table_order_and_labels():
    rows = _rows(_ris_export())
    assert list(rows)[:2] == ["Journal / source", "Volume"]
    assert rows["Grants"] == "R01 CA1234 / CA / NCI NIH HHS / United States"
    assert rows["LCCN"] == "2001276084"


def test_internal_and_unknown_source_fields_are_not_details():
    shown = " ".join(f"{label} {value}" for label, value in _rows(_ris_export()).items())
    for internal in ("ScienceDirect", "rev_synthesized", "cpid2", "ppublish", "pubmed-6758577"):
        assert internal not in shown
    assert "x.org/a.pdf" not in shown


def test_notes_are_sanitised_rich_text_not_raw_html():
    notes = _rows(_ris_export())["Notes"]
    assert "ASReview_irrelevant" in notes and "&lt;p&gt;" not in notes
    hostile = _rows(Record(note='<p onclick="x()">a<script>alert(1)</script><i>b</i></p>'))
    assert hostile["Notes"] == '<div class="litsite-note"><p>a<i>b</i></p></div>'


def test_plain_text_notes_keep_their_lines_and_link_urls():
    notes = _rows(Record(note="Includes index.\nSee https://example.org/x."))["Notes"]
    assert "Includes index.<br>See " in notes
    assert '<a href="https://example.org/x" rel="noopener noreferrer">' in notes


def test_labels_are_translated_and_dates_localised():
    record = Record(issued=PartialDate(2019, 4, 27), extra={"country of publication": ["Spain"]})
    rows = _rows(record, "es")
    assert rows["Publicado"] == "27 de abril de 2019"
    assert rows["País de publicación"] == "Spain"


def test_links_are_labelled_by_kind():
    record = Record(
        links=[
            Link("https://x.org/full", "fulltext"),
            Link("https://x.org/a.pdf", "pdf"),
            Link("javascript:alert(1)", "other"),
        ]
    )
    links = _rows(record)["Links"]
    assert '<span class="litsite-link-kind">Full text</span> <a href="https://x.org/full"' in links
    assert '<span class="litsite-link-kind">PDF</span>' in links
    assert "javascript" not in links


def test_names_in_other_roles_have_their_own_rows():
    record = Record(names={"translator": [Person(family="Grossman", given="Edith")]})
    assert _rows(record)["Translators"] == "Grossman, Edith"


def test_every_row_uses_a_known_renderer_and_shown_keys_are_unique():
    assert all(row.render in RENDERERS for row in FIELDS)
    shown = [row.key for row in FIELDS if row.shown]
    assert len(shown) == len(set(shown))


def test_site_owner_hides_and_adds_fields():
    table = configure(
        {
            "hide": ["extra:grant"],
            "show": [
                {
                    "key": "extra:colrev_status",
                    "label": {"en": "Screening", "es": "Cribado"},
                    "after": "volume",
                }
            ],
        },
        ["en", "es"],
    )
    rows = _rows(_ris_export(), "es", table)
    assert "Financiación" not in rows
    assert list(rows)[:3] == ["Revista / fuente", "Volumen", "Cribado"]
    assert rows["Cribado"] == "rev_synthesized"


@pytest.mark.parametrize(
    "option, message",
    [
        ({"hide": ["nonsense"]}, "hide: 'nonsense' is not a field record pages show"),
        ({"show": [{"key": "colour", "label": "Colour"}]}, "show 1: key 'colour' is neither"),
        ({"show": [{"key": "extra:x", "label": "X", "render": "bold"}]}, "render 'bold'"),
        ({"show": [{"key": "extra:x", "label": {"fr": "X"}}]}, "'fr' is not an interface"),
        ({"show": [{"key": "volume", "label": "Vol"}]}, "'volume' is already shown"),
        ({"shwo": []}, "unknown setting 'shwo'"),
    ],
)
def test_wrong_field_options_are_refused_with_their_reason(option, message):
    with pytest.raises(FieldError, match=message.replace("(", r"\(")):
        configure(option, ["en", "es"])


def test_fields_option_reaches_the_built_page(tmp_path):
    plain = record_page(build_site(make_site(tmp_path / "plain")))
    plugin = {"fields": {"hide": ["publisher"]}}
    page = record_page(build_site(make_site(tmp_path / "hidden", plugin=plugin)))
    assert "<dt>Publisher</dt>" in plain
    assert "<dt>Publisher</dt>" not in page
    assert "<dt>Type</dt>" in page


def test_a_wrong_fields_option_stops_the_build_naming_it(tmp_path):
    config = make_site(tmp_path, plugin={"fields": {"hide": ["colour"]}})
    run = subprocess.run(
        [sys.executable, "-m", "litsite", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "option 'fields': hide: 'colour' is not a field record pages show" in run.stderr


def test_a_stray_angle_bracket_in_rich_text_stays_text():
    shown = rich_inline("p<sub>trend</sub> <0.01 when x<y and y>z")
    assert shown == "p<sub>trend</sub> &lt;0.01 when x&lt;y and y&gt;z"
