"""``litsite new DIR``: a minimal site that builds, with a workflow that publishes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .errors import ConfigError

__all__ = ["create_site"]

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
#: Scaffold file -> where it goes in the new site.
FILES = {
    "sample.json": "content/sample.json",
    "SOURCES.md": "content/SOURCES.md",
    "about.md": "docs/about.md",
    "site.yml": ".github/workflows/site.yml",
}


def create_site(folder: Path, site_name: str, language: str = "en") -> list[Path]:
    """Write the new site's files into ``folder`` (new or empty); return what was written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfigError(f"{folder}: exists and is not an empty folder")
    settings = {
        "site_name": site_name,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": False,
        "theme": "litsite",
        "plugins": [{"litsite": {"records": "content", "search": "litsite", "language": language}}],
    }
    written = [folder / "mkdocs.yml"]
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)
    written[0].write_text("# A litsite site: `litsite build` or `mkdocs build`.\n" + text, "utf-8")
    for source, target in FILES.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCAFFOLD / source, path)
        written.append(path)
    (folder / ".gitignore").write_text("site/\n.litsite-cache/\n", "utf-8")
    return [*written, folder / ".gitignore"]
