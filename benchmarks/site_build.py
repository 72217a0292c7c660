"""Time a litsite build of N synthetic records (VuFind Solr JSON) and print the figures.

    python benchmarks/site_build.py [N] [--search pagefind|none]

Prints: records, pages written, seconds for the whole build and for the plugin's reading step,
pages per second, the size of site/, and, as the baseline, the seconds plain MkDocs (mkdocs
theme, no plugin) takes for as many Markdown pages made from the same records, left out of the
nav. Synthetic records have 1-12 authors with accents and particles, a 5-part structured
abstract of ~200 words, 1-6 topics from 300 terms, 80 journals.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

FAMILIES = ["García", "de Roock", "Müller", "Øster", "van der Berg", "Nakamura", "Smith", "Ñúñez"]
GIVEN = ["Ana", "Sytze", "Jürgen", "Åsa", "Li", "José María", "Chloé", "Ngozi"]
WORDS = "patients study results treatment outcome cohort analysis risk clinical trial".split()


def _doc(n: int, rng: random.Random) -> dict:
    authors = [
        f"{rng.choice(FAMILIES)}{rng.randint(1, 400)}, {rng.choice(GIVEN)}"
        for _ in range(rng.randint(1, 12))
    ]
    sections = ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS", "TRIAL REGISTRATION"]
    abstract = " ".join(f"{s}: " + " ".join(rng.choices(WORDS, k=40)) + "." for s in sections)
    return {
        "id": f"bench-{n}",
        "record_format": "MEDLINE/PubMed",
        "title": [" ".join(rng.choices(WORDS, k=12)).capitalize()],
        "author": authors,
        "description": [abstract],
        "topic": [f"Topic {rng.randint(1, 300)}" for _ in range(rng.randint(1, 6))],
        "container_title": [f"Journal of {rng.choice(WORDS).title()} {rng.randint(1, 10)}"],
        "publishDate": [str(rng.randint(1950, 2026))],
        "format": ["Online", "Article"],
        "language": ["English"],
        "url": [f"https://doi.org/10.1234/bench.{n}"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--search", default="none", choices=["pagefind", "none"])
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "content").mkdir()
        (folder / "docs").mkdir()
        (folder / "docs" / "about.md").write_text("# About\n", "utf-8")
        docs = [_doc(n, rng) for n in range(args.n)]
        payload = {"response": {"docs": docs}}
        (folder / "content" / "records.json").write_text(json.dumps(payload), "utf-8")
        settings = {
            "site_name": "Benchmark",
            "theme": "litsite",
            "plugins": [{"litsite": {"search": args.search}}],
        }
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(settings), "utf-8")
        config = load_config(config_file=str(folder / "mkdocs.yml"))
        started = time.perf_counter()
        build(config)
        seconds = time.perf_counter() - started
        stats = config.plugins["litsite"].stats
        size = sum(p.stat().st_size for p in (folder / "site").rglob("*") if p.is_file())
        print(f"records              {stats['records']}")
        print(f"pages written        {stats['pages']}")
        print(f"build seconds        {seconds:.2f} (search: {args.search})")
        print(f"read+cite seconds    {stats['read_seconds']:.2f}")
        print(f"pages per second     {stats['pages'] / seconds:.0f}")
        print(f"site size MB         {size / 1e6:.1f}")
        shutil.rmtree(folder / "site")
        baseline = _baseline(folder / "baseline", stats["pages"], docs)
        print(f"plain MkDocs seconds {baseline:.2f} for {stats['pages']} pages")
        print(f"litsite / plain      {seconds / baseline:.2f}")


def _baseline(folder: Path, pages: int, docs: list[dict]) -> float:
    """Plain MkDocs building ``pages`` Markdown pages made from the same records."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Baseline\n", "utf-8")
    for n in range(pages):
        doc = docs[n % len(docs)]
        text = "\n\n".join(
            [f"# {doc['title'][0]}", "; ".join(doc["author"]), doc["description"][0]]
            + [f"- {t}" for t in doc["topic"]]
        )
        (folder / "docs" / f"p{n}.md").write_text(text + "\n", "utf-8")
    settings = {"site_name": "Baseline", "theme": "mkdocs", "nav": ["index.md"], "plugins": []}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(settings), "utf-8")
    config = load_config(config_file=str(folder / "mkdocs.yml"))
    started = time.perf_counter()
    build(config)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
