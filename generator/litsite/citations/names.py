"""Name parts every citation format assembles the same way."""

from __future__ import annotations

from ..model import Person

__all__ = ["full_family"]

#: A particle ending in one of these joins its family name without a space ("d'Alembert",
#: "al-Hakim"), as the CSL specification has it.
_JOINING = ("'", "’", "-", "\u200b")


def full_family(person: Person) -> str:
    """Particles and family name as one sorted-under unit: "van der Berg", "d'Alembert"."""
    out = ""
    for part in (person.dropping_particle, person.non_dropping_particle, person.family):
        if part:
            out = f"{out}{part}" if not out or out.endswith(_JOINING) else f"{out} {part}"
    return out
