"""Which legacy 8-bit encoding text is in, where that can be told reliably.

Text that is not UTF-8 is read as Windows-1252 (Western European), unless it reads as Cyrillic
in Windows-1251 or KOI8-R: Russian and Ukrainian databases (eLIBRARY, national catalogues) still
export so, and Cyrillic letters and Western accented letters occupy the same bytes. A guess is
accepted only when charset-normalizer prefers a Cyrillic code page, nearly every non-ASCII
letter it gives is Cyrillic and no word mixes Cyrillic and Latin letters; telling the Latin
code pages (1250, 1252, 1257) apart is not reliable on a few accented words, so it is not
attempted.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

__all__ = ["CYRILLIC_ENCODINGS", "cyrillic_encoding"]

#: Cyrillic code pages litsite recognises, with their names for messages.
CYRILLIC_ENCODINGS = {"cp1251": "Windows-1251", "koi8_r": "KOI8-R"}
#: Share of non-ASCII letters that must be Cyrillic for a Cyrillic guess to stand.
_CYRILLIC_SHARE = 0.9


def cyrillic_encoding(data: bytes) -> str:
    """``cp1251`` or ``koi8_r`` when ``data`` is Cyrillic text in that code page, else ``""``."""
    guess = from_bytes(data[:65536], cp_isolation=["cp1252", *CYRILLIC_ENCODINGS]).best()
    if guess is None or guess.encoding not in CYRILLIC_ENCODINGS:
        return ""
    text = str(guess)
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    cyrillic = sum(_is_cyrillic(c) for c in letters)
    if not letters or cyrillic < _CYRILLIC_SHARE * len(letters):
        return ""
    # Latin text misread ("naïve" as "naпve") mixes scripts inside words; Russian does not.
    mixed = any(
        any(_is_cyrillic(c) for c in word) and any(c.isascii() and c.isalpha() for c in word)
        for word in re.findall(r"\w+", text)
    )
    return "" if mixed else guess.encoding


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"
