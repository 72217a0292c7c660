"""Hypothesis strategies: records with arbitrary, and deliberately hostile, text in every field."""

from __future__ import annotations

from hypothesis import strategies as st

from litsite.model import AbstractSection, Language, Link, PartialDate, Person, Record, Topic

#: Payloads aimed at each output context; hypothesis mixes them with arbitrary text.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "{{ config }}",
    "{% include 'x' %}",
    "</script><script>alert(1)</script>",
    "}",
    "{",
    "@comment{",
    "}, title = {x",
    "\\input{/etc/passwd}",
    "\\include{x}",
    "\\immediate\\write18{rm -rf /}",
    "\nER  - \nTY  - JOUR\n",
    "\r\nTI  - injected\r\n",
    "\u2028AU  - Injected\u2029",
    "\x00",
    "\x02\x03",
    "%",
    "#",
    "&amp;",
    "\\",
]

#: Arbitrary text with payloads spliced in.
hostile_text = st.lists(st.one_of(st.text(), st.sampled_from(PAYLOADS)), max_size=4).map("".join)
#: Text with something visible in it (a title that survives clean-up).
hostile_title = hostile_text.filter(lambda t: t.strip() and any(c.isalnum() for c in t))

people = st.builds(
    Person,
    family=hostile_text,
    given=hostile_text,
    suffix=st.one_of(st.just(""), hostile_text),
)
organisations = st.builds(Person, literal=hostile_title)
links = st.builds(
    Link,
    url=st.one_of(hostile_text, hostile_text.map(lambda t: "https://example.org/" + t)),
    kind=st.sampled_from(["publisher", "fulltext", "pdf", "related", "other"]),
    label=hostile_text,
)

records = st.builds(
    Record,
    type=st.sampled_from(["article-journal", "book", "chapter", "thesis", "report", "webpage"]),
    title=hostile_title,
    authors=st.lists(st.one_of(people, organisations), max_size=3),
    editors=st.lists(people, max_size=2),
    container_title=hostile_text,
    collection_title=hostile_text,
    volume=hostile_text,
    issue=hostile_text,
    page=hostile_text,
    edition=hostile_text,
    publisher=hostile_text,
    publisher_place=hostile_text,
    issued=st.one_of(
        st.none(),
        st.builds(PartialDate, year=st.integers(1000, 2100), literal=hostile_text),
    ),
    abstract=st.lists(
        st.builds(AbstractSection, text=hostile_text, label=hostile_text), max_size=2
    ),
    topics=st.lists(st.builds(Topic, term=hostile_title), max_size=3),
    doi=st.one_of(st.just(""), hostile_text.map(lambda t: "10.1000/" + t)),
    links=st.lists(links, max_size=2),
    language=st.one_of(
        st.none(),
        st.builds(Language, code=st.one_of(st.just("en"), hostile_text), name=hostile_text),
    ),
    note=hostile_text,
    extra=st.dictionaries(
        st.sampled_from(["genre", "institution", "medium"]),
        st.lists(hostile_text, min_size=1, max_size=2),
        max_size=2,
    ),
    id=st.just("hostile"),
)
