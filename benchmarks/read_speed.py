"""Reading speed: 10,000 records per format through ``read_file`` (sniffing, parsing, mapping,
normalising), printed as seconds and records per second.

    PYTHONPATH=generator .venv/bin/python benchmarks/read_speed.py [--records 10000]

Each corpus repeats real records from tests/data/ (Biopython's PubMed exports, pymarc's Library
of Congress records) with a different PMID/control number and title each time, so no two records
are alike and every one goes through the whole reader.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))

from litsite.readers import read_file  # noqa: E402
from litsite.report import Report  # noqa: E402

DATA = ROOT / "tests" / "data"


def medline_corpus(count: int) -> bytes:
    """MEDLINE text: Biopython's four records, each copy with its own PMID and title."""
    text = (DATA / "medline" / "pubmed_result2.txt").read_text()
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    out = []
    for i in range(count):
        block = re.sub(
            r"^PMID- \d+", f"PMID- {30_000_000 + i}", blocks[i % len(blocks)], flags=re.M
        )
        out.append(re.sub(r"^TI  - ", f"TI  - [{i}] ", block, count=1, flags=re.M))
    return ("\n\n".join(out) + "\n").encode()


def pubmed_xml_corpus(count: int) -> bytes:
    """A PubmedArticleSet repeating the article in Biopython's pubmed5.xml."""
    text = (DATA / "pubmed_xml" / "pubmed5.xml").read_text()
    article = text[text.index("<PubmedArticle>") : text.rindex("</PubmedArticle>") + 16]
    articles = (
        article.replace("28775130", str(30_000_000 + i), 1).replace(
            "<ArticleTitle>", f"<ArticleTitle>[{i}] ", 1
        )
        for i in range(count)
    )
    return ("<PubmedArticleSet>" + "".join(articles) + "</PubmedArticleSet>").encode()


def marc_corpus(count: int) -> bytes:
    """Binary MARC: pymarc's ten Library of Congress records, repeated."""
    records = [r for r in (DATA / "marc" / "test.mrc").read_bytes().split(b"\x1d") if r.strip()]
    return b"".join(records[i % len(records)] + b"\x1d" for i in range(count))


CORPORA: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "MEDLINE (.nbib)": (".nbib", medline_corpus),
    "PubMed XML": (".xml", pubmed_xml_corpus),
    "MARC 21 (binary)": (".mrc", marc_corpus),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    print(f"{'format':<20} {'records':>8} {'seconds':>8} {'records/s':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for label, (suffix, make) in CORPORA.items():
            path = Path(folder) / f"corpus{suffix}"
            path.write_bytes(make(args.records))
            report = Report()
            start = time.perf_counter()
            records = read_file(path, report)
            seconds = time.perf_counter() - start
            problems = f"  ({len(report.problems)} problems)" if report.problems else ""
            rate = len(records) / seconds
            print(f"{label:<20} {len(records):>8} {seconds:>8.2f} {rate:>10,.0f}{problems}")


if __name__ == "__main__":
    main()
