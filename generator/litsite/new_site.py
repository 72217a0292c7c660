"""``litsite new DIR``: a minimal site that builds, with a workflow that publishes it."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

from .errors import ConfigError

__all__ = ["create_site", "install_source", "InstallSource"]

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
#: Scaffold file -> where it goes in the new site.
FILES = {
    "sample.json": "content/sample.json",
    "SOURCES.md": "content/SOURCES.md",
    "about.md": "docs/about.md",
}
WORKFLOW = ".github/workflows/site.yml"


@dataclass
class InstallSource:
    """How the site's CI installs litsite: a pinned pip requirement, or (``requirement`` empty)
    why it cannot be told."""

    requirement: str
    problem: str = ""


def install_source(distribution: str = "litsite") -> InstallSource:
    """The litsite this process runs, as a pinned requirement, from its PEP 610
    ``direct_url.json``: a VCS checkout -> ``git+URL@COMMIT``, an archive -> its URL and hash,
    an index -> ``litsite==VERSION``; a local folder (an editable install) cannot be pinned."""
    dist = metadata.distribution(distribution)
    text = dist.read_text("direct_url.json")
    if not text:
        return InstallSource(f"{distribution}=={dist.version}")
    direct = json.loads(text)
    url = direct.get("url", "")
    subdirectory = f"#subdirectory={direct['subdirectory']}" if direct.get("subdirectory") else ""
    if vcs := direct.get("vcs_info"):
        return InstallSource(
            f"{distribution} @ {vcs['vcs']}+{url}@{vcs['commit_id']}{subdirectory}"
        )
    if (archive := direct.get("archive_info")) is not None and not url.startswith("file:"):
        hashes = archive.get("hashes") or {}
        pinned = next((f"#{name}={value}" for name, value in sorted(hashes.items())), "")
        return InstallSource(f"{distribution} @ {url}{pinned or subdirectory}")
    return InstallSource(
        "", f"litsite was installed from a local folder or file ({url}) that CI cannot reach"
    )


def _install_steps(source: InstallSource) -> str:
    """The workflow's install step: the pinned requirement, or a step that fails, saying why."""
    if source.requirement:
        return (
            "      # The litsite this site was made with (pinned: `litsite new` read it from\n"
            "      # the installed package's direct_url.json or version).\n"
            f"      - run: python -m pip install {json.dumps(source.requirement)}"
        )
    return (
        f"      # {source.problem}.\n"
        "      # Replace this step with one that installs litsite from where it is published,\n"
        '      # pinned, e.g. python -m pip install "litsite @ git+https://HOST/OWNER/litsite@COMMIT"\n'
        "      - run: echo 'set where litsite is installed from in .github/workflows/site.yml'"
        " && exit 1"
    )


def create_site(
    folder: Path, site_name: str, language: str = "en", source: InstallSource | None = None
) -> tuple[list[Path], InstallSource]:
    """Write the new site's files into ``folder`` (new or empty); return what was written and
    how its workflow installs litsite (``source``: default, the running litsite)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfigError(f"{folder}: exists and is not an empty folder")
    source = source or install_source()
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
    for source_file, target in FILES.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCAFFOLD / source_file, path)
        written.append(path)
    workflow = (SCAFFOLD / "site.yml").read_text("utf-8")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    workflow = workflow.replace("{python}", python).replace("{install}", _install_steps(source))
    (folder / WORKFLOW).parent.mkdir(parents=True, exist_ok=True)
    (folder / WORKFLOW).write_text(workflow, "utf-8")
    (folder / ".gitignore").write_text("site/\n.litsite-cache/\n", "utf-8")
    return [*written, folder / WORKFLOW, folder / ".gitignore"], source
