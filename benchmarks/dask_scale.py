"""Dask benchmark (issue 18): one build on a local Dask cluster against the local worker pool.

    PYTHONPATH=generator .venv/bin/python benchmarks/dask_scale.py --records 10000

Writes a synthetic PubMed-like corpus (``benchmarks/corpus.py``) as CSL-JSON files of
``--per-file`` records, then builds it from scratch (no caches, no previous site) three times in
this process: with the local pool (``--jobs W``), on a ``LocalCluster`` of W single-threaded
worker processes with the workers writing the pages into the shared staging folder, and on the
same cluster with the workers returning the files to the builder (as on a cluster without
shared storage). It checks that the three sites are byte-identical and prints, per build: wall
time and the time of each stage; for the cluster builds, from Dask's task stream, the compute
time per partition (a batch of 100 records to cite and render, or 50 files to read) and, from a
sample of partitions pickled here, the bytes sent to a worker and returned per partition. From
those it derives, with the arithmetic shown, the builder's serial time per record and the
workers' time per record, the figures the README's scaling estimate uses.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import logging
import os
import pickle
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "generator")]

from corpus import Corpus  # noqa: E402
from distributed import Client, LocalCluster, get_task_stream  # noqa: E402

from litsite.build.cluster import ClusterPool  # noqa: E402
from litsite.builder import build_site  # noqa: E402
from litsite.citations.csl_json import write_csl_json  # noqa: E402

#: Every how many partitions one is pickled here to measure the bytes moved.
SAMPLE_EVERY = 5
#: ``litsite: pages: … in 12.3 s`` -> stage name and seconds.
_STAGE = re.compile(r"litsite: (read|pages|search index): .* in ([\d.]+) s")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} CPUs"


def make_site(root: Path, count: int, per_file: int) -> None:
    (root / "content").mkdir(parents=True)
    (root / "docs").mkdir()
    records = Corpus(seed=count).records(count)
    for start in range(0, count, per_file):
        chunk = [next(records) for _ in range(min(per_file, count - start))]
        path = root / "content" / f"part-{start // per_file:05d}.json"
        path.write_text(write_csl_json(chunk), encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\ntheme: litsite\nplugins:\n  - litsite\n", encoding="utf-8"
    )


class _Stages(logging.Handler):
    """Collects the stage summary lines the build logs."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seconds: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        found = _STAGE.search(record.getMessage())
        if found:
            self.seconds[found.group(1)] = float(found.group(2))


class _Moved:
    """Wraps ``ClusterPool.map``: its wall time per task, and the pickled size of a sample of
    partitions sent and returned (what Dask serialises; the pickling is timed apart)."""

    def __init__(self) -> None:
        self.map_seconds: dict[str, float] = defaultdict(float)
        self.sent: dict[str, list[int]] = defaultdict(list)
        self.returned: dict[str, list[int]] = defaultdict(list)
        self.pickling = 0.0
        self._original = ClusterPool.map

    def __enter__(self) -> _Moved:
        moved = self

        def map(pool, batches):
            name = pool.task.__name__.strip("_")
            started = time.perf_counter()
            paused = moved.pickling

            def sampled():
                for number, batch in enumerate(batches):
                    if number % SAMPLE_EVERY == 0:
                        moved.sent[name].append(moved._size(batch))
                    yield batch

            for number, result in moved._original(pool, sampled()):
                if number % SAMPLE_EVERY == 0:
                    moved.returned[name].append(moved._size(result))
                yield number, result
            moved.map_seconds[name] += time.perf_counter() - started - (moved.pickling - paused)

        ClusterPool.map = map
        return self

    def _size(self, value: object) -> int:
        started = time.perf_counter()
        size = len(pickle.dumps(value, protocol=5))
        self.pickling += time.perf_counter() - started
        return size

    def __exit__(self, *exc: object) -> None:
        ClusterPool.map = self._original


