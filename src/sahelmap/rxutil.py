"""Regular-expression builders for word lists, shared by the geoparser and the event extractor.

Pure functions of their arguments (no I/O): ``alternation`` (longest first) and
``trie_regex`` (the same language as a character trie, faster for long lists).
"""

from __future__ import annotations

import re

__all__ = ["alternation", "trie_regex"]


def alternation(items) -> str:
    """A regex alternation of literal strings, longest first."""
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
