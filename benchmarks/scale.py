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


def _tree_rss(pid: int) -> int:
    """Resident memory (KB) of a process and all its descendants (worker processes)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Run a step; return (wall seconds, peak memory in MB of the process and its workers
    together, sampled every 50 ms)."""
    env = dict(os.environ, CI="true")
    start = time.perf_counter()
    with subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)
        _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{stderr[-3000:]}")
    return elapsed, peak / 1024


def load() -> str:
    """The machine's load averages (1, 5, 15 min) and CPU count: figures are noisy when it is
    shared."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} CPUs"


def keep_only_apa(site: Path) -> None:
    """Empty every cache but the CSL-style entries (the benchmark's "APA warm" full build)."""
    shutil.rmtree(site / "site", ignore_errors=True)
    for path in (site / ".litsite-cache").glob("*"):
        if path.name != "csl":
            shutil.rmtree(path) if path.is_dir() else path.unlink()


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


def serve_latency(site: Path) -> tuple[float | None, float | None]:
    """Seconds from saving an edited record to the served page showing it, under ``litsite
    serve``; and (in Debian chromium, when installed) to the open page having reloaded by
    itself with the edit."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, CI="true")
    server = subprocess.Popen(
        [str(BIN / "litsite"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    edited = sorted((site / "content").glob("*.yaml"))[1]
    page = f"{base}records/{edited.stem}/"

    def served() -> str:
        try:
            with urllib.request.urlopen(page, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def edit(word: str) -> float:
        text = edited.read_text(encoding="utf-8").replace("title: ", f"title: {word} ", 1)
        edited.write_text(text, encoding="utf-8")
        return time.perf_counter()

    try:
        deadline = time.monotonic() + 600
        while "<html" not in served() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)
        saved = edit("Servedit")
        while "Servedit" not in served() and time.monotonic() < deadline:
            time.sleep(0.02)
        to_page = time.perf_counter() - saved
        to_reload = _reload_latency(page, lambda: edit("Reloadedit"))
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # busy in a refresh: the figures are taken already
            server.kill()
            server.wait()
    return to_page, to_reload


def _reload_latency(page: str, edit) -> float | None:
    """Seconds until an open chromium page reloads by itself and shows the edit."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    sys.path.insert(0, str(HERE.parent))
    from tests.browser.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(page)
        tab.wait_for_timeout(1000)
        saved = edit()
        # Polled from here: the theme's CSP (rightly) forbids the page evaluating strings.
        deadline = time.monotonic() + 120
        while "Reloadedit" not in tab.title() and time.monotonic() < deadline:
            tab.wait_for_timeout(20)
        seconds = time.perf_counter() - saved
        browser.close()
    return seconds


class _Figures(dict):
    """The figures, each printed to stderr as it is measured (a later step may fail)."""

    def __setitem__(self, key: str, value) -> None:
        super().__setitem__(key, value)
        print(f"  {key}: {value}", file=sys.stderr, flush=True)


def bench(count: int, work: Path) -> dict[str, float | None]:
    lit, plain = work / f"litsite-{count}", work / f"plain-{count}"
    same = work / f"plain-pages-{count}"
    for path in (lit, plain, same):
        shutil.rmtree(path, ignore_errors=True)
    make_litsite_site(lit, count)
    make_plain_site(plain, count, count)
    figures: dict[str, float | None] = _Figures()
    figures["load_start"] = load()
    litsite = str(BIN / "litsite")
    figures["import_s"], figures["import_mb"] = run(
        [litsite, "import", "incoming", "--into", "content"], lit
    )
    figures["cold_s"], figures["cold_mb"] = run([litsite, "build"], lit)
    keep_only_apa(lit)
    figures["build_s"], figures["build_mb"] = run([litsite, "build"], lit)
    figures["load_full"] = load()
    figures["noop_s"], _ = run([litsite, "build"], lit)
    figures["startup_s"], _ = run(
        [sys.executable, "-c", "import litsite.cli, litsite.plugin, mkdocs.commands.build"], lit
    )
    edited = sorted((lit / "content").glob("*.yaml"))[count // 2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1))
    figures["edit_s"], _ = run([litsite, "build"], lit)
    figures["serve_page_s"], figures["serve_reload_s"] = serve_latency(lit)
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
    figures["load_end"] = load()
    return figures


def report(count: int, f: dict) -> None:
    """Each figure next to its issue-12 target, with the same run's plain MkDocs ratios."""
    ratio = f["build_s"] / f["same_s"]
    cold = f["cold_s"] / f["same_s"]
    noop = f["noop_s"] - f["startup_s"]
    print(f"\n{count:,} records, {f['pages']:,} pages ({f['load_start']}; after: {f['load_end']})")
    rows = [
        ("import", f"{f['import_s']:.1f} s", ""),
        ("plain MkDocs, one page per record", f"{f['plain_s']:.1f} s", ""),
        ("plain MkDocs, same page count (P)", f"{f['same_s']:.1f} s", ""),
        ("full build, APA cache warm", f"{f['build_s']:.1f} s = {ratio:.2f} x P", "<= 0.5 x P"),
        ("full build, every cache empty", f"{f['cold_s']:.1f} s = {cold:.2f} x P", "<= 1.0 x P"),
        ("no-op build", f"{f['noop_s']:.1f} s ({noop:.1f} s past start-up)", "<= 2 s + start-up"),
        ("Python + litsite + MkDocs start-up", f"{f['startup_s']:.1f} s", ""),
        ("edit one record, litsite build", f"{f['edit_s']:.1f} s", ""),
        (
            "edit one record, serve: page served after",
            f"{fmt(f['serve_page_s'], '.2f')} s",
            "<= 1 s",
        ),
        ("edit one record, serve: open page reloaded", f"{fmt(f['serve_reload_s'], '.2f')} s", ""),
        ("peak memory, full build (with workers)", f"{f['build_mb']:.0f} MB", "<= 2,048 MB"),
        ("peak memory, cold build (with workers)", f"{f['cold_mb']:.0f} MB", ""),
        ("peak memory, plain MkDocs P", f"{f['same_mb']:.0f} MB", ""),
        ("site/", f"{f['site_mb']:.0f} MB", ""),
        (
            "search index (MkDocs' lunr)",
            f"{fmt(f['index_mb'], '.1f')} MB ({f['plain_index_mb']:.1f} MB)",
            "",
        ),
        ("one query fetches", f"{fmt(f['query_kb'], '.0f')} KB", "<= 500 KB"),
    ]
    for name, value, target in rows:
        print(f"  {name:<42} {value:<34} {('target ' + target) if target else ''}")


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated record counts")
    parser.add_argument("--work", type=Path, default=Path("/tmp/litsite-bench"))
    args = parser.parse_args()
    for count in map(int, args.sizes.split(",")):
        figures = bench(count, args.work)
        print(json.dumps({count: figures}, indent=1), file=sys.stderr)
        report(count, figures)


if __name__ == "__main__":
    main()
