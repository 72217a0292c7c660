"""Build small litsite sites in a temporary folder, in-process, through MkDocs' public API."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import ROOT, SEED


def make_site(
    folder: Path,
    *,
    records: list[Path] = (SEED,),
    plugin: dict | None = None,
    **settings,
) -> Path:
    """A site folder: mkdocs.yml (litsite theme and plugin), docs/ and content/; returns the yml."""
    (folder / "content").mkdir(parents=True)
    for path in records:
        shutil.copy(path, folder / "content" / path.name)
    shutil.copytree(ROOT / "site_docs", folder / "docs")
    config = {
        "site_name": "Test site",
        "docs_dir": "docs",
        "theme": "litsite",
        "plugins": [{"litsite": {"search": "none", **(plugin or {})}}],
        **settings,
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def build_site(config_file: Path) -> Path:
    """Build with MkDocs; return the site folder."""
    config = load_config(config_file=str(config_file))
    build(config)
    return Path(config.site_dir)


def record_page(site: Path, record_id: str = "pmid-31070229") -> str:
    """A record page's HTML, with or without MkDocs' directory URLs."""
    flat = site / "records" / f"{record_id}.html"
    path = flat if flat.is_file() else site / "records" / record_id / "index.html"
    return path.read_text("utf-8")


def leftovers(folder: Path, name: str = "site") -> list[str]:
    """Names of ``.site.*`` folders left next to ``folder/name`` once the detached process that
    removes a replaced site is done (waits up to 30 s for it)."""
    deadline = time.monotonic() + 30
    while True:
        left = sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)
