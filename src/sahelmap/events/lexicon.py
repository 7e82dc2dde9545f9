"""Read the event lexicons (data files under ``sahelmap/data/events``).

Every word list and rule table the event extractor uses lives there as a
TSV / JSON file; this module only parses them (cached per process).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files


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


def alternation(items) -> str:
    """A regex alternation of literal strings, longest first."""
    import re

    return "|".join(re.escape(x) for x in sorted(set(items), key=len, reverse=True))


def trie_regex(items, after_first: str = "") -> str:
    r"""A regex matching any of the literal strings, built as a character trie.

    Equivalent to ``alternation(items)`` (longest match preferred) but much
    faster for long word lists: the engine branches on each character instead
    of trying every alternative in turn.  ``after_first`` is inserted right
    after the first character of every branch: a one-character-wide
    lookbehind there (``(?<![\w-].)``) checks the word boundary *before* the
    match while the pattern still opens with a literal, which lets the regex
    engine skip ahead to the possible first characters (a leading lookbehind
    makes it try every position).
    """
    import re

    trie: dict = {}
    for word in set(items):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    if not after_first:
        return build(trie)
    branches = [re.escape(ch) + after_first + build(child) for ch, child in sorted(trie.items()) if ch != ""]
    body = "|".join(branches)
    return f"(?:{body})?" if "" in trie else f"(?:{body})"


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
