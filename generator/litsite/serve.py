"""``litsite serve``: a preview that keeps the site in memory and reloads the browser.

The site is built once into a temporary folder. A watcher compares the files under the records
folder, ``docs_dir``, the theme's ``custom_dir`` and ``mkdocs.yml`` by size, modification time,
inode and change time, four times a second, by path (so a records folder moved away and back,
or deleted and made again, is seen like any other change). A change to records only
re-renders, in place, what it touches (``LitsitePlugin.refresh``: the record's page and
downloads, the listings that show it, home and overviews, the search index); any other change
rebuilds the site with MkDocs. Then open pages reload: each served HTML page gets a
``<script src>`` (a file, so the litsite theme's Content-Security-Policy, which forbids inline
script, allows it) that long-polls the server. SIGTERM and SIGINT remove the temporary folder.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import signal
import tempfile
import threading
import time
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .errors import LitsiteError

__all__ = ["serve_site", "LIVERELOAD"]

log = logging.getLogger("litsite")

#: The reload script's path on the preview server (and its long-poll endpoint's prefix).
LIVERELOAD = "/.litsite-livereload"
_SCRIPT = (
    "(function () {\n"
    "  var epoch = document.currentScript.dataset.epoch;\n"
    "  function poll() {\n"
    f"    fetch('{LIVERELOAD}/' + epoch, {{cache: 'no-store'}})\n"
    "      .then(function (r) { return r.text(); })\n"
    "      .then(function (t) { if (Number(t) > Number(epoch)) location.reload(); else poll(); })\n"
    "      .catch(function () { setTimeout(poll, 1000); });\n"
    "  }\n"
    "  poll();\n"
    "})();\n"
).encode()
#: Seconds between two looks at the watched files.
POLL = 0.25


class _Site:
    """The served folder, its version (epoch) and a lock held while it is rebuilt."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.epoch = 0
        self.changed = threading.Condition()
        self.building = threading.RLock()

    def bump(self) -> None:
        with self.changed:
            self.epoch += 1
            self.changed.notify_all()


