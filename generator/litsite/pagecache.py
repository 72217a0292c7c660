"""Generated files whose inputs did not change are not rendered again: the previous output is
linked into the new site.

A file's key is a digest of everything its bytes depend on: for pages, what every page shares
(litsite's own files, the theme's files, ``mkdocs.yml``, the docs files, the navigation) plus
the page's own inputs (``SitePlan.fingerprint``); for downloads, their text. Outputs are kept in
``.litsite-cache/pages/`` next to ``mkdocs.yml``, named by key, as hard links of the built files
(no extra disk space; a copy where a hard link is not possible), so a key names one output for
as long as it exists and nothing else needs to be remembered between builds.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["PageCache", "digest", "files_digest", "add_to_sitemap", "write_texts", "reuse_folder"]

LITSITE = Path(__file__).resolve().parent


def digest(*parts: str | bytes) -> str:
    """A short hex digest of ``parts`` (blake2b: fast, and collisions are not a concern)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def files_digest(folders: Iterable[Path | str]) -> str:
    """Names, sizes and modification times of every file under ``folders`` (litsite, theme):
    editing any of them changes every page's key."""
    rows = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                rows.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return digest("\n".join(rows))


class PageCache:
    """The content-addressed store of built files in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.present = set(os.listdir(folder))
        self.used: set[str] = set()
        self._made: set[str] = set()

    def has(self, key: str) -> bool:
        if key in self.present:
            self.used.add(key)
            return True
        return False

    def restore(self, key: str, dest: Path) -> None:
        """Put the output stored under ``key`` at ``dest`` in the new site."""
        self.parent(dest)
        _link(self.folder / key, dest)

    def keep(self, key: str, built: Path) -> None:
        """Store a file this build wrote under its key (once)."""
        self.used.add(key)
        if key not in self.present and built.exists():
            _link(built, self.folder / key)
            self.present.add(key)

    def prune(self) -> int:
        """Remove outputs this build did not use (deleted records, old versions of pages)."""
        stale = self.present - self.used
        for key in stale:
            (self.folder / key).unlink(missing_ok=True)
        self.present -= stale
        return len(stale)

    def parent(self, dest: Path) -> None:
        """Make ``dest``'s folder, once per build (a mkdir costs about half a millisecond on a
        shared VM's file system; one per file was a sixth of a build)."""
        parent = str(dest.parent)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)


def write_texts(site: Path, texts: Iterable[tuple[str, str]], cache: PageCache) -> int:
    """Write ``(uri, text)`` files (downloads) into ``site``, linking those the cache holds;
    return how many were linked rather than written."""
    linked = 0
    for uri, text in texts:
        dest = site / uri
        key = digest(text)
        if cache.has(key):
            cache.restore(key, dest)
            linked += 1
            continue
        cache.parent(dest)
        dest.write_text(text, encoding="utf-8")
        cache.keep(key, dest)
    return linked


def reuse_folder(store: Path, key: str, target: Path, build: Callable[[Path], object]) -> bool:
    """Link the folder kept in ``store`` under ``key`` into ``target`` (the search index when
    no record's searchable text changed), or ``build`` it there and keep it in place of the
    one kept before; return whether it was reused."""
    kept = store / key
    if kept.is_dir():
        _link_tree(kept, target)
        return True
    build(target)
    shutil.rmtree(store, ignore_errors=True)
    _link_tree(target, kept)
    return False


def _link_tree(source: Path, target: Path) -> None:
    for folder, _, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            _link(Path(folder, name), into / name)


def _link(source: Path, target: Path) -> None:
    """Hard-link ``source`` as ``target`` (replacing it), or copy it across file systems."""
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def add_to_sitemap(site_dir: Path, urls: list[str]) -> None:
    """List pages that were linked in rather than rendered in MkDocs' ``sitemap.xml`` (and its
    ``.gz``), which only lists the pages MkDocs rendered."""
    sitemap = site_dir / "sitemap.xml"
    if not urls or not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    entries = "".join(f"\n    <url>\n         <loc>{escape(url)}</loc>\n    </url>" for url in urls)
    text = text.replace("</urlset>", f"{entries}\n</urlset>")
    sitemap.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        gz.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
