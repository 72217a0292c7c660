"""Search quality benchmark: recall, known-item rank and bytes per query, in Debian chromium.

    .venv/bin/python benchmarks/search_quality.py                  # 10,000 records
    .venv/bin/python benchmarks/search_quality.py --records 100000 # heavy

Two collections: the default site (``content/``, built with ``litsite build``) and a generated
PubMed-like corpus (``benchmarks/corpus.py``) whose index is built from the same summaries a
site build uses and served with the default site's search page, stylesheet and scripts. From
each, queries are drawn from the records: title words, author names, topics, DOIs and PMIDs
(bare and as ``doi:``/``pmid:``), common words, two- and three-word combinations, whole titles,
author + title words, and misspellings. A brute-force reference over the records (every
field's words, folded as the index folds them) gives the set of records holding every word of
a query. Each query is typed into the search page (with a trailing space: no completion of the
last word), and the benchmark reads what a visitor sees: the count, the first three results,
the last page's results, the "Did you mean", and the bytes fetched.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "generator"), str(ROOT)]

from corpus import Corpus  # noqa: E402

from litsite.build.plan import SitePlan  # noqa: E402
from litsite.build.summary import summarize  # noqa: E402
from litsite.search import SearchDoc, build_index, fold, newest_first, tokens  # noqa: E402

PAGE = 10
#: Query kinds whose known record must be among the first three results.
KNOWN_ITEM = ("whole title", "author + title")
TARGETS = {
    "recall": "100%",
    "known": ">= 95%",
    "first": "<= 300 KB",
    "further": "<= 100 KB",
    "latency": "<= 300 ms",
}


def _plan(records: list) -> SitePlan:
    for n, record in enumerate(records):
        record.id = record.id or f"bench-{n}"
    return SitePlan(
        [summarize(r) for r in records],
        site_name="Benchmark",
        kinds=["topics", "authors", "years", "journals", "types"],
        formats=["apa"],
        language="en",
        directory_urls=False,
    )


def _words(doc: SearchDoc) -> set[str]:
    """Every word the reference matches in a record (all fields, folded)."""
    text = " ".join([*doc.ids, doc.title, *doc.authors, *doc.topics, doc.source, doc.abstract])
    return set(tokens(text))


def _misspell(word: str, rng: random.Random, vocabulary: set[str]) -> str | None:
    """One edit (past the first two letters) that makes a word the index does not hold."""
    for _ in range(20):
        i = rng.randrange(2, len(word))
        edits = [
            word[:i] + word[i + 1 :],
            word[:i] + rng.choice("aeiourstn") + word[i:],
            word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :],
        ]
        typo = rng.choice(edits)
        if typo != word and typo not in vocabulary:
            return typo
    return None


def draw_queries(docs: list[SearchDoc], count: int, seed: int = 7) -> list[dict]:
    """``count`` queries (about) over ``docs``: each ``{kind, text, known, words}``."""
    rng = random.Random(seed)
    frequency = Counter(w for d in docs for w in _words(d))
    common = [w for w, _ in frequency.most_common(60) if not w.isdigit()][:30]
    vocabulary = set(frequency)
    share = max(count // 12, 1)
    queries: list[dict] = []

    def add(kind: str, text: str, known: int | None = None, words: list[str] | None = None):
        queries.append({"kind": kind, "text": text, "known": known, "words": words})

    def pick() -> tuple[int, SearchDoc]:
        n = rng.randrange(len(docs))
        return n, docs[n]

    for _ in range(share):
        n, doc = pick()
        title = [w for w in tokens(doc.title) if len(w) > 3] or tokens(doc.title)
        if title:
            add("title word", rng.choice(title))
        if doc.authors:
            family = doc.authors[0].split(",")[0]
            add("author name", family)
            add("author + title", f"{family} {' '.join(tokens(doc.title)[:2])}", n)
        if doc.topics:
            add("topic", rng.choice(doc.topics))
        if doc.ids:
            add("DOI / PMID", doc.ids[0], n)
            add("doi: / pmid:", f"{'doi' if '/' in doc.ids[0] else 'pmid'}:{doc.ids[0]}", n)
        add("common word", rng.choice(common))
        words = sorted(_words(doc) - {*doc.ids})
        if len(words) >= 3:
            add("2 words", " ".join(rng.sample(words, 2)))
            add("3 words", " ".join(rng.sample(words, 3)))
        add("whole title", doc.title, n)
        long = [w for w in tokens(doc.title) if len(w) >= 6 and w.isalpha()]
        right = rng.choice(long) if long else None
        typo = _misspell(right, rng, vocabulary) if right else None
        if typo:
            add("misspelling", typo, n, [right])
    return queries


def reference(docs: list[SearchDoc], text: str) -> set[int]:
    """Records holding every word of a query (a ``doi:`` the whole identifier; ``pmid:``
    the number among the identifiers)."""
    field, _, value = text.partition(":")
    if field == "doi":
        return {n for n, d in enumerate(docs) if any(fold(i) == fold(value) for i in d.ids)}
    if field == "pmid":
        return {n for n, d in enumerate(docs) if value in d.ids}
    wanted = set(tokens(text))
    return {n for n, d in enumerate(docs) if wanted <= _words(d)}


class Browser:
    """One chromium page on the search page; queries typed into it, responses counted."""

    def __init__(self, playwright, base: str) -> None:
        from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.base = base
        self.fetched = 0
        self.page = None

    def open(self) -> int:
        """Open the search page in a fresh context; bytes fetched."""
        if self.page is not None:
            self.page.context.close()
        context = self.browser.new_context()
        self.page = context.new_page()
        self.page.on("response", self._count)
        self.fetched = 0
        self.page.goto(self.base + "search/index.html")
        self.page.wait_for_load_state("load")
        return self.fetched

    def _count(self, response) -> None:
        self.fetched += int(response.headers.get("content-length", 0) or 0)

    def query(self, text: str) -> dict:
        page = self.page
        self.fetched = 0
        started = time.perf_counter()
        page.fill("#litsite-q", text + " ")
        page.wait_for_function(
            "q => new URLSearchParams(location.search).get('q') === q"
            " && !document.querySelector('[data-results]').hasAttribute('aria-busy')"
            " && document.querySelector('[data-status]').textContent !== ''",
            arg=text + " ",
            polling=10,
        )
        shown = time.perf_counter() - started
        status = page.locator("[data-status]").inner_text()
        found = re.match(r"(\d+)", status.replace(",", ""))
        return {
            "count": int(found[1]) if found else 0,
            "urls": page.locator("[data-results] li > a").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            ),
            "suggestion": page.locator("[data-suggestion] a").all_inner_texts(),
            "bytes": self.fetched,
            "seconds": shown,
        }

    def last_page(self, count: int) -> list[str]:
        pages = -(-count // PAGE)
        if pages < 2:
            return []
        page = self.page
        url = re.sub(r"&page=\d+", "", page.url) + f"&page={pages}"
        page.goto(url)
        page.wait_for_function(
            "() => !document.querySelector('[data-results]').hasAttribute('aria-busy')"
            " && document.querySelector('[data-status]').textContent !== ''"
        )
        return page.locator("[data-results] li > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )

    def close(self) -> None:
        self.browser.close()


def evaluate(site: Path, docs: list[SearchDoc], queries: list[dict]) -> dict:
    """Run ``queries`` in chromium against ``site``; the figures of the collection."""
    from playwright.sync_api import sync_playwright
    from tests.browser.conftest import serve

    by_url = {d.url: n for n, d in enumerate(docs)}
    server = serve(site)
    base = next(server)
    figures: dict = {"kinds": Counter(), "missing": Counter(), "queries": len(queries)}
    figures["failed"] = []
    first, further, latency, known, corrected, first_hit = [], [], [], [], [], []
    heaviest = (0, "")
    with sync_playwright() as playwright:
        browser = Browser(playwright, base)
        for number, query in enumerate(queries):
            if number % 50 == 0:
                opened = browser.open()
            seen = browser.query(query["text"])
            (first if number % 50 == 0 else further).append(
                seen["bytes"] + (opened if number % 50 == 0 else 0)
            )
            if number % 50:
                heaviest = max(heaviest, (seen["bytes"], query["text"]))
            latency.append(seen["seconds"])
            shown = [by_url.get(_site_path(base, u)) for u in seen["urls"]]
            figures["kinds"][query["kind"]] += 1
            if query["kind"] == "misspelling":
                corrected.append(seen["suggestion"] == query["words"])
                if not corrected[-1]:
                    figures["failed"].append((query["kind"], query["text"], seen["suggestion"]))
                continue
            expected = reference(docs, query["text"])
            complete = seen["count"] == len(expected) and set(shown) <= expected
            if complete and seen["count"] > PAGE:
                last = [by_url.get(_site_path(base, u)) for u in browser.last_page(seen["count"])]
                complete = set(last) <= expected and len(last) == (seen["count"] - 1) % PAGE + 1
                browser.open()
            if not complete:
                figures["missing"][query["kind"]] += 1
                figures["failed"].append((query["kind"], query["text"], seen["count"]))
            if query["kind"] in KNOWN_ITEM:
                known.append(query["known"] in shown[:3])
                if not known[-1]:
                    figures["failed"].append((query["kind"], query["text"], "not in top 3"))
            elif query["known"] is not None:
                first_hit.append(shown[:1] == [query["known"]])
                if not first_hit[-1]:
                    figures["failed"].append((query["kind"], query["text"], "not first"))
        browser.close()
    server.close()
    conjunctive = len(queries) - figures["kinds"]["misspelling"]
    figures["recall"] = 1 - sum(figures["missing"].values()) / max(conjunctive, 1)
    figures["known"] = sum(known) / max(len(known), 1)
    figures["known_n"] = len(known)
    figures["corrected"] = sum(corrected) / max(len(corrected), 1)
    figures["ids_first"] = sum(first_hit) / max(len(first_hit), 1)
    figures["first_kb"] = max(first) / 1024
    figures["further_kb_median"] = statistics.median(further) / 1024 if further else 0
    figures["further_kb_max"] = max(further) / 1024 if further else 0
    figures["heaviest"] = heaviest
    figures["latency_ms_median"] = statistics.median(latency) * 1000
    figures["latency_ms_p95"] = sorted(latency)[int(len(latency) * 0.95) - 1] * 1000
    return figures


def _site_path(base: str, url: str) -> str:
    """A result link (absolute) as the index's site-root-relative record URL."""
    return url[len(base) :] if url.startswith(base) else url


