"""Writing generated files into the site folder, as they are made.

Each file is written with one ``open``/``write``/``close`` (Python's buffered ``open`` costs
several more system calls per file, and a site has four files per record), and each folder is
made once per process. A file taken over from the previous build is hard-linked (copied across
file systems): the previous site is removed once the new one replaces it, so the two never
share storage for long, and nothing outside ``site/`` holds a page.
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["SiteWriter", "Signature", "signature", "add_to_sitemap"]

#: What identifies a file's content without reading it: size, modification time, inode.
Signature = tuple[int, int, int]
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def signature(path: Path | str) -> Signature | None:
    """``path``'s signature, or None when it is not a regular file."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


class SiteWriter:
    """Writes and links files under one site folder."""

    def __init__(self, site_dir: Path | str) -> None:
        self.site_dir = str(site_dir)
        self._made: set[str] = set()

    def _path(self, relative: str) -> str:
        path = os.path.join(self.site_dir, relative)
        parent = os.path.dirname(path)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        return path

    def write(self, relative: str, data: bytes) -> Signature:
        """Write ``data`` as a new file ``relative`` (a file already there is unlinked, never
        overwritten: it may share its storage with another); return its signature."""
        path = self._path(relative)
        try:
            handle = os.open(path, _FLAGS, 0o644)
        except FileExistsError:
            os.unlink(path)
            handle = os.open(path, _FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            stat = os.fstat(handle)
        except OSError as exc:  # a full disk: name the file (os.write does not)
            raise OSError(exc.errno, exc.strerror, path) from exc
        finally:
            os.close(handle)
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def link(self, source: str, relative: str) -> None:
        """Put the file at ``source`` (the previous site's) at ``relative``."""
        path = self._path(relative)
        try:
            os.link(source, path)
        except FileExistsError:
            os.unlink(path)
            os.link(source, path)
        except OSError:
            shutil.copyfile(source, path)


def add_to_sitemap(site_dir: Path, urls: list[str], lastmod: str) -> None:
    """Add the pages litsite rendered (absolute ``urls``) to MkDocs' ``sitemap.xml`` and its
    ``.gz``, in MkDocs' own entry format: MkDocs lists only the pages it rendered."""
    sitemap = site_dir / "sitemap.xml"
    if not urls or not sitemap.exists():
        return
    entries = "".join(
        f"\n    <url>\n         <loc>{escape(url)}</loc>\n         <lastmod>{lastmod}</lastmod>"
        "\n    </url>"
        for url in urls
    )
    text = sitemap.read_text(encoding="utf-8").replace("</urlset>", f"{entries}\n</urlset>")
    sitemap.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        gz.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
