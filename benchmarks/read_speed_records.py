"""Reading speed for litsite's own YAML record files (what ``litsite import`` writes): parsed
cold, and answered by the read cache after a fresh checkout (new inodes and times, same bytes),
in records per second on one core (CPU time, so a loaded machine skews it less).

    PYTHONPATH=generator .venv/bin/python benchmarks/read_speed_records.py [--records 2000]

The records come from the synthetic PubMed-like corpus (benchmarks/corpus.py), each written with
its source record, as an import writes it. Targets (issue 12): 5,000 records/s per core.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "generator")]

from corpus import Corpus  # noqa: E402

from litsite.build.reading import ReadCache  # noqa: E402
from litsite.csl import to_csl  # noqa: E402
from litsite.importer import write_record  # noqa: E402
from litsite.model import Source  # noqa: E402
from litsite.readers import read_file  # noqa: E402
from litsite.report import Report  # noqa: E402

TARGET = 5_000


def _rate(label: str, files: list[Path], read) -> None:
    report = Report()
    start = time.process_time()
    count = sum(len(read(path, report)) for path in files)
    seconds = time.process_time() - start
    rate = count / seconds
    print(f"{label:<44} {count:>7} {seconds:>7.2f} s {rate:>9,.0f}/s   target {TARGET:,}/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2_000)
    args = parser.parse_args()
    print(f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        content.mkdir()
        for number, record in enumerate(Corpus(seed=args.records).records(args.records)):
            record.id = f"pmid-{record.pmid or number}"
            record.sources = [Source("incoming/corpus.json", number + 1, "csl-json")]
            record.sources[0].original = repr(to_csl(record))
            write_record(record, content / f"{record.id}.yaml")
        files = sorted(content.iterdir())
        _rate("parsed (PyYAML with libyaml)", files, read_file)
        cache = ReadCache(Path(folder) / "records.pickle", "code")
        for path in files:
            cache.read(path, Report())
        cache.save()
        for path in files:  # a fresh checkout: same bytes, new inode and times
            copy = path.with_suffix(".new")
            copy.write_bytes(path.read_bytes())
            os.replace(copy, path)
        cache = ReadCache(Path(folder) / "records.pickle", "code")
        _rate("read cache, after a fresh checkout", files, cache.read)
        cache.save()
        cache = ReadCache(Path(folder) / "records.pickle", "code")
        _rate("read cache, unchanged files", files, cache.read)


if __name__ == "__main__":
    main()
