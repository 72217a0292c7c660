"""The plugin's ``fields`` option: a site owner's changes to the record pages' field table,
checked before any page is made (a wrong key, renderer or language names itself)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .fields import FIELDS, KNOWN_KEYS, RENDERERS, Field

__all__ = ["FieldError", "configure"]


class FieldError(ValueError):
    """A site owner's ``fields`` option that names an unknown field or renderer."""


def _known_key(key: str) -> bool:
    family, _, name = key.partition(":")
    return (family in {"extra", "id"} and bool(name.strip())) or key in KNOWN_KEYS


def configure(option: Mapping[str, Any] | None, languages: Iterable[str]) -> tuple[Field, ...]:
    """The table with a site owner's changes applied; raise ``FieldError`` naming what is wrong.

    ``option`` is ``{"hide": [key, …], "show": [{"key", "label", "render", "after"}, …]}``.
    """
    option = dict(option or {})
    unknown = set(option) - {"hide", "show"}
    if unknown:
        raise FieldError(f"unknown setting {sorted(unknown)[0]!r} (use 'hide' and 'show')")
    table = list(FIELDS)
    shown_keys = [f.key for f in table if f.shown]
    for key in _strings(option.get("hide", []), "hide"):
        if key not in shown_keys:
            raise FieldError(f"hide: {key!r} is not a field record pages show")
        table = [f for f in table if f.key != key]
    for number, spec in enumerate(option.get("show") or [], 1):
        row, after = _new_row(spec, number, set(languages))
        if any(f.key == row.key and f.shown for f in table):
            raise FieldError(f"show {number}: {row.key!r} is already shown")
        table = [f for f in table if f.key != row.key]
        keys = [f.key for f in table]
        if after and after not in keys:
            raise FieldError(f"show {number}: after: {after!r} is not a field of the table")
        table.insert(keys.index(after) + 1 if after else len(keys), row)
    return tuple(table)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(f"{where}: expected a list of field keys")
    return value


def _new_row(spec: Any, number: int, languages: set[str]) -> tuple[Field, str]:
    where = f"show {number}"
    if not isinstance(spec, Mapping):
        raise FieldError(f"{where}: expected a mapping with 'key' and 'label'")
    extra = set(spec) - {"key", "label", "render", "after"}
    if extra:
        raise FieldError(f"{where}: unknown setting {sorted(extra)[0]!r}")
    key = spec.get("key")
    if not isinstance(key, str) or not _known_key(key):
        raise FieldError(
            f"{where}: key {key!r} is neither a CSL variable nor 'extra:<label>' or 'id:<system>'"
        )
    render = spec.get("render", "text")
    if render not in RENDERERS:
        raise FieldError(f"{where}: render {render!r} is not one of {', '.join(RENDERERS)}")
    label = spec.get("label")
    if isinstance(label, Mapping):
        if not label or not all(isinstance(v, str) and v for v in label.values()):
            raise FieldError(f"{where}: label: expected text for each language")
        if strange := set(label) - languages:
            raise FieldError(f"{where}: label: {sorted(strange)[0]!r} is not an interface language")
    elif not isinstance(label, str) or not label.strip():
        raise FieldError(f"{where}: label: expected text, or text per language")
    after = spec.get("after", "")
    if not isinstance(after, str):
        raise FieldError(f"{where}: after: expected a field key")
    return Field(key, dict(label) if isinstance(label, Mapping) else label, render), after
