"""APA 7 through pandoc's citeproc and the official apa.csl, judged against citeproc-js."""

from __future__ import annotations

import json
import logging

import pytest

from litsite.citations import styles, write
from litsite.citations.styles import entries_for_records, format_items
from litsite.csl import to_csl
from litsite.model import PartialDate, Person, Record, Source
from litsite.readers import read_paths
from litsite.report import Report
from tests.citations.conftest import RECORDS
from tests.conftest import SEED

SEED_APA = (
    "Swart, J. F., de Roock, S., Nievelstein, R. A. J., Slaper-Cortenbach, I. C. M., Boelens, "
    "J. J., & Wulffraat, N. M. (2019). Bone-marrow derived mesenchymal stromal cells infusion in "
    "therapy refractory juvenile idiopathic arthritis patients. Rheumatology (Oxford). "
    "https://doi.org/10.1093/rheumatology/kez157"
)


def apa_for_records(records: list[Record]) -> list[styles.Entry]:
    return entries_for_records(records, "apa")


def _one(name: str) -> styles.Entry:
    (result,) = apa_for_records([RECORDS[name]()])
    return result


def test_seed_entry_is_exact():
    assert write("apa", read_paths([SEED], Report())) == SEED_APA + "\n"


def test_seed_html_puts_the_journal_in_italics():
    html = write("apa-html", read_paths([SEED], Report()))
    assert "arthritis patients. <i>Rheumatology (Oxford)</i>. https://doi.org" in html
    assert "Boelens, J. J., &#38; Wulffraat" in html


def test_seed_in_text_citation():
    (result,) = apa_for_records(read_paths([SEED], Report()))
    assert result.in_text == "(Swart et al., 2019)"


def test_particles_hyphens_and_accents_in_names():
    assert _one("article").text.startswith(
        "van der Berg, J., de Roock, S., Slaper-Cortenbach, I. C. M., Müller, Z., & Durand, J.-P. "
        "(2019)."
    )


def test_organisation_as_author():
    assert _one("book").text == (
        "World Health Organization. (2015). World report on ageing and health. WHO Press."
    )


def test_no_author_puts_the_title_first():
    assert _one("no_author").text == (
        "Editorial: new year, new journal. (2019). The Lancet, 393(10166), 1."
    )


def test_no_date_is_nd():
    assert "National Health Service. (n.d.). Juvenile idiopathic arthritis. NHS." in (
        _one("webpage").text
    )


def test_web_page_ends_with_its_url():
    assert _one("webpage").text.endswith(
        "Retrieved https://www.nhs.uk/conditions/juvenile-idiopathic-arthritis/"
    )


def test_more_than_20_authors_lists_19_an_ellipsis_and_the_last():
    text = _one("many_authors").text
    assert "Author18, A., Author19, A., … Author23, A. (2021)." in text
    assert "Author20" not in text


def test_editors_only():
    assert _one("edited_book").text == (
        "Petty, R. E., & Laxer, R. M. (Eds.). (2016). Handbook of rheumatology. Elsevier."
    )


def test_book_chapter():
    assert _one("chapter").text == (
        "Bennett, A., & Checkel, J. T. (2014). Process tracing. In J. T. Checkel (Ed.), Process "
        "tracing: from metaphor to analytic tool (pp. 3–38). Cambridge University Press."
    )


def test_thesis():
    assert (
        _one("thesis").text == "Swart, J. F. (2020). Cell therapy for children. Utrecht University."
    )


def test_html_escapes_record_text():
    title = "<script>alert(1)</script> & <img src=x onerror=alert(1)>"
    record = Record(type="book", title=title, issued=PartialDate(2000))
    assert apa_for_records([record])[0].html == (
        "<i>&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;img src=x onerror=alert(1)&#62;"
        "</i>. (2000)."
    )


def test_csl_rich_text_in_a_title_becomes_the_tags_citeproc_js_writes():
    record = Record(type="book", title="Growth of <i>E. coli</i> in H<sub>2</sub>O")
    record.issued = PartialDate(2000)
    assert apa_for_records([record])[0].html == (
        '<i>Growth of <span style="font-style:normal;">E. coli</span> in H<sub>2</sub>O</i>.'
        " (2000)."
    )


