"""Name normalisation shared by the gazetteer build, gazetteer lookups and the geoparser.

``normalize_name`` maps every spelling variant that should match the same
gazetteer entry to one key: casefolded, without diacritics, with one kind of
apostrophe, hyphens and dashes as spaces, no periods ("U.S." -> "us"), single
spaces, and no trailing possessive ("Mali's" -> "mali").

``case_key`` is the same key without casefolding; it is used to check
case-sensitive abbreviations ("US" matches, "us" does not).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["case_key", "has_non_latin", "normalize_name", "strip_diacritics", "tokens"]

# Apostrophe look-alikes -> ASCII apostrophe.
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u02bb\u02b9\u2032\u00b4`\u201b\uff07"), "'")
# Hyphens and dashes -> space (so "sub-Saharan" == "sub Saharan").
_DASHES = dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), " ")
_TABLE = {**_APOSTROPHES, **_DASHES, ord("."): None, ord("\u00a0"): " "}
# Letters NFKD does not decompose into base + combining mark.
_SPECIAL = str.maketrans({"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                          "ɔ": "o", "Ɔ": "O", "ɛ": "e", "Ɛ": "E", "ŋ": "n", "Ŋ": "N",
                          "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ɗ": "d",
                          "Ɗ": "D", "ɓ": "b", "Ɓ": "B", "ƙ": "k", "Ƙ": "K", "ƴ": "y", "Ƴ": "Y"})
_POSSESSIVE = re.compile(r"(?<=\w)'[sS]?$")


def strip_diacritics(s: str) -> str:
    """``s`` without combining marks ("Ségou" -> "Segou", "Côte" -> "Cote")."""
    decomposed = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    # Translate again: NFKD can expose a special letter ("ǣ" -> "æ" + macron).
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL)


@lru_cache(maxsize=200_000)
def case_key(s: str) -> str:
    """Normalised form of ``s`` that keeps letter case (for abbreviations)."""
    if not s.isascii():
        s = strip_diacritics(s)
    s = " ".join(s.translate(_TABLE).split())
    while s.endswith(("'s", "'S", "'")):  # until none is left: the key must be idempotent
        stripped = _POSSESSIVE.sub("", s).rstrip()
        if stripped == s:
            break
        s = stripped
    return s


@lru_cache(maxsize=200_000)
def normalize_name(s: str) -> str:
    """The lookup key of a place name: ``"Côte d’Ivoire's"`` -> ``"cote d'ivoire"``."""
    key = case_key(s).casefold()
    # casefold can produce letters the table maps ("Ð" -> "ð"), so fold again.
    return key if key.isascii() else case_key(key)


def tokens(s: str) -> list[str]:
    """Tokens of a normalised name (the unit of ``Gazetteer.max_name_tokens``)."""
    return normalize_name(s).split()


_LATIN_OK = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u0300-\u036f\u2018-\u201f\u02bb\u02bc]*$")


def has_non_latin(s: str) -> bool:
    """True when ``s`` has characters outside the Latin script (Arabic, N'Ko, Cyrillic, ...)."""
    return _LATIN_OK.match(s) is None
