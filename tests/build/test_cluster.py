"""A build on a Dask cluster (``litsite build --scheduler``) writes the local build's site, byte
for byte, also when a worker is killed mid-build; without Dask, one line says how to install it."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from benchmarks.corpus import Corpus
from click.testing import CliRunner

from litsite.builder import build_site
from litsite.citations.csl_json import write_csl_json
from litsite.cli import main
from tests.conftest import ROOT

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed (pip install 'litsite[dask]')"
)

#: Records of the generated corpus, in files of ``PER_FILE`` (enough files that workers read).
CORPUS = 2_000
PER_FILE = 10


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each, as on a 2-core machine."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def _site_files(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file()
    }


def _build(folder: Path, *options: str) -> dict[str, str]:
    """A build from scratch (no caches, no previous site) with ``options``."""
    shutil.rmtree(folder / ".litsite-cache", ignore_errors=True)
    shutil.rmtree(folder / "site", ignore_errors=True)
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml"), *options])
    assert result.exit_code == 0, result.output
    return _site_files(folder / "site")


def _differences(one: dict[str, str], two: dict[str, str]) -> list[str]:
    return sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))


@pytest.fixture(scope="module")
def default_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("default")
    for name in ("mkdocs.yml", "content", "site_docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    return folder


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    """A site of ``CORPUS`` generated PubMed-like records (``benchmarks/corpus.py``)."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "content").mkdir()
    (folder / "docs").mkdir()
    records = list(Corpus(seed=7).records(CORPUS))
    for start in range(0, CORPUS, PER_FILE):
        path = folder / "content" / f"part-{start // PER_FILE:04d}.json"
        path.write_text(write_csl_json(records[start : start + PER_FILE]), "utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Corpus\ntheme: litsite\nplugins:\n  - litsite\n", "utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def corpus_local(corpus_folder) -> dict[str, str]:
    return _build(corpus_folder, "--jobs", "2")


def test_default_site_on_a_cluster_is_the_local_site(default_folder, cluster):
    local = _build(default_folder, "--jobs", "2")
    on_cluster = _build(default_folder, "--scheduler", cluster.scheduler_address)
    assert any(name.startswith("records/pmid-31070229.") for name in on_cluster)
    assert _differences(local, on_cluster) == []


def test_workers_without_the_site_folder_return_the_files(default_folder, cluster, monkeypatch):
    """A cluster without shared storage: the builder writes what the workers return."""
    from litsite.build.cluster import ClusterPool

    local = _build(default_folder, "--jobs", "2")
    monkeypatch.setattr(ClusterPool, "shares", lambda self, folder: False)
    on_cluster = _build(default_folder, "--scheduler", cluster.scheduler_address)
    assert _differences(local, on_cluster) == []


def test_generated_corpus_on_a_cluster_is_the_local_site(corpus_folder, corpus_local, cluster):
    on_cluster = _build(corpus_folder, "--scheduler", cluster.scheduler_address)
    assert len([n for n in on_cluster if n.startswith("records/")]) >= CORPUS
    assert _differences(corpus_local, on_cluster) == []


def test_scheduler_from_the_environment(default_folder, cluster, monkeypatch):
    monkeypatch.setenv("LITSITE_SCHEDULER", "tcp://127.0.0.1:1")
    result = CliRunner().invoke(main, ["build", "-f", str(default_folder / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output


def test_a_worker_killed_mid_build_still_gives_the_local_site(corpus_folder, corpus_local, cluster):
    """The scheduler runs the killed worker's batches again; the files are the same."""
    shutil.rmtree(corpus_folder / ".litsite-cache", ignore_errors=True)
    shutil.rmtree(corpus_folder / "site", ignore_errors=True)
    failure: list[BaseException] = []

    def build() -> None:
        try:
            build_site(corpus_folder / "mkdocs.yml", scheduler=cluster.scheduler_address)
        except BaseException as exc:  # reported by the test below
            failure.append(exc)

    builder = threading.Thread(target=build)
    builder.start()
    pages = corpus_folder.glob(".site.building-*/records/*/index.html")
    deadline = time.monotonic() + 300
    while builder.is_alive() and sum(1 for _ in pages) < 300 and time.monotonic() < deadline:
        time.sleep(0.05)
        pages = corpus_folder.glob(".site.building-*/records/*/index.html")
    with distributed.Client(cluster.scheduler_address) as client:
        victim = next(iter(client.run(os.getpid).values()))
    assert builder.is_alive(), f"the build ended before a worker could be killed: {failure}"
    os.kill(victim, signal.SIGKILL)
    builder.join()
    assert failure == []
    assert _differences(corpus_local, _site_files(corpus_folder / "site")) == []


def test_scheduler_without_dask_says_how_to_install_it(default_folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    result = CliRunner().invoke(
        main, ["build", "-f", str(default_folder / "mkdocs.yml"), "--scheduler", "tcp://x:8786"]
    )
    assert result.exit_code == 1
    assert "pip install 'litsite[dask]'" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
