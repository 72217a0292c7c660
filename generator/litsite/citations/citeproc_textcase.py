# Derived from citeproc-js 1.4.61 (npm citeproc@2.4.63):
# CSL.Output.Formatters (text-case) and CSL.SKIP_WORDS,
# translated to Python. citeproc-js is licensed CPAL-1.0 OR AGPL-3.0, not MIT: see
# README.md, "Third-party code". To be replaced by litsite's own implementation.
"""citeproc-js's ``text-case`` transforms, so a variable is cased as the reference processor
cases it.

pandoc's citeproc and citeproc-js agree on what title case means but not on its details:
citeproc-js splits words at hyphens, slashes, full stops and brackets as well as spaces, has a
longer list of words it leaves in lower case ("between", "through", "than"…) and capitalises
such a word when it ends the title, leaves a word alone whose first character is not a letter,
and undoes a capital after a quotation mark it cannot pair. ``text_case`` follows
``CSL.Output.Formatters`` of citeproc-js 1.4.61 (npm ``citeproc@2.4.63``, the version the
benchmarks run) step by step, on the variable's raw value with its rich-text markup, as
citeproc-js does before it formats the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["CASES", "text_case", "title_case_applies"]

#: Where citeproc-js splits a value: quotation marks, punctuation, brackets, rich-text tags.
_TAGS = re.compile(
    r"(?:\u2018|\u2019|\u201C|\u201D| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\[|\]|\(|\)"
    r'|<span style="font-variant: small-caps;">|<span class="no(?:case|decor)">|</span>'
    r"|</?(?:i|sc|b|sub|sup)>)"
)
_SPACES = re.compile("[\u00a0\u0020\u2000-\u200b\u205f\u3000]+")
#: Tags that open a span citeproc-js does not change the case of, and what closes them.
_PROTECTING = {
    '<span style="font-variant: small-caps;">': "</span>",
    '<span class="nocase">': "</span>",
    '<span class="nodecor">': "</span>",
    "<sc>": "</sc>",
    "<sub>": "</sub>",
    "<sup>": "</sup>",
}
#: citeproc-js's ``CSL.SKIP_WORDS``, as there (" thru" with its space: it never matches).
_SKIP_WORDS = (
    "about",
    "above",
    "across",
    "afore",
    "after",
    "against",
    "al",
    "along",
    "alongside",
    "amid",
    "amidst",
    "among",
    "amongst",
    "anenst",
    "apropos",
    "apud",
    "around",
    "as",
    "aside",
    "astride",
    "at",
    "athwart",
    "atop",
    "barring",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "but",
    "by",
    "circa",
    "despite",
    "down",
    "during",
    "et",
    "except",
    "for",
    "forenenst",
    "from",
    "given",
    "in",
    "inside",
    "into",
    "lest",
    "like",
    "modulo",
    "near",
    "next",
    "notwithstanding",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "over",
    "per",
    "plus",
    "pro",
    "qua",
    "sans",
    "since",
    "than",
    "through",
    " thru",
    "throughout",
    "thruout",
    "till",
    "to",
    "toward",
    "towards",
    "under",
    "underneath",
    "until",
    "unto",
    "up",
    "upon",
    "versus",
    "vs.",
    "v.",
    "vs",
    "v",
    "via",
    "vis-à-vis",
    "with",
    "within",
    "without",
    "according to",
    "ahead of",
    "apart from",
    "as for",
    "as of",
    "as per",
    "as regards",
    "aside from",
    "back to",
    "because of",
    "close to",
    "due to",
    "except for",
    "far from",
    "inside of",
    "instead of",
    "near to",
    "next to",
    "on to",
    "out from",
    "out of",
    "outside of",
    "prior to",
    "pursuant to",
    "rather than",
    "regardless of",
    "such as",
    "that of",
    "up to",
    "where as",
    "or",
    "yet",
    "so",
    "for",
    "and",
    "nor",
    "a",
    "an",
    "the",
    "de",
    "d'",
    "von",
    "van",
    "c",
    "ca",
)
# citeproc-js builds this from its list as a JavaScript RegExp; here written the same way.
_SKIP = re.compile(r"(?:(?:[?!:]*\s+|-|^)(?:" + "|".join(_SKIP_WORDS) + r")(?=[!?:]*\s+|-|$))")
_CAPITALISABLE = re.compile(r"(\s*)([^\n\r\u2028\u2029])([^\n\r\u2028\u2029]*)")


def _units(text: str) -> int:
    """JavaScript's ``length``: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _capitalise(word: str) -> str:
    found = _CAPITALISABLE.match(word)
    if found and not (re.match("^[\u0370-\u03ff]$", found.group(2)) and not found.group(3)):
        return found.group(1) + found.group(2).upper() + found.group(3)
    return word


