"""What issue 17's features (resolvers, feeds, OAI-PMH, corrections, related records, citations,
charts) add to a full build, at a given size.

    .venv/bin/python benchmarks/features_cost.py --size 10000

It writes the synthetic corpus of ``scale.py`` with, per record, 20 references (10 to other
records of the corpus by PMID, DOI or author + year + title, 10 to works outside it) and, for
1 in 100 records, a Crossref ``update-to`` retraction notice; builds it twice with ``litsite
build`` (the first warms the citation cache) and times the second. The features' share is their
reduce-stage work (the joins the record pages need, timed in this process on the same records,
and the site-wide files, as the build logs them); the record pages' extra sections are rendered
inside the map stage and are part of the build's own time. Prints the machine load too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "generator")]

from corpus import Corpus  # noqa: E402

from litsite.build.plan import SitePlan  # noqa: E402
from litsite.build.summary import summarize  # noqa: E402
from litsite.citations.csl_json import write_csl_json  # noqa: E402
from litsite.readers import read_paths  # noqa: E402
from litsite.report import Report  # noqa: E402

BIN = Path(sys.executable).parent
_SITEWIDE = re.compile(r"site-wide files: (.*) in ([\d.]+) s")


def make_site(root: Path, count: int) -> None:
    corpus = Corpus(seed=count)
    records = list(corpus.records(count))
    rng = random.Random(count)
    items = json.loads(write_csl_json(records))
    for number, item in enumerate(items):
        references = []
        for other in rng.sample(range(count), k=min(10, count)):
            cited = records[other]
            how = other % 3
            if how == 0:
                references.append({"key": f"p{other}", "PMID": cited.pmid})
            elif how == 1:
                references.append({"key": f"d{other}", "DOI": cited.doi})
            else:
                text = f"{cited.authors[0].family} X. {cited.title}. J. {cited.year};1:1."
                references.append({"key": f"t{other}", "unstructured": text})
        references += [
            {"key": f"o{n}", "unstructured": f"Outside {number}-{n}. A work. 1999."}
            for n in range(10)
        ]
        item["reference"] = references
        if number % 100 == 1:
            item["update-to"] = [{"DOI": records[number - 1].doi, "type": "retraction"}]
    (root / "content").mkdir(parents=True)
    (root / "content" / "corpus.json").write_text(json.dumps(items), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\nsite_url: https://bench.example.org/\ntheme: litsite\n"
        "plugins:\n  - litsite:\n      records: content\n      oai_email: a@example.org\n",
        encoding="utf-8",
    )


def build(root: Path) -> tuple[float, float, str]:
    """Run ``litsite build``; return (wall seconds, site-wide seconds, what it wrote)."""
    start = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "litsite"), "build"], cwd=root, capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    match = _SITEWIDE.search(done.stderr)
    return seconds, float(match.group(2)) if match else 0.0, match.group(1) if match else ""


def joins(root: Path) -> dict[str, float]:
    """Seconds of each reduce-stage join the record pages need, on the site's records."""
    records = read_paths([root / "content"], Report())
    summaries = [summarize(r) for r in records]
    plan = SitePlan(
        summaries,
        site_name="Benchmark",
        kinds=["topics", "authors", "years", "journals", "types"],
        formats=["apa"],
        language="en",
        directory_urls=True,
    )
    figures = {}
    for name, step in (
        ("related", plan.related),
        ("citations", plan.citations),
        ("corrections", plan.marks),
    ):
        start = time.perf_counter()
        step()
        figures[name] = time.perf_counter() - start
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/litsite-features-bench"))
    args = parser.parse_args()
    root = args.work / f"site-{args.size}"
    shutil.rmtree(root, ignore_errors=True)
    make_site(root, args.size)
    load_start = os.getloadavg()[0]
    build(root)
    total, sitewide, written = build(root)
    figures = joins(root)
    load_end = os.getloadavg()[0]
    added = sitewide + sum(figures.values())
    print(f"records: {args.size}; load average {load_start:.1f} -> {load_end:.1f} (2 cores shared)")
    print(f"full build (citation cache warm): {total:.1f} s")
    print(f"site-wide files ({written}): {sitewide:.1f} s")
    for name, seconds in figures.items():
        print(f"join {name}: {seconds:.2f} s")
    without = total - added
    print(f"added by the features: {added:.1f} s = {100 * added / without:.1f} % of the rest")


if __name__ == "__main__":
    main()
