"""What a built page may contain, checked on the tree an HTML5 parser (html5lib) builds from it,
the way a browser would: scripts, event handlers, link schemes, ``rel`` on external links."""

from __future__ import annotations

import json
import re
from xml.etree.ElementTree import Element

import html5lib

#: A URL scheme as a browser finds it (after dropping tabs, line breaks and leading spaces).
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset", "xlink:href")
#: The theme's empty favicon (``<link rel="icon" href="data:,">``) is the one data: URL.
_THEME_DATA_URL = "data:,"


def parse(text: str) -> Element:
    return html5lib.parse(text, namespaceHTMLElements=False)


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(33))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def problems(tree: Element) -> list[str]:
    """Every script, handler or link a record could have smuggled into a page."""
    found = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "script" and not (
            element.get("type") == "application/ld+json"
            or (element.get("src") and not _scheme(element.get("src")))
        ):
            found.append(f"inline script: {element.get('src')!r} {(element.text or '')[:80]!r}")
        if tag == "script" and element.get("src") and (element.text or "").strip():
            found.append("script with both src and a body")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            url_attribute = name.lower() in _URL_ATTRIBUTES and value != _THEME_DATA_URL
            if url_attribute and _scheme(value) not in ("", "http", "https"):
                found.append(f"<{tag} {name}={value[:60]!r}>")
        if tag in ("iframe", "object", "embed", "base"):
            found.append(f"<{tag}> element")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append("meta refresh")
        if tag == "a" and _scheme(element.get("href") or "") in ("http", "https"):
            rel = set((element.get("rel") or "").split())
            if not {"noopener", "noreferrer"} <= rel:
                found.append(f"external link without noopener noreferrer: {element.get('href')}")
    return found


def json_ld(tree: Element) -> list[dict]:
    """The page's JSON-LD blocks, parsed (a block that is not JSON raises)."""
    return [
        json.loads(element.text or "")
        for element in tree.iter("script")
        if element.get("type") == "application/ld+json"
    ]


def meta(tree: Element, name: str) -> list[str]:
    return [m.get("content") for m in tree.iter("meta") if m.get("name") == name]


def has_csp(tree: Element) -> bool:
    """A Content-Security-Policy meta allowing scripts from the site (or hashed), never inline."""
    for element in tree.iter("meta"):
        if (element.get("http-equiv") or "").lower() == "content-security-policy":
            policy = dict(
                (d.strip().split(" ", 1) + [""])[:2]
                for d in (element.get("content") or "").split(";")
            )
            script = policy.get("script-src", policy.get("default-src", ""))
            return "'self'" in script and "unsafe-inline" not in script and "*" not in script
    return False


def text(tree: Element) -> str:
    """The page's visible text (what a visitor reads), scripts and styles left out."""
    body = tree.find("body")
    parts = []
    for element in (body if body is not None else tree).iter():
        if element.tag in ("script", "style"):
            if element.tail:
                parts.append(element.tail)
            continue
        parts.extend(t for t in (element.text, element.tail) if t)
    return "".join(parts)