@dataclass
class _Split:
    """citeproc-js's ``Doppeler`` split: strings between tags, the tags, the strings as split."""

    strings: list[str]
    tags: list[str]
    original: list[str] = field(default_factory=list)

    def join(self) -> str:
        out = [self.strings[0]]
        for tag, string in zip(self.tags, self.strings[1:], strict=True):
            out += [tag, string]
        return "".join(out)


def _split_tags(value: str) -> _Split:
    value = re.sub(r'(<span)\s+(class="no(?:case|decor)")[^>]*(>)', r"\1 \2\3", value)
    value = re.sub(
        r'(<span)\s+(style="font-variant:)\s*(small-caps);?(")[^>]*(>)', r"\1 \2 \3;\4\5", value
    )
    tags = _TAGS.findall(value)
    strings = _TAGS.split(value)
    for i in range(len(tags) - 1, -1, -1):
        if tags[i] == "'" and strings[i + 1]:
            # An apostrophe inside a word stays with the word.
            strings[i + 1] = "'" + strings[i + 1]
            tags[i] = ""
    return _Split(strings, tags, list(strings))


def _split_words(text: str) -> tuple[list[str], list[str]]:
    return _SPACES.split(text), _SPACES.findall(text)


def _join_words(words: list[str], spaces: list[str]) -> str:
    out = [words[0]]
    for space, word in zip(spaces, words[1:], strict=True):
        out += [space, word]
    return "".join(out)


@dataclass
class _State:
    """One run of citeproc-js's ``_textcaseEngine``."""

    capitalise_words: Callable[[_State, str, int, object], str]
    quotes: bool = True
    after_punctuation: bool | None = False
    first: bool | None = True
    skip: re.Pattern[str] | None = None
    last_word: tuple[int, int] | None = None
    quote_stack: list[dict[str, object]] = field(default_factory=list)


_QUOTES = {
    ' "': (" '", '"'),
    " '": (' "', "'"),
    "\u2018": ("\u2018", "\u2019"),
    "\u201c": ("\u201c", "\u201d"),
}
_QUOTE_TAG = re.compile("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)")


def _quote_fix(state: _State, tag: str, position: int) -> int | None:
    """Track quotation marks; the position of a string to restore when they do not pair."""
    found = _QUOTE_TAG.search(tag)
    if not found:
        return None
    tag = found.group(1)
    stack = state.quote_stack
    if tag in ("\u201c", "\u2018", ' "', " '"):
        opener, closer = _QUOTES[tag]
        if not stack or tag == stack[-1]["opener"]:
            stack.append({"opener": opener, "closer": closer, "pos": position})
            return None
        previous = stack.pop()["pos"]
        # citeproc-js records this opener without a position (it is never restored).
        stack.append({"opener": opener, "closer": closer, "pos": None})
        return previous  # type: ignore[return-value]
    if stack and tag == stack[-1]["closer"]:
        stack.pop()
        return None
    return position


