"""De-duplication: which records are one work, and how their fields are merged."""

from __future__ import annotations

from litsite.dedupe import dedupe, merge_into
from litsite.model import Link, PartialDate, Person, Record, Source, Topic
from litsite.readers import read_paths
from litsite.report import Report
from tests.conftest import DATA, ROOT, SEED


def _record(n: int, **fields) -> Record:
    return Record(sources=[Source(f"file{n}.ris", 1, "ris")], **fields)


def test_same_doi_is_one_record():
    kept, merges = dedupe([_record(1, doi="10.1/a"), _record(2, doi="10.1/A")])
    assert len(kept) == 1
    assert merges[0].reason == "same DOI (10.1/a)"


def test_same_pmid_is_one_record():
    kept, _ = dedupe([_record(1, pmid="123"), _record(2, pmid="123", doi="10.1/b")])
    assert len(kept) == 1 and kept[0].doi == "10.1/b"


def test_same_title_year_and_first_author_is_one_record():
    first = _record(1, title="Héllo, World!", issued=PartialDate(2001), authors=[Person("Smith")])
    second = _record(2, title="hello world", issued=PartialDate(2001), authors=[Person("SMITH")])
    kept, merges = dedupe([first, second])
    assert len(kept) == 1
    assert merges[0].reason.startswith("same title, year and first author")


def test_same_title_in_another_year_is_another_work():
    first = _record(1, title="Editorial", issued=PartialDate(2001), authors=[Person("Smith")])
    second = _record(2, title="Editorial", issued=PartialDate(2002), authors=[Person("Smith")])
    assert len(dedupe([first, second])[0]) == 2


def test_first_non_empty_value_wins():
    kept = _record(1, doi="10.1/a", title="First", volume="")
    merge_into(kept, _record(2, doi="10.1/a", title="Second", volume="7"))
    assert (kept.title, kept.volume) == ("First", "7")


def test_lists_are_unioned_and_every_source_kept():
    kept = _record(1, topics=[Topic("a")], links=[Link("https://x.org")])
    merge_into(kept, _record(2, topics=[Topic("a"), Topic("b")], links=[Link("https://y.org")]))
    assert [t.term for t in kept.topics] == ["a", "b"]
    assert [link.url for link in kept.links] == ["https://x.org", "https://y.org"]
    assert [s.path for s in kept.sources] == ["file1.ris", "file2.ris"]


def test_authors_are_not_interleaved():
    kept = _record(1, authors=[Person("A")])
    merge_into(kept, _record(2, authors=[Person("B"), Person("A")]))
    assert [p.family for p in kept.authors] == ["A"]


def test_read_paths_reports_merges():
    report = Report()
    records = read_paths([SEED, DATA / "vufind" / "public-view-en.txt"], report)
    assert len(records) == 1
    assert str(report.merges[0]).endswith("same DOI (10.1093/rheumatology/kez157)")


def test_two_real_exports_share_two_works():
    report = Report()
    ris = sorted((ROOT / "content").glob("asreview-datatools-dataset_*.ris"))
    records = read_paths(ris, report)
    assert (len(records), len(report.merges)) == (12, 2)
    merged = next(r for r in records if r.pmid == "25979631")
    assert [s.path.rsplit("_", 1)[-1] for s in merged.sources] == ["1.ris", "2.ris"]


def test_web_capture_in_both_exports_stays_two_records():
    """Both files hold one undated, author-less web capture of the same title: nothing but the
    title says they are one work, so they are not merged."""
    ris = sorted((ROOT / "content").glob("asreview-datatools-dataset_*.ris"))
    records = read_paths(ris, Report())
    captures = [r for r in records if r.title.startswith("Full article: Public transport")]
    assert [(r.sources[0].path.rsplit("_", 1)[-1], r.sources[0].index) for r in captures] == [
        ("1.ris", 2),
        ("2.ris", 2),
    ]


def test_same_title_year_and_author_in_different_journals_are_two_works():
    common = {"title": "Editorial", "issued": PartialDate(2001), "authors": [Person("Smith")]}
    first = _record(1, container_title="Journal A", **common)
    second = _record(2, container_title="Journal B", **common)
    assert len(dedupe([first, second])[0]) == 2


def test_different_dois_are_never_merged():
    common = {"title": "Reply", "issued": PartialDate(2001), "authors": [Person("Smith")]}
    first, second = _record(1, doi="10.1/a", **common), _record(2, doi="10.1/b", **common)
    assert len(dedupe([first, second])[0]) == 2


def test_same_doi_merges_despite_differently_named_journals():
    first = _record(1, doi="10.1/a", container_title="J Phys Ther Sci")
    second = _record(2, doi="10.1/a", container_title="Journal of Physical Therapy Science")
    assert len(dedupe([first, second])[0]) == 1


def test_same_long_title_without_year_or_author_stays_two_records():
    title = "Full article: Public transport planning adaption under the COVID-19 pandemic crisis"
    kept, merges = dedupe([_record(1, title=title), _record(2, title=title)])
    assert (len(kept), merges) == (2, [])


def test_same_title_and_year_without_author_stays_two_records():
    common = {"title": "Annual report of the board of trustees", "issued": PartialDate(2001)}
    assert len(dedupe([_record(1, **common), _record(2, **common)])[0]) == 2


def test_same_short_title_without_year_or_author_stays_two_records():
    kept, _ = dedupe([_record(1, title="Editorial"), _record(2, title="Editorial")])
    assert len(kept) == 2
