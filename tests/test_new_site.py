"""``litsite new``: the site's workflow installs the litsite the site was made with, pinned, read
from the installed package's PEP 610 ``direct_url.json`` (never a bare ``pip install litsite``,
which installs whatever holds that name on the index)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from litsite.cli import main
from litsite.new_site import InstallSource, create_site, install_source

NAME = "litsite-made-with"


def _installed(tmp_path: Path, monkeypatch, direct_url: dict | None) -> None:
    """A distribution ``NAME`` 2.3.4 on sys.path, installed as ``direct_url`` says."""
    info = tmp_path / "site-packages" / "litsite_made_with-2.3.4.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {NAME}\nVersion: 2.3.4\n")
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url), "utf-8")
    monkeypatch.syspath_prepend(str(info.parent))


def _install_step(folder: Path) -> str:
    workflow = yaml.safe_load((folder / ".github/workflows/site.yml").read_text("utf-8"))
    return workflow["jobs"]["build"]["steps"][2]["run"]


def test_a_git_checkout_is_pinned_to_its_commit(tmp_path: Path, monkeypatch):
    commit = "0123456789abcdef0123456789abcdef01234567"
    url = {"url": "https://git.example.org/lab/litsite.git"}
    _installed(tmp_path, monkeypatch, {**url, "vcs_info": {"vcs": "git", "commit_id": commit}})
    source = install_source(NAME)
    assert source.requirement == f"{NAME} @ git+https://git.example.org/lab/litsite.git@{commit}"
    create_site(tmp_path / "lab", "Lab", source=source)
    assert _install_step(tmp_path / "lab") == f'python -m pip install "{source.requirement}"'


def test_an_index_install_is_pinned_to_its_version(tmp_path: Path, monkeypatch):
    _installed(tmp_path, monkeypatch, None)
    assert install_source(NAME).requirement == f"{NAME}==2.3.4"


def test_an_archive_is_pinned_by_its_hash(tmp_path: Path, monkeypatch):
    archive = {"url": "https://example.org/litsite-2.3.4.tar.gz"}
    _installed(tmp_path, monkeypatch, {**archive, "archive_info": {"hashes": {"sha256": "ab"}}})
    assert install_source(NAME).requirement == f"{NAME} @ {archive['url']}#sha256=ab"


def test_a_local_folder_gives_a_workflow_that_fails_saying_why(tmp_path: Path, monkeypatch):
    _installed(tmp_path, monkeypatch, {"url": "file:///src/litsite", "dir_info": {}})
    source = install_source(NAME)
    assert source.requirement == "" and "file:///src/litsite" in source.problem
    create_site(tmp_path / "lab", "Lab", source=source)
    assert _install_step(tmp_path / "lab").endswith("exit 1")
    assert "file:///src/litsite" in (tmp_path / "lab/.github/workflows/site.yml").read_text()


def test_new_says_when_the_workflow_needs_a_source(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(
        "litsite.new_site.install_source", lambda: InstallSource("", "installed from file:///x")
    )
    result = CliRunner().invoke(main, ["new", str(tmp_path / "lab")])
    assert result.exit_code == 0
    assert "warning: installed from file:///x; set where the site's CI installs" in result.output


def test_the_workflow_uses_the_python_the_site_was_made_with(tmp_path: Path):
    create_site(tmp_path / "lab", "Lab", source=InstallSource("litsite==1.0"))
    workflow = yaml.safe_load((tmp_path / "lab/.github/workflows/site.yml").read_text("utf-8"))
    wanted = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert workflow["jobs"]["build"]["steps"][1]["with"]["python-version"] == wanted
