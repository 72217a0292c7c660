"""Reading speed for BibTeX: 10,000 entries made by varying the real entries in the repository.

The seed entries are the ``.bib`` files in ``content/`` and ``tests/data/bibtex/`` (TUGboat,
MIS Quarterly, xampl: accents, macros, crossrefs, math). Each copy gets a new key and a
numbered title, so no two entries are the same record. Prints entries per second for the
BibTeX reader alone and for ``read_paths`` (reader + de-duplication + ids).

Run: ``PYTHONPATH=generator python benchmarks/read_speed_bibtex.py [--entries 10000]``.
"""

from __future__ import annotations

import argparse
import logging
import re
import tempfile
import time
from pathlib import Path

from litsite.readers import read_file, read_paths
from litsite.report import Report

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [*sorted((ROOT / "content").glob("*.bib")), *(ROOT / "tests/data/bibtex").glob("pybtex-*")]
_DOI = re.compile(r"\bdoi\s*=\s*[{\"][^}\"]*[}\"]", re.I)
_ENTRY = re.compile(r"^@(?!string|preamble|comment)\w+\s*\{.*?^\}", re.I | re.M | re.S)


def generate(count: int) -> str:
    """``count`` entries: the seed files' ``@string``s once, then numbered entry variants."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    strings = [m.group(0) for t in texts for m in re.finditer(r"^@string\{.*?\}$", t, re.I | re.M)]
    entries = [
        m.group(0) for t in texts for m in _ENTRY.finditer(t) if "crossref" not in m.group(0)
    ]
    out = list(strings)
    for n in range(count):
        entry = entries[n % len(entries)]
        entry = re.sub(r"^(@\w+\s*\{)\s*([^,]*),", rf"\g<1>\g<2>-v{n},", entry, count=1)
        entry = re.sub(r"(\btitle\s*=\s*[{\"])", rf"\g<1>Variant {n}: ", entry, count=1, flags=re.I)
        entry = re.sub(_DOI, f"doi = {{10.5555/bench.{n}}}", entry)
        out.append(entry)
    return "\n\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    logging.getLogger("litsite").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.bib"
        path.write_text(generate(args.entries), encoding="utf-8")
        print(f"{args.entries:,} BibTeX entries, {path.stat().st_size / 1e6:.1f} MB")
        for label, run in (
            ("bibtex reader", lambda: read_file(path, Report())),
            ("read_paths (+ dedupe, ids)", lambda: read_paths([path], Report())),
        ):
            start = time.perf_counter()
            records = run()
            seconds = time.perf_counter() - start
            print(
                f"{label:<28} {len(records):>6} records  {seconds:6.1f} s  "
                f"{len(records) / seconds:8.0f} entries/s"
            )


if __name__ == "__main__":
    main()