def _engine(state: _State, value: str) -> str:
    if not value:
        return ""
    split = _split_tags(value)
    strings = split.strings
    if strings and strings[0].strip():
        strings[0] = state.capitalise_words(
            state, strings[0], 0, split.tags[0] if split.tags else None
        )
    protected: list[str] = []
    for i, tag in enumerate(split.tags):
        text = strings[i + 1]
        if tag in _PROTECTING:
            protected.append(_PROTECTING[tag])
        elif protected and tag == protected[-1]:
            protected.pop()
        if state.after_punctuation is not None and re.search(r"[!?:]$", tag):
            state.after_punctuation = True
        if not protected:
            # citeproc-js passes its split object where the next tag is meant: never "-".
            strings[i + 1] = state.capitalise_words(state, text, i + 1, split)
        elif strings[i + 1].strip():
            state.last_word = None
        if state.quotes:
            restore = _quote_fix(state, tag, i)
            if restore is not None:
                strings[restore + 1] = split.original[restore + 1][:1] + strings[restore + 1][1:]
                state.last_word = None
        if state.first and text.strip():
            state.first = False
        if state.after_punctuation and text.strip():
            state.after_punctuation = False
    if state.quotes:
        for entry in state.quote_stack:
            if entry["pos"] is not None:
                at = int(entry["pos"]) + 1  # type: ignore[call-overload]
                strings[at] = split.original[at][:1] + strings[at][1:]
    if state.last_word is not None and state.skip is not None:
        at, word_at = state.last_word
        words, spaces = _split_words(strings[at])
        last = words[word_at]
        if _units(last) > 1 and state.skip.search(last.lower()):
            words[word_at] = _capitalise(last)
        strings[at] = _join_words(words, spaces)
    return split.join()


def _title_words(state: _State, text: str, at: int, following: object) -> str:
    if not text.strip():
        return text
    words, spaces = _split_words(text)
    for j, word in enumerate(words):
        if not word:
            continue
        lower = word.lower()
        capitalise = (
            (_units(word) > 1 and not (state.skip and state.skip.search(lower)))
            or (j == len(words) - 1 and following == "-")
            or bool(state.first)
            or bool(state.after_punctuation)
        )
        if capitalise and word == lower:
            words[j] = _capitalise(word)
        state.after_punctuation = False
        state.first = False
        state.last_word = (at, j)
    return _join_words(words, spaces)


def _first_word(state: _State, text: str, at: int, following: object) -> str:
    words, spaces = _split_words(text)
    for j, word in enumerate(words):
        if word and state.first:
            if word == word.lower():
                words[j] = _capitalise(word)
            state.first = False
            break
    return _join_words(words, spaces)


def _every_word(state: _State, text: str, at: int, following: object) -> str:
    words, spaces = _split_words(text)
    words = [_capitalise(w) if w and w == w.lower() else w for w in words]
    return _join_words(words, spaces)


def _sentence_words(state: _State, text: str, at: int, following: object) -> str:
    words = text.split(" ")
    for j, word in enumerate(words):
        if word:
            if state.first:
                words[j] = _capitalise(word)
                state.first = False
            else:
                words[j] = word.lower()
    return " ".join(words)


def _cased(change: Callable[[str], str]) -> Callable[[_State, str, int, object], str]:
    return lambda state, text, at, following: " ".join(
        change(w) if w else w for w in text.split(" ")
    )


#: ``text-case`` value -> how citeproc-js sets up its engine for it.
CASES: dict[str, Callable[[], _State]] = {
    "title": lambda: _State(_title_words, skip=_SKIP),
    "capitalize-first": lambda: _State(_first_word, after_punctuation=None),
    "capitalize-all": lambda: _State(_every_word, after_punctuation=None, first=None),
    "sentence": lambda: _State(_sentence_words, after_punctuation=None),
    "lowercase": lambda: _State(
        _cased(str.lower), quotes=False, after_punctuation=None, first=None
    ),
    "uppercase": lambda: _State(
        _cased(str.upper), quotes=False, after_punctuation=None, first=None
    ),
}


def text_case(value: str, case: str) -> str:
    """``value`` (CSL rich text) in the ``text-case`` ``case``, as citeproc-js writes it."""
    return _engine(CASES[case](), value)


def title_case_applies(item: dict[str, object], default_locale: str) -> bool:
    """citeproc-js title-cases a variable only in English: the item's ``language`` (its first
    two letters, whatever follows) or, without one, ``default_locale`` (the style's own, else
    the locale it renders in); never with a ``jurisdiction``."""
    if item.get("jurisdiction"):
        return False
    language = item.get("language")
    if language:
        found = re.match(r"^([a-zA-Z]{2})", str(language))
        return bool(found) and found.group(1).lower() == "en"
    return default_locale[:2].lower() == "en"