def _handler(site: _Site, mount: str):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(site.folder), **kwargs)

        def log_message(self, format: str, *args) -> None:
            log.debug(format, *args)

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == f"{LIVERELOAD}.js":
                return self._send(_SCRIPT, "text/javascript")
            if path.startswith(f"{LIVERELOAD}/"):
                return self._wait(path.rpartition("/")[2])
            if not path.startswith(mount):
                return self.send_error(HTTPStatus.NOT_FOUND)
            relative = posixpath.normpath("/" + path[len(mount) :]).lstrip("/")
            with site.building:
                file = site.folder / relative
                if file.is_dir():
                    if not path.endswith("/"):
                        self.send_response(HTTPStatus.FOUND)
                        self.send_header("Location", path + "/")
                        return self.end_headers()
                    file = file / "index.html"
                try:
                    data = file.read_bytes()
                except OSError:
                    return self.send_error(HTTPStatus.NOT_FOUND)
                epoch = site.epoch
            kind = self.guess_type(str(file))
            if file.suffix == ".html":
                tag = f'<script src="{LIVERELOAD}.js" data-epoch="{epoch}"></script>'.encode()
                before, marker, after = data.rpartition(b"</body>")
                data = before + tag + marker + after if marker else data + tag
            self._send(data, kind)

        def _wait(self, known: str) -> None:
            deadline = time.monotonic() + 30
            with site.changed:
                while str(site.epoch) == known and time.monotonic() < deadline:
                    site.changed.wait(timeout=1)
                epoch = site.epoch
            self._send(str(epoch).encode(), "text/plain")

        def _send(self, data: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int, int, int]]:
    """Every file under ``paths`` by path: size, modification time, inode, change time."""
    found: dict[str, tuple[int, int, int, int]] = {}
    todo = [str(p) for p in paths]
    while todo:
        path = todo.pop()
        try:
            if os.path.isdir(path):
                with os.scandir(path) as entries:
                    todo += [e.path for e in entries if not e.name.startswith(".")]
                continue
            stat = os.stat(path)
        except OSError:
            continue
        found[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
    return found


class _Preview:
    """The MkDocs config and plugin of the current build, and how to build again."""

    def __init__(self, config_file: Path, site: _Site, options: dict, jobs: int) -> None:
        self.config_file = config_file
        self.site = site
        self.options = options
        self.jobs = jobs
        self.config = None

    def full(self) -> None:
        """Build the whole site into the served folder (MkDocs empties it first)."""
        config = load_config(
            config_file=str(self.config_file), site_dir=str(self.site.folder), **self.options
        )
        mount = urlsplit(config.site_url or "/").path or "/"
        host, port = config.dev_addr
        config.site_url = f"http://{host}:{port}{mount}"
        plugin = config.plugins.get("litsite")
        if plugin is not None:
            plugin.jobs = self.jobs
        with self.site.building:
            mkdocs_build(config, serve_url=config.site_url)
        self.config = config

    def watched(self) -> tuple[list[Path], list[Path]]:
        """``(records paths, other paths)`` whose files the preview depends on."""
        config = self.config
        root = Path(config.config_file_path).resolve().parent
        plugin = config.plugins.get("litsite")
        records = [root / plugin.config.records] if plugin is not None else []
        others = [Path(config.config_file_path), Path(config.docs_dir)]
        others += [Path(d) for d in config.theme.dirs if not Path(d).is_relative_to(_PACKAGES)]
        return records, others

    def refresh(self) -> bool:
        """Re-render what a change of records touches; False when MkDocs must build again."""
        plugin = self.config.plugins.get("litsite")
        if plugin is None:
            return False
        with self.site.building:
            return plugin.refresh()


_PACKAGES = Path(__file__).resolve().parents[1]


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """SIGTERM raised like Ctrl-C, so the temporary folder is removed either way."""

    def stop(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve_site(config_file: Path, dev_addr: str | None, open_browser: bool, jobs: int = 0) -> None:
    """Build the site, serve it, and rebuild what changes until Ctrl-C or SIGTERM."""
    folder = Path(tempfile.mkdtemp(prefix="litsite-serve-"))
    try:
        with _terminate_cleanly():
            _serve(
                config_file, folder, {"dev_addr": dev_addr} if dev_addr else {}, open_browser, jobs
            )
    except KeyboardInterrupt:
        log.info("litsite serve stopped")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _serve(config_file: Path, folder: Path, options: dict, open_browser: bool, jobs: int) -> None:
    site = _Site(folder)
    preview = _Preview(config_file, site, options, jobs)
    try:
        preview.full()
    except MkDocsException as exc:
        raise LitsiteError(str(exc).strip() or "the MkDocs build failed") from exc
    host, port = preview.config.dev_addr
    mount = urlsplit(preview.config.site_url).path
    server = ThreadingHTTPServer((host, port), _handler(site, mount))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://{host}:{server.server_address[1]}{mount}"
    log.info(f"serving {url} (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    try:
        _watch(preview, site)
    finally:
        server.shutdown()
        server.server_close()


def _watch(preview: _Preview, site: _Site) -> None:
    records, others = preview.watched()
    seen = (_snapshot(records), _snapshot(others))
    while True:
        time.sleep(POLL)
        now = (_snapshot(records), _snapshot(others))
        if now == seen:
            continue
        started = time.perf_counter()
        try:
            if now[1] != seen[1] or not preview.refresh():
                preview.full()
                records, others = preview.watched()
                now = (_snapshot(records), _snapshot(others))
        except (MkDocsException, LitsiteError) as exc:
            log.error(f"rebuild failed, still serving the last good site: {exc}")
        else:
            site.bump()
            log.info(f"rebuilt in {time.perf_counter() - started:.2f} s; browsers reload")
        seen = now
