"""Recognise actors (states, forces, missions, armed groups) in text.

``find_actors(text)`` returns non-overlapping :class:`ActorHit` records, in
text order, for four surface forms, all read from ``data/events``:

* a name or alias from ``actors.tsv`` ("Britain", "MINUSMA", "Moscow" as the
  capital standing for its government, "the Malian army");
* a demonym followed by a force noun ("British troops", "the British
  contingent", "Russian military trainers") -> that demonym's state;
* a plural people form ("the French", "the Russians") -> that state
  (``form="people"``, which the extractor may re-read as an organisation);
* nothing else: "French-led" / "Russian-backed" modifiers are not actors.

``canonical_actor(name)`` maps any alias or canonical name to the canonical
name (used by the scorer), ``actor_info(canonical)`` gives kind and country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sahelmap.events.lexicon import alternation, rows, trie_regex, words


@dataclass(frozen=True, slots=True)
class ActorHit:
    canonical: str
    kind: str  # country | org | un_mission | un_generic | armed_group
    country: str | None  # ISO2 of the state behind the actor, if any
    start: int
    end: int
    text: str
    form: str  # "name" | "demonym" | "people"


@dataclass(frozen=True, slots=True)
class ActorInfo:
    canonical: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]


def _variants(alias: str) -> set[str]:
    out = {alias}
    if "'" in alias:
        out.add(alias.replace("'", "’"))
    if "’" in alias:
        out.add(alias.replace("’", "'"))
    return out


# "Not preceded by a word character or hyphen", checked after the first character.
_START = r"(?<![\w-].)"


@lru_cache(maxsize=1)
def _table():
    infos: dict[str, ActorInfo] = {}
    surface: dict[str, str] = {}
    for row in rows("actors.tsv"):
        canon, kind, iso2, aliases = (row + ["", "", "", ""])[:4]
        al = tuple(a for a in aliases.split("|") if a)
        infos[canon] = ActorInfo(canon, kind, iso2 or None, al)
        for a in (canon, *al):
            for v in _variants(a):
                surface.setdefault(v, canon)
    demonyms: dict[str, str] = {}
    people: dict[str, str] = {}
    for dem, ppl, canon in rows("demonyms.tsv"):
        demonyms[dem] = canon
        people[ppl] = canon
    nouns = words("force_nouns.tsv")
    mods = words("force_modifiers.tsv")
    # Two scans (capitalised / lower-case aliases) let the regex engine skip
    # ahead on the first character, which is much faster than one big scan.
    upper = [a for a in surface if a[:1].isupper()]
    lower = [a for a in surface if not a[:1].isupper()]
    # The word-boundary check before a name sits after its first character
    # (``_START``) so that each scan can skip to the possible first letters.
    # ("Islamic State-linked insurgents": an affiliation suffix keeps the name.)
    end = rf"(?:(?![\w-])|(?=-(?:{alternation(words('affiliation_suffixes.tsv'))})(?![\w-])))"
    name_rx = (
        re.compile(rf"{trie_regex(upper, _START)}{end}"),
        re.compile(rf"{trie_regex(lower, _START)}(?![\w-])"),
    )
    # The few lower-case aliases open with common letters, which defeats the
    # regex engine's skip-ahead: ``_literal_finditer`` finds the same matches
    # with one ``str.find`` scan per alias.
    name_rx = (name_rx[0], tuple(sorted(lower)))
    dem_rx = re.compile(
        rf"(?P<d>{trie_regex(demonyms, _START)})(?![\w-])"
        rf"(?P<mid>(?:\s+[“\"‘']?(?:{alternation(mods)})[”\"’']?){{0,2}}?)"
        rf"\s+[“\"‘']?(?P<n>{trie_regex(nouns)})(?![\w-])"
    )
    ppl_rx = re.compile(rf"(?P<the>[Tt](?<!\w.)he)\s+(?P<p>{alternation(people)})(?![\w-])")
    # A demonym coordinated before a demonym force phrase shares its noun: "French and American forces".
    dem_before = re.compile(rf"(?<![\w-])(?P<d>{trie_regex(demonyms)})(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
    return infos, surface, demonyms, people, name_rx, (dem_rx, dem_before), ppl_rx


def actor_info(canonical: str) -> ActorInfo | None:
    """Kind, country and aliases of a canonical actor."""
    return _table()[0].get(canonical)


def canonical_actor(name: str) -> str | None:
    """The canonical actor for any alias, canonical name or demonym force."""
    infos, surface, demonyms, people, *_ = _table()
    name = name.strip()
    if name in infos:
        return name
    if name in surface:
        return surface[name]
    hits = find_actors(name)
    return hits[0].canonical if hits else None


def find_actors(text: str) -> list[ActorHit]:
    """Actor mentions in ``text`` (see module docstring), non-overlapping."""
    infos, surface, demonyms, people, name_rx, dem_rx, ppl_rx = _table()
    # Candidates as plain tuples (start, -length, canonical, text, form);
    # records are built only for the hits that survive.
    cands: list[tuple[int, int, str, str, str]] = []
    add = cands.append
    for m in name_rx[0].finditer(text):
        s, e = m.span()
        t = m.group(0)
        add((s, s - e, surface[t], t, "name"))
    for s, e in _literal_finditer(text, name_rx[1]):
        t = text[s:e]
        add((s, s - e, surface[t], t, "name"))
    # Demonym phrases ("the British contingent") and peoples ("the Russians"):
    # the whole phrase counts, starting at an article if there is one.
    dem_rx, dem_before = dem_rx
    for rx, group, table, via in ((dem_rx, "d", demonyms, "demonym"), (ppl_rx, "p", people, "people")):
        for m in rx.finditer(text):
            s, e = m.span()
            add((s, s - e, table[m.group(group)], m.group(0), via))
            if via == "demonym":
                # "British, French and German troops": each coordinated demonym is an actor too.
                b = dem_before.search(text, max(0, s - 40), s)
                while b is not None:
                    add((b.start(), -len(b.group("d")), demonyms[b.group("d")], b.group("d"), via))
                    b = dem_before.search(text, max(0, b.start() - 40), b.start())
    # Longest match wins, then the earliest: sweep in text order, replacing
    # the previous hit when an overlapping one is longer.  (Ties in start and
    # length keep the first candidate found, as the sort is stable.)
    cands.sort(key=lambda c: (c[0], c[1]))
    kept: list[tuple[int, int, str, str, str]] = []
    last_end = -1
    for c in cands:
        if kept and c[0] < last_end:
            if -c[1] > -kept[-1][1]:
                kept[-1] = c
                last_end = c[0] - c[1]
            continue
        kept.append(c)
        last_end = c[0] - c[1]
    taken = []
    for s, neg, canon, t, via in kept:
        info = infos.get(canon)
        if via == "name":
            taken.append(ActorHit(canon, info.kind, info.country, s, s - neg, t, via))
        else:
            taken.append(ActorHit(canon, info.kind if info else "country", info.country if info else None,
                                  s, s - neg, t, via))
    # A state's possessive right before an organisation ("Russia's Wagner
    # group") is not an actor of its own.
    out = []
    for i, h in enumerate(taken):
        nxt = taken[i + 1] if i + 1 < len(taken) else None
        if (nxt and text[h.end:h.end + 1] in _APOS and nxt.kind != "country"
                and _POSS_GAP.fullmatch(text, h.end, nxt.start)):
            continue
        out.append(h)
    return out


def _bounded(ch: str) -> bool:
    """Whether ``ch`` is a regex word character (``\\w``) or a hyphen."""
    return ch.isalnum() or ch == "_" or ch == "-"


def _literal_finditer(text: str, aliases: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans ``re.finditer`` gives for ``(?<![\\w-])(?:alias|...)(?![\\w-])``
    (longest alias first): every whole-word occurrence of an alias, the
    longest one at each start, then leftmost non-overlapping ones."""
    n = len(text)
    longest: dict[int, int] = {}
    for a in aliases:
        size = len(a)
        i = text.find(a)
        while i >= 0:
            e = i + size
            if (i == 0 or not _bounded(text[i - 1])) and (e == n or not _bounded(text[e])):
                if longest.get(i, 0) < size:
                    longest[i] = size
            i = text.find(a, i + 1)
    out, pos = [], 0
    for s in sorted(longest):
        if s >= pos:
            pos = s + longest[s]
            out.append((s, pos))
    return out


_APOS = ("'", "’")
_POSS_GAP = re.compile(r"['’]s\s+")


@lru_cache(maxsize=1)
def _pronoun_rx():
    table = {w.lower(): scope for w, scope in rows("pronouns.tsv")}
    # "its roughly 220 peacekeepers", "their remaining 1,500 troops": a possessive
    # pronoun, up to three modifiers and a force noun refer back like "its troops".
    # (not "its fighters": an armed group's fighters, whose group the previous subject rarely is)
    nouns = alternation(w for w in words("force_nouns.tsv") if w not in ("fighters",))
    rx = re.compile(rf"(?<![\w-])(?:{alternation(table)}|(?P<poss>(?:its|their)\s+(?:[\w,.’'-]+\s+){{1,3}}?(?:{nouns})))(?![\w-])",
                    re.I)
    return rx, table


def find_pronouns(text: str) -> list[tuple[int, int, str, str]]:
    """Anaphoric subjects in ``text``: (start, end, word, scope)."""
    rx, table = _pronoun_rx()
    return [(m.start(), m.end(), m.group(0), "discourse" if m.group("poss") else table[m.group(0).lower()])
            for m in rx.finditer(text)]
