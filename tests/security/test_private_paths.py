"""No path of the machine that built or imported a site is published (issue: private data)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import DATA, SEED
from tests.site_helpers import build_site, make_site
from tests.test_cli import litsite


def test_no_absolute_path_in_any_built_page_or_download(tmp_path: Path):
    """Records imported from an absolute path outside the site, and an export inside it, built
    from an absolute mkdocs.yml path: no file of the built site holds the folder's path."""
    config = make_site(tmp_path / "site", records=[SEED])
    export = tmp_path / "exports" / "written.bib"
    export.parent.mkdir()
    export.write_bytes((DATA / "bibtex" / "written.bib").read_bytes())
    into = tmp_path / "site" / "content" / "records"
    litsite("import", str(export), "--into", str(into))
    assert len(list(into.glob("*.yaml"))) == 3
    site = build_site(config)
    leaks = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and str(tmp_path).encode() in p.read_bytes()
    ]
    assert (len(list(site.rglob("*.json"))) > 3, leaks) == (True, [])


def test_record_page_download_names_its_sources_by_site_path(tmp_path: Path):
    config = make_site(tmp_path / "site", records=[SEED])
    site = build_site(config)
    download = yaml.safe_load((site / "records" / "pmid-31070229.json").read_text("utf-8"))
    assert [s["path"] for s in download["custom"]["sources"]] == [
        "content/000_c1a4e26e8422d127.txt"
    ]
