"""Topics by scheme: MeSH headings, MeSH check tags, keywords, LCSH… each its own group.

A record's topics come from several vocabularies at once (a PubMed record has MeSH headings,
MeSH check tags and the authors' keywords); mixing them in one list hides which is a controlled
heading and which a free word. The record page and the topic index both group by ``TOPIC_GROUPS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import N_, messages
from ..model import Record, Topic

__all__ = ["TOPIC_GROUPS", "CHECK_TAGS", "topic_group", "group_title", "topic_groups"]

#: Group id -> heading (a msgid), in the order pages show them.
TOPIC_GROUPS = {
    "mesh": N_("MeSH terms"),
    "mesh-check": N_("MeSH check tags"),
    "keyword": N_("Keywords"),
    "lcsh": N_("Library of Congress subject headings"),
    "lcshac": N_("Library of Congress children's subject headings"),
    "subject": N_("Subjects"),
    "genre": N_("Genre/form"),
    "geographic": N_("Places"),
    "era": N_("Periods"),
}
#: Scheme a reader writes -> group, where they differ.
_SCHEME_GROUPS = {"vufind": "subject", "topic": "subject", "local": "subject"}
#: NLM's check tags: MeSH headings indexers add to nearly every record of their kind (species,
#: sex, age groups, pregnancy, historical periods). They say who was studied, not what about.
CHECK_TAGS = frozenset(
    {
        *"animals|humans|female|male|pregnancy|cats|cattle|chick embryo|dogs|guinea pigs".split(
            "|"
        ),
        *"cricetinae|mice|rats|rabbits|sheep|swine|horses|haplorhini|infant|child".split("|"),
        *"infant, newborn|child, preschool|adolescent|young adult|adult|middle aged".split("|"),
        *"aged|aged, 80 and over|history, ancient|history, medieval".split("|"),
        *(f"history, {n} century" for n in ("15th", "16th", "17th", "18th", "19th", "20th")),
        "history, 21st century",
        "history, early modern 1451-1600",
    }
)


def _check_tag(term: str) -> bool:
    return " ".join(term.casefold().split()) in CHECK_TAGS


def topic_group(topic: Topic) -> str:
    """The group a topic is shown in: its scheme, MeSH check tags apart."""
    if topic.scheme == "mesh" and not topic.qualifiers and _check_tag(topic.term):
        return "mesh-check"
    return _SCHEME_GROUPS.get(topic.scheme, topic.scheme or "keyword")


def group_title(group: str, language: str) -> str:
    """``MeSH terms`` / ``Términos MeSH``; an unknown scheme as ``Subjects (FAST)``."""
    gettext = messages(language).gettext
    if group in TOPIC_GROUPS:
        return gettext(TOPIC_GROUPS[group])
    return gettext("Subjects (%(scheme)s)") % {"scheme": group.upper()}


def group_order(group: str) -> tuple[int, str]:
    """Known groups in ``TOPIC_GROUPS`` order, then the others by name."""
    order = list(TOPIC_GROUPS)
    return (order.index(group), "") if group in order else (len(order), group)


@dataclass(frozen=True)
class TopicView:
    """A topic as a record page lists it."""

    term: str
    url: str | None
    qualifiers: str
    major: bool


def topic_groups(
    record: Record, term: Callable[[str, str], str | None], language: str
) -> list[tuple[str, list[TopicView]]]:
    """``(heading, topics)`` per group the record has, groups in their fixed order."""
    groups: dict[str, list[TopicView]] = {}
    for topic in record.topics:
        if not topic.term.strip():
            continue
        view = TopicView(
            topic.term, term("topics", topic.term), ", ".join(topic.qualifiers), topic.major
        )
        groups.setdefault(topic_group(topic), []).append(view)
    return [(group_title(g, language), groups[g]) for g in sorted(groups, key=group_order)]
