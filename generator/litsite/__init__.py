"""litsite: bibliographic records in, a searchable, citable static literature site out."""

from __future__ import annotations

from .errors import ConfigError, LitsiteError, RecordError
from .model import AbstractSection, Language, Link, PartialDate, Person, Record, Source, Topic

__all__ = [
    "AbstractSection",
    "ConfigError",
    "Language",
    "LitsiteError",
    "Link",
    "PartialDate",
    "Person",
    "Record",
    "RecordError",
    "Source",
    "Topic",
]
