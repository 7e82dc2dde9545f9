"""Read the event lexicons (data files under ``sahelmap/data/events``).

Every word list and rule table the event extractor uses lives there as a
TSV / JSON file; this module only parses them (cached per process).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

from sahelmap.rxutil import alternation, trie_regex  # noqa: F401 - re-exported for the events modules


def _text(name: str) -> str:
    return files("sahelmap").joinpath("data", "events", name).read_text(encoding="utf-8")


def rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped."""
    out = []
    for line in _text(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append([c.strip() for c in line.split("\t")])
    return out


@lru_cache(maxsize=None)
def load_json(name: str):
    """A JSON data file, parsed."""
    return json.loads(_text(name))


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """One entry per line (first column), comments skipped."""
    return tuple(r[0] for r in rows(name))


@lru_cache(maxsize=None)
def months() -> dict[str, int]:
    """Month name or abbreviation -> month number."""
    out: dict[str, int] = {}
    for num, names in rows("months.tsv"):
        for n in names.split("|"):
            out[n] = int(num)
    return out


@lru_cache(maxsize=None)
def number_words() -> dict[str, int]:
    return {w.lower(): int(v) for w, v in rows("number_words.tsv")}


@lru_cache(maxsize=None)
def multipliers() -> dict[str, int]:
    return {w.lower(): int(v) for w, v in rows("multipliers.tsv")}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive match of a lower-case pattern on it
    is exactly a case-insensitive match on ``text`` (same length, no non-ASCII
    cased character), else None.  Case-sensitive scans are much faster: the
    regex engine can skip ahead to the possible first characters."""
    if not text.isascii():
        for ch in set(_NON_ASCII.findall(text)):
            if ch.lower() != ch or ch.upper() != ch:
                return None
    return text.lower()
