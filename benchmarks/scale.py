"""Scale benchmark: litsite against plain MkDocs at 1,000 / 10,000 (/ 100,000) records.

    .venv/bin/python benchmarks/scale.py                 # 1,000 and 10,000 records
    .venv/bin/python benchmarks/scale.py --sizes 100000  # the big one (most of an hour)

For each size it writes a synthetic PubMed-like corpus (benchmarks/corpus.py) as CSL-JSON files
of 10,000 records, then measures, each step in its own process: ``litsite import``, a full
``litsite build``, a no-op rebuild, a rebuild after editing one record; peak memory (max RSS) of
each step; the size of ``site/`` and of the search index; and the bytes a browser fetches for
one query (real Debian chromium, when installed). The baseline is plain ``mkdocs build``
(default config, its built-in search, no plugin) over Markdown pages of similar size, left out
of the nav: once one page per record, once as many pages as litsite wrote (record and index
pages). It prints a table with the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "generator")]

from corpus import Corpus  # noqa: E402

from litsite.citations.csl_json import write_csl_json  # noqa: E402

BIN = Path(sys.executable).parent
#: Records per corpus file: one export of 100,000 records would pass the reader's size cap.
PART = 10_000


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Run a step; return (wall seconds, peak RSS in MB) measured by GNU time."""
    stats = cwd / ".time"
    env = dict(os.environ, CI="true")
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(stats), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return elapsed, int(stats.read_text().split()[-1]) / 1024


def du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def make_litsite_site(root: Path, count: int) -> None:
    corpus = Corpus(seed=count)
    (root / "incoming").mkdir(parents=True)
    records = corpus.records(count)
    for part in range(0, count, PART):
        chunk = [next(records) for _ in range(min(PART, count - part))]
        (root / "incoming" / f"corpus-{part // PART:03d}.json").write_text(
            write_csl_json(chunk), encoding="utf-8"
        )
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\ntheme: litsite\nplugins:\n  - litsite:\n      records: content\n",
        encoding="utf-8",
    )


def make_plain_site(root: Path, count: int, pages: int) -> None:
    """``pages`` Markdown pages for plain MkDocs, out of the nav: one per record of ``count``,
    then the records again until there are ``pages`` (litsite's index pages are of a similar
    size: a title and a list)."""
    corpus = Corpus(seed=count)
    records = root / "docs" / "records"
    records.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    made = list(corpus.records(count))
    for number in range(pages):
        record = made[number % count]
        authors = "; ".join(p.display() for p in record.authors)
        sections = "\n\n".join(f"**{s.label}** {s.text}" for s in record.abstract)
        topics = ", ".join(t.term for t in record.topics)
        (records / f"{number}.md").write_text(
            f"# {record.title}\n\n{authors}\n\n*{record.container_title}* {record.year}\n\n"
            f"## Abstract\n\n{sections}\n\n## Topics\n\n{topics}\n\nDOI: {record.doi}\n",
            encoding="utf-8",
        )
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\nnav:\n  - index.md\nnot_in_nav: |\n  /records/\n", encoding="utf-8"
    )


def query_bytes(site: Path, query: str) -> float | None:
    """KB a browser fetches to open the search page and run one query: the page, its CSS and
    JS, and the index files the query reads (None without chromium)."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium or not (site / "search" / "index.html").exists():
        return None
    sys.path.insert(0, str(HERE.parent))
    from tests.browser.conftest import CHROMIUM_ARGS, serve

    server = serve(site)
    base = next(server)
    fetched: list[int] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", lambda r: fetched.append(len(r.body())) if r.ok else None)
        page.goto(base + "search/")
        page.fill("main input[type=search]", query)
        page.wait_for_selector("[data-results] li")
        browser.close()
    server.close()
    return sum(fetched) / 1024


def bench(count: int, work: Path) -> dict[str, float | None]:
    lit, plain = work / f"litsite-{count}", work / f"plain-{count}"
    same = work / f"plain-pages-{count}"
    for path in (lit, plain, same):
        shutil.rmtree(path, ignore_errors=True)
    make_litsite_site(lit, count)
    make_plain_site(plain, count, count)
    figures: dict[str, float | None] = {}
    litsite = str(BIN / "litsite")
    figures["import_s"], figures["import_mb"] = run(
        [litsite, "import", "incoming", "--into", "content"], lit
    )
    figures["build_s"], figures["build_mb"] = run([litsite, "build"], lit)
    figures["noop_s"], _ = run([litsite, "build"], lit)
    edited = sorted((lit / "content").glob("*.yaml"))[count // 2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1))
    figures["edit_s"], _ = run([litsite, "build"], lit)
    figures["plain_s"], figures["plain_mb"] = run([str(BIN / "mkdocs"), "build", "-q"], plain)
    pages = sum(1 for p in (lit / "site").rglob("*.html") if p.name != "404.html")
    make_plain_site(same, count, pages)
    figures["pages"] = pages
    figures["same_s"], figures["same_mb"] = run([str(BIN / "mkdocs"), "build", "-q"], same)
    figures["site_mb"] = du(lit / "site")
    figures["plain_site_mb"] = du(plain / "site")
    index = lit / "site" / "search"
    figures["index_mb"] = du(index) if index.exists() else None
    figures["plain_index_mb"] = du(plain / "site" / "search")
    sample = Corpus(seed=count).record(0)
    query = f"{sample.authors[0].family} {' '.join(sample.title.split()[:2])}"
    figures["query_kb"] = query_bytes(lit / "site", query)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated record counts")
    parser.add_argument("--work", type=Path, default=Path("/tmp/litsite-bench"))
    args = parser.parse_args()
    rows = {int(n): bench(int(n), args.work) for n in args.sizes.split(",")}
    print(json.dumps(rows, indent=1), file=sys.stderr)
    fmt = lambda v, spec: "-" if v is None else format(v, spec)  # noqa: E731
    print(
        f"{'records':>8} {'pages':>6} {'import s':>9} {'build s':>8} {'mkdocs N s':>10} "
        f"{'mkdocs P s':>10} {'ratio P':>7} {'no-op s':>8} {'edit s':>7} {'edit/full':>9} "
        f"{'peak MB':>8} {'mkdocs P MB':>11} {'site MB':>8} {'index MB':>9} "
        f"{'mkdocs idx':>10} {'query KB':>9}"
    )
    for count, f in rows.items():
        print(
            f"{count:>8} {f['pages']:>6} {fmt(f['import_s'], '.1f'):>9} "
            f"{fmt(f['build_s'], '.1f'):>8} {fmt(f['plain_s'], '.1f'):>10} "
            f"{fmt(f['same_s'], '.1f'):>10} {f['build_s'] / f['same_s']:>7.2f} "
            f"{fmt(f['noop_s'], '.1f'):>8} {fmt(f['edit_s'], '.1f'):>7} "
            f"{f['edit_s'] / f['build_s']:>9.2f} {fmt(f['build_mb'], '.0f'):>8} "
            f"{fmt(f['same_mb'], '.0f'):>11} {fmt(f['site_mb'], '.0f'):>8} "
            f"{fmt(f['index_mb'], '.1f'):>9} {fmt(f['plain_index_mb'], '.1f'):>10} "
            f"{fmt(f['query_kb'], '.0f'):>9}"
        )
    print(
        "mkdocs N: plain MkDocs, one page per record; mkdocs P: plain MkDocs, as many pages as "
        "litsite wrote; ratio P: litsite build / mkdocs P; edit: rebuild after editing one record"
    )


if __name__ == "__main__":
    main()