def default_site(work: Path) -> Path:
    """The repository's own site, built with ``litsite build``."""
    from click.testing import CliRunner

    from litsite.cli import main

    folder = work / "default"
    folder.mkdir()
    for name in ("mkdocs.yml", "content", "site_docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml")])
    if result.exit_code:
        raise SystemExit(result.output)
    return folder / "site"


def corpus_site(default: Path, work: Path, count: int) -> tuple[Path, list[SearchDoc], float]:
    """The default site's page, CSS and JS over a ``count``-record corpus index; its docs (in
    index order) and the index size in MB."""
    site = work / "corpus"
    shutil.copytree(default, site, ignore=shutil.ignore_patterns("search"))
    plan = _plan(list(Corpus(seed=count).records(count)))
    docs = plan.search_docs()
    sizes = build_index(docs, site / "search")
    page = (default / "search" / "index.html").read_text("utf-8")
    labels = html.escape(json.dumps(plan._search_labels(), ensure_ascii=False))
    page = re.sub(r'data-labels="[^"]*"', f'data-labels="{labels}"', page)
    (site / "search" / "index.html").write_text(page, "utf-8")
    return site, newest_first(docs), sum(sizes.values()) / 1e6


def report(name: str, f: dict) -> None:
    print(f"\n{name}: {f['queries']} queries ({dict(f['kinds'])})")
    rows = [
        ("records reachable (conjunctive queries)", f"{f['recall']:.1%}", TARGETS["recall"]),
        (
            f"title, author + title: record in top 3 ({f['known_n']})",
            f"{f['known']:.1%}",
            TARGETS["known"],
        ),
        ("DOI / PMID: the record first", f"{f['ids_first']:.1%}", "-"),
        ("misspellings: the right suggestion", f"{f['corrected']:.1%}", "-"),
        ("first query, with page, CSS, JS (max)", f"{f['first_kb']:.0f} KB", TARGETS["first"]),
        ("further query (median)", f"{f['further_kb_median']:.0f} KB", TARGETS["further"]),
        ("further query (max)", f"{f['further_kb_max']:.0f} KB", TARGETS["further"]),
        ("results shown after typing (median)", f"{f['latency_ms_median']:.0f} ms", "-"),
        ("results shown after typing (p95)", f"{f['latency_ms_p95']:.0f} ms", TARGETS["latency"]),
    ]
    width = max(len(r[0]) for r in rows)
    for label, value, target in rows:
        print(f"  {label:<{width}}  {value:>9}   target {target}")
    if f["missing"]:
        print(f"  queries with records missing, by kind: {dict(f['missing'])}")
    print(f"  heaviest further query: {f['heaviest'][1]!r} ({f['heaviest'][0] / 1024:.0f} KB)")
    for kind, text, seen in f["failed"][:12]:
        print(f"  failed ({kind}): {text!r}: {seen}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=360)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        default = default_site(work)
        started = time.perf_counter()
        site, docs, megabytes = corpus_site(default, work, args.records)
        print(
            f"corpus index: {args.records} records, {megabytes:.1f} MB, "
            f"{time.perf_counter() - started:.0f} s to generate and index"
        )
        own = _plan_of_default()
        report("default site", evaluate(default, own, draw_queries(own, args.queries // 3)))
        report(f"{args.records} records", evaluate(site, docs, draw_queries(docs, args.queries)))


def _plan_of_default() -> list[SearchDoc]:
    """The default site's search documents, read as its build reads them, in index order."""
    from litsite.readers import read_paths
    from litsite.report import Report

    records = read_paths([ROOT / "content"], Report())
    plan = SitePlan(
        [summarize(r) for r in records],
        site_name="Default",
        kinds=["topics", "authors", "years", "journals", "types"],
        formats=["apa"],
        language="en",
        directory_urls=False,
    )
    return newest_first(plan.search_docs())


if __name__ == "__main__":
    main()