def site_digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def build(root: Path, **options) -> tuple[float, dict[str, float]]:
    shutil.rmtree(root / ".litsite-cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    stages = _Stages()
    logging.getLogger("mkdocs").addHandler(stages)
    try:
        started = time.perf_counter()
        build_site(root / "mkdocs.yml", **options)
        return time.perf_counter() - started, stages.seconds
    finally:
        logging.getLogger("mkdocs").removeHandler(stages)


def partition_times(records: list[dict]) -> dict[str, list[float]]:
    """Compute seconds per partition, by task name, from Dask's task stream."""
    times: dict[str, list[float]] = defaultdict(list)
    for record in records:
        name = str(record["key"]).rsplit("-", 2)[0]
        compute = [s["stop"] - s["start"] for s in record["startstops"] if s["action"] == "compute"]
        times[name].append(sum(compute))
    return times


def cluster_build(root: Path, cluster: LocalCluster, shared: bool) -> dict:
    """A build on ``cluster``; ``shared``: workers write the site (else they return files)."""
    original = ClusterPool.shares
    if not shared:
        ClusterPool.shares = lambda self, folder: False
    try:
        with Client(cluster.scheduler_address) as client, get_task_stream(client) as stream:
            client.run(importlib.import_module, "litsite.build.engine")  # warm workers
            with _Moved() as moved:
                seconds, stages = build(root, scheduler=cluster.scheduler_address)
        tasks = partition_times(stream.data)  # filled when the task stream's block ends
    finally:
        ClusterPool.shares = original
    return {"seconds": seconds, "stages": stages, "tasks": tasks, "moved": moved}


def mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def report(count: int, workers: int, local: tuple, runs: dict[str, dict]) -> None:
    local_seconds, local_stages = local
    print(f"\n{count:,} records, {workers} workers; {load()}")
    print(f"local pool (--jobs {workers}): {local_seconds:.1f} s  stages {local_stages}")
    for label, run in runs.items():
        print(
            f"\ncluster, {label}: {run['seconds']:.1f} s "
            f"({run['seconds'] / local_seconds:.2f}x the local pool)  stages {run['stages']}"
        )
        moved = run["moved"]
        for name, times in sorted(run["tasks"].items()):
            sent, back = mean(moved.sent[name]), mean(moved.returned[name])
            print(
                f"  {name}: {len(times)} partitions, compute {mean(times):.3f} s each "
                f"(total {sum(times):.1f} worker-s), sent {sent / 1e3:.1f} KB, "
                f"returned {back / 1e3:.1f} KB per partition; map wall "
                f"{moved.map_seconds[name]:.1f} s"
            )
        mapped = sum(moved.map_seconds.values())
        worker_seconds = sum(sum(times) for times in run["tasks"].values())
        serial = run["seconds"] - mapped
        print(
            f"  builder outside the cluster stages: {run['seconds']:.1f} - {mapped:.1f} = "
            f"{serial:.1f} s = {1e3 * serial / count:.2f} ms/record (serial)"
        )
        print(
            f"  workers: {worker_seconds:.1f} worker-s / {count:,} = "
            f"{1e3 * worker_seconds / count:.2f} ms/record (parallel)"
        )
        per_record = sum(
            (mean(moved.sent[n]) + mean(moved.returned[n])) * len(t)
            for n, t in run["tasks"].items()
        )
        print(f"  bytes moved: {per_record / count / 1e3:.1f} KB/record")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-file", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="litsite-dask-") as folder:
        root = Path(folder)
        print(f"writing {args.records:,} records; {load()}", flush=True)
        make_site(root, args.records, args.per_file)
        local = build(root, jobs=args.workers)
        expected = site_digest(root / "site")
        runs = {}
        with LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster:
            for label, shared in (("workers write", True), ("workers return files", False)):
                runs[label] = cluster_build(root, cluster, shared)
                same = site_digest(root / "site") == expected
                print(f"{label}: site identical to the local build: {same}", flush=True)
        report(args.records, args.workers, local, runs)


if __name__ == "__main__":
    main()