def test_each_record_is_formatted_alone():
    same = [RECORDS["thesis"](), RECORDS["thesis"]()]
    same[1].title = "Another thesis"
    texts = [result.text for result in apa_for_records(same)]
    assert all("(2020)." in text for text in texts)
    assert [r.in_text for r in apa_for_records(same)] == ["(Swart, 2020)", "(Swart, 2020)"]


def test_shared_first_author_does_not_expand_et_al():
    """Rendered together, citeproc would name co-authors to tell these apart; alone it does not."""
    first = RECORDS["many_authors"]()
    second = RECORDS["many_authors"]()
    second.authors[1].family = "Other"
    second.title = "Another consortium paper"
    results = apa_for_records([first, second])
    assert [r.in_text for r in results] == ["(Author01 et al., 2021)"] * 2


def test_record_without_title_warns_naming_it_and_is_still_cited(caplog):
    record = RECORDS["thesis"]()
    record.title = ""
    record.sources = [Source("content/a.ris", 3, "ris")]
    with caplog.at_level(logging.WARNING, logger="litsite"):
        (result,) = apa_for_records([record])
    assert "content/a.ris: record 3: field 'title'" in caplog.text
    assert result.text.startswith("Swart, J. F. (2020).")


def test_broken_date_warns_and_prints_as_written(caplog):
    record = RECORDS["thesis"]()
    record.issued = PartialDate(literal="Spring, maybe 2020")
    record.sources = [Source("content/a.ris", 4, "ris")]
    with caplog.at_level(logging.WARNING, logger="litsite"):
        (result,) = apa_for_records([record])
    assert "content/a.ris: record 4: field 'issued'" in caplog.text
    assert result.text.startswith("Swart, J. F. (Spring, maybe 2020).")


def test_record_pandoc_cannot_format_gets_a_plain_citation(monkeypatch, caplog):
    monkeypatch.setattr(styles, "render_items", lambda items, *style: [None] * len(items))
    record = RECORDS["thesis"]()
    record.sources = [Source("content/a.ris", 5, "ris")]
    with caplog.at_level(logging.WARNING, logger="litsite"):
        (result,) = apa_for_records([record])
    assert "content/a.ris: record 5" in caplog.text
    assert result.text == "Swart (2020). Cell therapy for children"


def test_cached_entries_need_no_pandoc(tmp_path, monkeypatch):
    items = [to_csl(RECORDS[name]()) for name in ("book", "thesis")]
    first = format_items(items, cache_dir=tmp_path)
    monkeypatch.setattr(styles, "render_items", lambda *args: pytest.fail("rendered again"))
    assert format_items(items, cache_dir=tmp_path) == first
    assert len(list(tmp_path.glob("*/*.json"))) == 2


def test_cache_ignores_the_record_id(tmp_path, monkeypatch):
    item = to_csl(RECORDS["book"]())
    format_items([item], cache_dir=tmp_path)
    monkeypatch.setattr(styles, "render_items", lambda *args: pytest.fail("rendered again"))
    assert format_items([{**item, "id": "other"}], cache_dir=tmp_path)[0] is not None


def test_matches_citeproc_js_on_a_ground_truth_sample(shared_dev):
    """The first 25 items of the CSL-JSON files: text, HTML and in-text exactly as citeproc-js.

    ``benchmarks/apa_fidelity.py`` measures all 823 items.
    """
    path = shared_dev / "ground-truth" / "apa7-citeproc-js" / "csl-json-files.json"
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"][:25]
    results = format_items([case["csl"] for case in cases], cache_dir=None)
    for case, result in zip(cases, results, strict=True):
        want = case["apa"]
        assert (result.text, result.html, result.in_text) == (
            want["bibliography_text"],
            want["bibliography_html"],
            want["citation_text"],
        )


def test_person_without_given_name():
    record = Record(type="book", title="Opera", authors=[Person(family="Vergilius")])
    record.issued = PartialDate(1990)
    assert apa_for_records([record])[0].text == "Vergilius. (1990). Opera."


def test_in_text_html_italicises_the_title_of_an_authorless_book():
    record = Record(type="book", title="Handbook of rheumatology", issued=PartialDate(2016))
    (result,) = apa_for_records([record])
    assert result.in_text_html == "(<i>Handbook of Rheumatology</i>, 2016)"
