"""Find the places an article names and geocode them (``Article -> [PlaceMention]``).

Two passes over the article's word tokens:

1. **Detection.** At every capitalised token (or a lowercase name prefix such as
   "sub" in "sub-Saharan Africa") the longest gazetteer name wins. All-caps tokens
   match case-insensitively only in an all-caps context (datelines "DAKAR —",
   headlines), otherwise only through the gazetteer's case-sensitive
   abbreviations (UK, U.S., CAR, DRC). Possessives are excluded from the span
   ("Mali’s" -> "Mali"). A span is *not* a place when it is part of an
   organisation name (followed by a head noun such as Council / Corps /
   Initiative, or "HEAD of X", or inside a known organisation name), part of a
   person's name (after a title, with a given name, or a surname already seen),
   a river ("River Niger"), or a listed non-place phrase ("the West", months).
   Country demonyms yield their country with ``via="demonym"`` unless they name a
   language ("English-language") or are continental ("African").
2. **Disambiguation.** Each candidate gets a score, in order of strength:
   explicit patterns ("X, Mali", "X village in Mali", "Mali's X"), the
   article's focus countries (countries it names, by frequency), the Sahel /
   West Africa prior, the kind of place, and population as the last tie-breaker.
   A low-prominence winner (village or small town) is kept only with supporting
   context: a locative cue ("in", "near", "village of"), a place suffix
   ("X village", "X region"), an explicit pattern naming the winner's own
   country, or a focus-country candidate that is not sentence-initial. A bare
   name shared by a town and its own admin area ("Mopti") is the town (the
   gazetteer's order) unless the text says "Mopti region" / "region of Mopti".
   "X said" makes X a surname unless X is a country/macro-region or capital or
   follows a locative cue ("in Kano said").

Unresolvable names: a plausible toponym the gazetteer lacks (a capitalised name
after a locative cue) is only reported when a ``fallback`` geocoder is given; if
the fallback has no answer or fails, the mention is returned with
``place=None``. One such name never affects the other mentions. Without a
fallback, names the gazetteer does not know are not reported.

All word lists and weights are data (``data/geoparse/``, see ``geolex``).

Speed: only capitalised tokens (and lowercase name prefixes) are listed, by one
regular-expression scan (``geoscan.CapScanner``, over a byte-class copy of the
text so that the engine looks for one literal byte) that also finds the gaps
joining two of them into a run and the tokens a speech verb follows; the few
other tokens a rule looks at are read from the text around them. Detection works run by run: a *run* is a
stretch of capitalised tokens joined by name separators and connectors
("Burkina Faso", "Côte d'Ivoire", "Gulf of Guinea"). Which names and demonyms a
run holds, and the parts of the rejection tests that read only the run itself
(a head noun ending or following the name, a water word or name prefix before
it, an unknown capitalised neighbour, whether the name can be in a non-place
phrase or needs the all-caps test), depend on the run's text alone and are
memoised per process by that text; the tests that read the article around the
run (person names, "HEAD of X", "X River", lowercase uses, locative cues,
actor context of a demonym) are made for every occurrence. Other answers that
depend only on a word, a name and the gazetteer (known name, demonym, the
article-independent part of a candidate's score, whether a name/place pair
needs support) are memoised per process too; nothing is memoised by sentence
or article. With a ``fallback`` geocoder the token-by-token ``detect`` is used
(an unknown name may extend over a run's tokens).
"""

from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_left
from collections import Counter
from itertools import compress
from operator import not_
from typing import Any

from sahelmap.geolex import Lexicon, lexicon
from sahelmap.geoscan import TOKEN, CapScanner, prefix_starts, prev_token
from sahelmap.records import Article, Place, PlaceMention
from sahelmap.textnorm import normalize_name

__all__ = ["find_places", "focus_countries"]

# Separators allowed inside a multi-word name.
_JOIN = frozenset({" ", "-", "'", "\u2019", "\u00a0", "\u2010", "\u2011"})
_SPACE_SEPS = frozenset({" ", "\u00a0"})
_TITLE_SEPS = frozenset({" ", "\u00a0", ". ", ".\u00a0"})
_LANG_SEPS = frozenset({"-", " ", "\u2011"})
_ACTOR_SEPS = frozenset({"-", "\u2011"})
# what may separate an all-caps name from an all-caps neighbour ("DAKAR, SENEGAL —")
_CAPS_SEPS = " ,-\u2013\u2014"
_SENT_END = frozenset(".!?\n\"\u201c\u201d\u2018':;•\u2022([")
# Text between a name and a following country that makes the country explicit:
# "X, Mali", "X in Mali", "X village in Mali", "X, a town in Portugal".
_EXPLICIT_GAP = re.compile(r"^(?:\s*,\s*|\s+)(?:[a-z]+[\s,]+){0,6}$")
_EXPLICIT_WORDS = frozenset({"in", "of", "near"})
# the strict forms that place X inside the country: "X, Mali", "X in (the) (northeastern) Mali"
_EXPLICIT_IN = re.compile(r"^(?:\s*,\s*|\s+in\s+(?:the\s+)?(?:(?:far\s+)?(?:north|south|east|west|central|"
                          r"(?:north|south)?-?(?:east|west)?(?:ern)?)\s+)?)$")
# (matched at a span's end with ``endpos`` at the next span: no "^")
_POSSESSIVE_GAP = re.compile(r"['\u2019]s\s+(?:[a-z]+\s+){0,2}$")
_MEMO_LIMIT = 200_000
_NO_COUNTRIES: frozenset[str] = frozenset()
_LOWER_WORD = re.compile(r"[a-z]+")
_NO_ALNUM = re.compile(r"[\W_]*")
# " and Alibori departments": a coordinated capitalised name (1-3 words), then a word
# "of Alibori and ": the coordinated capitalised name (group 1) before "and"/"or"
_COORDINATED_BEFORE = re.compile(r"of ((?:[A-Z][\w'’-]*\s){0,2}[A-Z][\w'’-]*),? (?:and|or) $")
_COORDINATED_SUFFIX = re.compile(r" (?:and|or) (?:[A-Z][\w'’-]*\s){1,3}([a-z]+)\b")


class _Span:
    """A detected name: offsets, text, candidates and what the ranker needs.

    A slotted class with a positional constructor: spans are made for every
    detected name, and their fields are read often (slots are the fastest).
    """

    __slots__ = ("start", "end", "text", "cands", "via", "demonym", "unknown", "place", "explicit", "explicit_in",
                 "last", "local")

    def __init__(self, start: int, end: int, text: str, cands: tuple[Place, ...] = (), via: str = "name",
                 demonym: Place | None = None, unknown: bool = False, last: int = -1):
        self.start = start  # offset of the first token
        self.end = end  # offset after the last token
        self.text = text
        self.cands = cands
        self.via = via
        self.demonym = demonym
        self.unknown = unknown  # plausible toponym the gazetteer lacks
        self.place: Place | None = None
        self.explicit = _NO_COUNTRIES  # replaced (not mutated) by ``_explicit``
        self.explicit_in = _NO_COUNTRIES  # "X, Mali" / "X in (northern) Mali" only (``_explicit``)
        self.last = last  # cap index of the last capitalised token (demonyms)
        self.local = _NO_COUNTRIES  # (country, admin-1) areas its sentence names (``_sentence_areas``)


def _is_caps(t: str) -> bool:
    """All capitals, 2+ letters ("UN", "U.S.", "NIAMEY")."""
    return len(t) > 1 and t.isupper()


def _mention_maker():
    """A fast ``PlaceMention(article, text, start, end, place, via)``: the frozen
    record's slots set directly (its ``__init__`` goes through ``object.__setattr__``
    per field). Falls back to the constructor when the record's fields differ."""
    names = ("article", "text", "start", "end", "place", "via")
    try:
        ok = tuple(f.name for f in dataclasses.fields(PlaceMention)) == names and all(
            type(PlaceMention.__dict__.get(k)).__name__ == "member_descriptor" for k in names)
    except TypeError:
        ok = False
    if not ok:
        return lambda article, text, start, end, place, via="name": PlaceMention(article, text, start, end, place, via)
    new = object.__new__
    s_article, s_text, s_start, s_end, s_place, s_via = (PlaceMention.__dict__[k].__set__ for k in names)

    def make(article: str, text: str, start: int, end: int, place: Place | None, via: str = "name") -> PlaceMention:
        m = new(PlaceMention)
        s_article(m, article)
        s_text(m, text)
        s_start(m, start)
        s_end(m, end)
        s_place(m, place)
        s_via(m, via)
        return m

    return make


_mention = _mention_maker()


def _word_ending(text: str, k: int) -> str | None:
    """"of", "the" or "for" when that word is the letter run ending at ``k``."""
    c = text[k]
    if c == "f":
        w = text[k - 1 : k + 1]
    elif c == "e" or c == "r":
        w = text[k - 2 : k + 1] if k >= 2 else ""
    else:
        return None
    if w not in ("of", "the", "for") or (k - len(w) >= 0 and text[k - len(w)].isalnum()):
        return None
    return w


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in _SENT_END


def _line_start(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] == "\n"


class _GazMemo:
    """Per-gazetteer answers that do not depend on the article (kept per process)."""

    def __init__(self, gazetteer: Any, lex: Lexicon):
        self.g = gazetteer
        self.lex = lex
        self.known = gazetteer.is_known_name
        self.kn: dict[str, bool] = {}  # is_known_name answers
        self.dead: set[str] = set()  # capitalised words that are neither a name nor a demonym
        self._dem: dict[str, tuple[bool, Place | None]] = {}
        # place id -> article-independent score part; id(cands) -> (cands, ``_prepared`` rows)
        self.static_score: dict = {}
        self.support: dict[tuple[str, str], tuple[bool, bool]] = {}  # (surface, place id) -> (weak, weak or prominent)
        # Derived lexicon facts used as cheap pre-checks.
        self.conn_re = re.compile("(?:" + "|".join(map(re.escape, sorted(lex.connectors, key=len, reverse=True)))
                                  + r")(?![^\W_])") if lex.connectors else None
        self.nonplace_later = frozenset(w for v in lex.nonplace.values() for ph in v for w in ph[1:])
        cues = sorted(set(lex.locative_single) | set(lex.locative_multi_last), key=len, reverse=True)
        self.cue_end_re = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, cues)) + r")\Z",
                                     re.IGNORECASE) if cues else None
        self.cue_len = max(map(len, cues), default=0)
        self.conn_len = max(map(len, lex.connectors), default=0)
        self.water_initials = frozenset(w[0] for w in lex.water_words)
        self.prefixes_capitalised = all(w[:1].isupper() for w in lex.name_prefixes)
        self.heads_capitalised = all(w[:1].isupper() for w in lex.org_heads)
        self.suffix_initials = frozenset(w[0] for w in lex.suffix_admin | lex.suffix_settlement)

        self._country: dict[str, bool] = {}
        self._dem_start: dict[str, bool] = {}
        # words that may start a known organisation's or a person's name
        self.person_or_org_start = frozenset(lex.known_orgs) | lex.person_titles | lex.given_names
        # first words of multi-word demonyms and continental adjectives ("south" of
        # "South Sudanese"); None when the gazetteer does not list its demonyms
        dem_all = getattr(gazetteer, "demonyms", None)
        self.dem_firsts = None if dem_all is None else frozenset(
            k.split()[0] for k in [*dem_all(), *lex.continental] if len(k.split()) > 1)
        self._area_cap: dict[str, bool] = {}
        self._neigh: dict[str, bool] = {}
        # Runs of capitalised tokens: run text -> what the detection finds in it
        # (see ``_Parser._run_events``); the separator text that joins two
        # capitalised tokens into one run (a name separator, connectors between).
        self.runs: dict[str, tuple] = {}
        self.empty_runs: set[str] = set()  # one-token run texts that hold nothing
        # normalised demonyms that are also place names ("somali")
        dems = getattr(gazetteer, "demonyms", None)
        self.demonym_names: frozenset[str] = frozenset(
            d for d in (dems() if callable(dems) else ()) if " " not in d and gazetteer.is_known_name(d.title()))
        # the scanner lists capitalised tokens, the gaps that join two of them into
        # one run (a name separator, or connectors between two) and the tokens a
        # speech verb follows ("Diallo said"), in one scan
        self.scanner = CapScanner(_JOIN, lex.connectors, _SPACE_SEPS, lex.speech_verbs)

    def is_known(self, s: str) -> bool:
        hit = self.kn.get(s)
        if hit is None:
            self._room(self.kn)
            hit = self.kn[s] = self.known(s)
        return hit

    def note_dead(self, t: str) -> None:
        self._room(self.dead)
        self.dead.add(t)

    def _room(self, d: dict | set) -> None:
        if len(d) > _MEMO_LIMIT:
            d.clear()

    def demonym(self, s: str) -> tuple[bool, Place | None]:
        """(continental adjective?, country/region the demonym ``s`` names)."""
        hit = self._dem.get(s)
        if hit is None:
            self._room(self._dem)
            hit = self._dem[s] = (normalize_name(s) in self.lex.continental, self.g.demonym(s))
        return hit

    def may_be_demonym(self, name: str) -> bool:
        """A one-word name that is also a demonym (``prefer_demonyms`` looks at its span)."""
        return " " not in name and normalize_name(name) in self.demonym_names

    def may_start_demonym(self, t: str) -> bool:
        """A demonym or continental adjective may start with the word ``t``."""
        hit = self._dem_start.get(t)
        if hit is None:
            self._room(self._dem_start)
            if self.dem_firsts is None:
                hit = True
            else:
                continental, p = self.demonym(t)
                hit = continental or p is not None or normalize_name(t) in self.dem_firsts
            self._dem_start[t] = hit
        return hit

    def is_country_name(self, s: str) -> bool:
        hit = self._country.get(s)
        if hit is None:
            self._room(self._country)
            hit = self._country[s] = any(p.kind == "country" for p in self.g.candidates(s))
        return hit

    def is_area_or_capital(self, s: str) -> bool:
        hit = self._area_cap.get(s)
        if hit is None:
            self._room(self._area_cap)
            if not self.g.is_known_name(s):
                hit = True  # not a place anyway: nothing to protect, nothing to mark
            else:
                hit = any(_is_area(p) or p.feature_code == "PPLC" for p in self.g.candidates(s))
            self._area_cap[s] = hit
        return hit

    def unknown_word(self, t: str) -> bool:
        """A capitalised word that is no place, title, demonym, listed word or
        suffix (the article-dependent "used in lowercase" test is not included)."""
        hit = self._neigh.get(t)
        if hit is None:
            self._room(self._neigh)
            lex = self.lex
            low = t.lower()
            hit = not (
                not t[0].isupper() or _is_caps(t) or t in lex.skip_starts or t in lex.person_titles
                or t in lex.nonplace or t in lex.org_heads
                or low in lex.suffix_settlement or low in lex.suffix_admin
                or self.g.is_known_name(t) or self.g.demonym(t) is not None
            )
            self._neigh[t] = hit
        return hit


_MEMOS: dict[int, tuple[Any, Lexicon, _GazMemo]] = {}


def _memo(gazetteer: Any, lex: Lexicon) -> _GazMemo:
    hit = _MEMOS.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer and hit[1] is lex:
        return hit[2]
    if len(_MEMOS) > 4:
        _MEMOS.clear()
    m = _GazMemo(gazetteer, lex)
    _MEMOS[id(gazetteer)] = (gazetteer, lex, m)
    return m


class _Parser:
    """State for parsing one article.

    Only capitalised tokens (``cs``/``ce``/``ct``: starts, ends, texts) are
    listed; every other token is read from the text when a rule needs it
    (``_next`` / ``_prev``). A "cap index" is a position in those lists.
    """

    def __init__(self, article: Article, gazetteer: Any, lex: Lexicon, fallback: Any):
        self.a = article
        self.text = text = article.text
        self.n_text = len(text)
        self.g = gazetteer
        self.lex = lex
        self.cfg = lex.config
        self.fallback = fallback
        self.memo = _memo(gazetteer, lex)
        self.cs, self.ce, self.ct, speech, joins, join_lens = self.memo.scanner.scan(text)
        self.ncap = len(self.cs)
        self._by_start: dict[int, int] | None = None
        self.max_tokens = int(getattr(gazetteer, "max_name_tokens", 6)) + 2
        self.max_demonym = int(self.cfg["max_demonym_tokens"])
        self.org_window = int(self.cfg["org_head_window"])
        self.actor_mode = self.cfg.get("demonym_mode", "actor") == "actor"
        self.person = [False] * self.ncap  # cap token inside a person's or a known organisation's name
        self.org_iv: list[tuple[int, int]] = []  # offset ranges of known organisation names
        self.surnames: set[str] = set()
        self._lower: dict[str, bool] = {}
        # a name span that ``prefer_demonyms`` may read as a demonym was detected
        # (``detect_runs`` keeps it up to date; ``detect`` leaves it True)
        self.demonym_names_seen = True
        # a longer gap than this holds more connectors than a name may have tokens
        gap_max = 1 + self.max_tokens * (self.memo.conn_len + 1)
        if joins and max(join_lens) > gap_max:
            joins = [b for b, x in zip(joins, join_lens) if x <= gap_max]
        # ``joins``: cap token b + 1 goes on the run of cap token b; ``speech``:
        # the cap tokens a speech verb follows (ascending)
        self.joins, self.speech = joins, speech
        self._prevs: dict[int, tuple[int, int, str] | None] = {}
        self._nexts: dict[int, tuple[int, int, str] | None] = {}

    # ------------------------------------------------------------ token access
    @property
    def by_start(self) -> dict[int, int]:
        """Cap index of the capitalised token starting at an offset (made when first needed)."""
        d = self._by_start
        if d is None:
            d = self._by_start = dict(zip(self.cs, range(self.ncap)))
        return d

    def _prev(self, s: int) -> tuple[int, int, str] | None:
        """The token before the token starting at ``s``."""
        try:
            return self._prevs[s]
        except KeyError:
            t = self._prevs[s] = prev_token(self.text, s)
            return t

    def _next(self, e: int) -> tuple[int, int, str] | None:
        """The token after the token ending at ``e``."""
        try:
            return self._nexts[e]
        except KeyError:
            m = TOKEN.search(self.text, e)
            t = self._nexts[e] = (m.start(), m.end(), m.group()) if m else None
            return t

    def _next_spaced(self, e: int) -> tuple[int, int, str] | None:
        """The token after the token ending at ``e`` when one space separates them."""
        text = self.text
        if e + 1 < self.n_text and text[e] in _SPACE_SEPS and text[e + 1].isalnum():
            return self._next(e)
        return None

    def _prev_spaced(self, s: int) -> tuple[int, int, str] | None:
        """The token before the token starting at ``s`` when one space separates them."""
        text = self.text
        if s >= 2 and text[s - 1] in _SPACE_SEPS and (text[s - 2].isalnum() or text[s - 2] == "."):
            p = self._prev(s)
            if p is not None and p[1] == s - 1:
                return p
        return None

    def _cap_follows(self, k: int, seps: frozenset[str]) -> bool:
        """The token after cap token ``k`` is cap token ``k + 1``, separated by one of ``seps``."""
        if k + 1 >= self.ncap:
            return False
        a, b = self.ce[k], self.cs[k + 1]
        return b - a <= 2 and self.text[a:b] in seps

    def _has_lower_word(self, low: str) -> bool:
        """``low`` occurs in the article as a whole lowercase token."""
        hit = self._lower.get(low)
        if hit is not None:
            return hit
        found = False
        if low.islower() and low.isalnum():
            text, k = self.text, len(low)
            p = text.find(low)
            while p >= 0:
                if (p == 0 or not text[p - 1].isalnum()) and (p + k >= self.n_text or not text[p + k].isalnum()):
                    found = True
                    break
                p = text.find(low, p + 1)
        self._lower[low] = found
        return found

    def _match_phrase(self, e: int, phrase: tuple[str, ...]) -> int:
        """End offset of ``phrase`` whose first token ends at ``e`` (already
        matched), tokens joined by name separators; -1 when it does not match."""
        text = self.text
        for w in phrase[1:]:
            if not (e + 1 < self.n_text and text[e] in _JOIN and text[e + 1].isalnum()):
                return -1
            m = TOKEN.match(text, e + 1)
            if m.group() != w:
                return -1
            e = m.end()
        return e

    # ------------------------------------------------------------ pre-passes
    def _org_marked(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.org_iv)

    def mark_people_and_orgs(self) -> None:
        """Mark tokens that belong to person names and known organisation names."""
        cs, ce, ct, lex, text = self.cs, self.ce, self.ct, self.lex, self.text
        n = self.ncap
        maxp = int(self.cfg["person_name_max_tokens"])
        known_orgs, titles, given_names = lex.known_orgs, lex.person_titles, lex.given_names
        # "X said": X is a surname unless it is a country/macro-region or a capital,
        # stands after a locative cue ("in Kano said") or right after a capitalised word
        # (``speech``: the tokens the scanner found a speech verb right after)
        for i in self.speech:
            t = ct[i]
            if (not _is_caps(t)
                    and not (i > 0 and ce[i - 1] == cs[i] - 1 and text[cs[i] - 1] in _SPACE_SEPS)
                    and not self.memo.is_area_or_capital(t)
                    and not self._cue_before(cs[i])):
                self.surnames.add(t)
        special = self.memo.person_or_org_start
        for i in list(compress(range(n), map(special.__contains__, ct))):
            t = ct[i]
            # Known organisation names: the whole capitalised run from there on.
            phrases = known_orgs.get(t)
            if phrases:
                for ph in phrases:
                    end = self._match_phrase(ce[i], ph)
                    if end >= 0:
                        while end + 1 < self.n_text and text[end] in _SPACE_SEPS:
                            k = bisect_left(cs, end + 1)  # (the cap token starting there, if any)
                            if k >= n or cs[k] != end + 1:
                                break
                            end = ce[k]
                        self.org_iv.append((cs[i], end))
                        k = i
                        while k < n and cs[k] < end:
                            self.person[k] = True  # flags people and organisations alike
                            k += 1
                        break
            title = t in titles
            given = t in given_names and not self.memo.is_country_name(t)
            if not (title or given):
                continue
            seps_ok = _TITLE_SEPS if title else _SPACE_SEPS
            k, names = i, []
            while len(names) < maxp and self._cap_follows(k, seps_ok):
                nxt = ct[k + 1]
                if nxt in titles or (len(nxt) > 1 and nxt.isupper()):  # (``_is_caps``, inline)
                    if title:  # "Prime Minister X", "Lib Dem MP X"
                        k += 1
                        continue
                    break
                if given and (nxt in lex.suffix_settlement or nxt in lex.suffix_admin or nxt in lex.water_words):
                    break
                names.append(k + 1)
                k += 1
                seps_ok = _SPACE_SEPS
            if given and names:
                pair = text[cs[i] : ce[names[0]]]
                if self.g.is_known_name(pair):
                    continue
                names.insert(0, i)
            if not names:
                continue
            for x in names:
                self.person[x] = True
            self.surnames.add(ct[names[-1]])
        if self.surnames:
            person = self.person
            for i in compress(range(n), map(self.surnames.__contains__, ct)):
                person[i] = True

    # ------------------------------------------------------------ detection
    def _caps_context(self, s: int, e: int) -> bool:
        """An all-caps span standing in all-caps text (dateline, headline)."""
        text = self.text
        if _line_start(text, s):
            return True
        # (pre-checks: past the separators an all-caps neighbour shows a capital, a
        # digit or the "." of an abbreviation; a lowercase letter or other character
        # there means no all-caps neighbour, and then no token is read)
        k = s - 1
        while k >= 0 and text[k] in _CAPS_SEPS:
            k -= 1
        if k >= 0 and (text[k] == "." or (text[k].isalnum() and not text[k].islower())):
            p = self._prev(s)
            if p is not None and _is_caps(p[2]) and text[p[1] : s].strip(_CAPS_SEPS) == "":
                return True
        k, n = e, self.n_text
        while k < n and text[k] in _CAPS_SEPS:
            k += 1
        if k < n and text[k].isalnum() and not text[k].islower():
            q = self._next(e)
            if q is not None and _is_caps(q[2]) and text[e : q[0]].strip(_CAPS_SEPS) == "":
                return True
        return False

    def _filter_case(self, sp: _Span) -> tuple[Place, ...]:
        """Drop case-insensitive matches of all-caps words outside a caps context."""
        if not sp.text.isupper():
            return sp.cands
        letters = sp.text.replace(".", "")
        if not (letters.isupper() and len(letters) > 1):
            return sp.cands
        if self._caps_context(sp.start, sp.end):
            return sp.cands
        key = normalize_name(sp.text)
        # Keep only countries and macro-regions reached through an abbreviation
        # (UK, CAR, DRC), not a name written in capitals ("AFP", "ISIS") nor
        # codes of towns ("PMC").
        return tuple(p for p in sp.cands if normalize_name(p.name) != key and _is_area(p))

    def _unknown_neighbour(self, k: int) -> bool:
        """Cap token k is a capitalised word that is no place, title, demonym or
        common word (one the article also writes in lowercase counts as common)."""
        t = self.ct[k]
        return self.memo.unknown_word(t) and not self._has_lower_word(t.lower())

    def _in_unknown_run(self, s: int, e: int, first: int, last: int) -> bool:
        """The name sits inside a longer capitalised name the gazetteer lacks
        ("Kobe Bryant", "Conway Hall"): not a mention of the place."""
        text, cs, ce = self.text, self.cs, self.ce
        pc = first - 1  # the cap token before the span
        if (pc >= 0 and ce[pc] == s - 1 and text[s - 1] in _SPACE_SEPS and self._unknown_neighbour(pc)
                and not _sentence_initial(text, cs[pc])):
            return True
        return self._cap_follows(last, _SPACE_SEPS) and self._unknown_neighbour(last + 1)

    def _actor_context(self, e: int) -> bool:
        """The demonym ending at ``e`` denotes the state acting."""
        text, lex = self.text, self.lex
        n = self.n_text
        # (a token right after a one-character separator at ``e`` starts at ``e + 1``)
        if e + 1 < n and text[e] in _ACTOR_SEPS and text[e + 1].isalnum():
            if TOKEN.match(text, e + 1).group().lower() in lex.actor_suffixes:
                return True
        for _ in range(2):
            if not (e + 1 < n and text[e] in _SPACE_SEPS and text[e + 1].isalnum()):
                return False
            m = TOKEN.match(text, e + 1)
            w = m.group()
            if w.lower() in lex.actor_nouns:
                return True
            if not w.islower():
                return False
            e = m.end()
        return False

    def _starts(self) -> list[tuple[int, int]]:
        """(offset, cap index or -1) of every token that may start a name, in order."""
        caps = [(s, k) for k, s in enumerate(self.cs)]
        words = self.lex.lowercase_prefixes_lower
        if not words:
            return caps
        extra = prefix_starts(self.text, words)
        if not extra:
            return caps
        return sorted(caps + [(s, -1) for s in extra])

    def _is_blocked(self, s: int, e: int) -> bool:
        """The tokens from ``s`` to ``e`` lie inside a non-place phrase."""
        text = self.text
        first = TOKEN.match(text, s)
        phrases = self.lex.nonplace.get(first.group())
        if phrases:
            for ph in phrases:
                end = self._match_phrase(first.end(), ph)
                if end >= 0:
                    if end >= e:
                        return True
                    break  # the longest matching phrase does not cover the span
        # A phrase starting earlier holds the span's first token in a later position.
        if first.group() not in self.memo.nonplace_later or s < 2 or text[s - 1] not in _JOIN:
            return False
        return self._blocked_from_before(s, e)

    def _blocked_from_before(self, s: int, e: int) -> bool:
        """A non-place phrase starting before ``s`` covers the tokens up to ``e``."""
        idx = self.lex.nonplace
        text = self.text
        a = (s, s)
        for _ in range(self.lex.nonplace_max_tokens - 1):
            if not (a[0] >= 2 and text[a[0] - 1] in _JOIN):
                break  # phrase tokens are joined by name separators
            p = self._prev(a[0])
            if p is None or p[1] != a[0] - 1:
                break
            a = (p[0], p[1])
            phrases = idx.get(p[2])
            if phrases:
                for ph in phrases:
                    end = self._match_phrase(p[1], ph)
                    if end >= 0:
                        if end >= e:
                            return True
                        break
        return False

    def _org_or_person(self, s: int, e: int, first: int, last: int) -> bool:
        """Part of a person's or organisation's name; ``first``..``last`` are the
        cap indexes of the span's capitalised tokens, the last one ending at ``e``."""
        person, ct, cs, text = self.person, self.ct, self.cs, self.text
        for x in range(first, last + 1):
            if person[x]:
                return True
        if self.org_iv and cs[first] != s and self._org_marked(s, e):
            return True  # (a span starting in lowercase; capitalised tokens are flagged)
        heads = self.lex.org_heads
        if cs[last] > s and ct[last] in heads:  # "European Union"
            return True
        # followed by an organisation head noun ("Accra Initiative", "Africa Corps")
        window = self.org_window
        ce, n = self.ce, self.ncap
        k = last
        while k - last <= window and k + 1 < n and cs[k + 1] - ce[k] == 1 and text[ce[k]] in _SPACE_SEPS:
            if ct[k + 1] in heads:
                return True
            k += 1
        return self._head_of_before(s)

    def _head_of_before(self, s: int) -> bool:
        """"HEAD of [the] X" ("House of Commons", "University of Bamako")."""
        text = self.text
        heads = self.lex.org_heads
        # the token before must be "of", "the" or "for": its last letter is f, e or r
        k = s - 1
        while k >= 0 and not text[k].isalnum():
            k -= 1
        if k < 1 or text[k] not in "fer":
            return False
        w = _word_ending(text, k)
        if w is None:
            return False
        ps = k - len(w) + 1  # the token before ``s`` is ``w`` at ps
        if w == "the":
            k = ps - 1
            while k >= 0 and not text[k].isalnum():
                k -= 1
            w = _word_ending(text, k) if k >= 1 else None
            if w is None or w == "the":
                return False
            ps = k - len(w) + 1
        if self.memo.heads_capitalised:
            # (a capitalised head is a capitalised token: the last one before ``ps``
            # when only non-letters/digits stand between them)
            j = bisect_left(self.cs, ps) - 1
            return j >= 0 and self.ct[j] in heads and _NO_ALNUM.fullmatch(text, self.ce[j], ps) is not None
        q = self._prev(ps)
        return q is not None and q[2] in heads

    def _river(self, s: int, e: int, first: int) -> bool:
        ww = self.lex.water_words
        text = self.text
        if e + 1 < self.n_text and text[e + 1] in self.memo.water_initials and text[e] in _SPACE_SEPS:
            q = self._next(e)
            if q[2] in ww:
                return True
        pc = first - 1  # a capitalised token right before the span
        return pc >= 0 and self.ce[pc] == s - 1 and text[s - 1] in _SPACE_SEPS and self.ct[pc] in ww

    def _name_prefix_before(self, s: int, first: int) -> bool:
        """A name prefix ("New", "North") stands right before the span."""
        if self.memo.prefixes_capitalised:
            pc = first - 1
            return (pc >= 0 and self.ce[pc] == s - 1 and self.text[s - 1] in _SPACE_SEPS
                    and self.ct[pc] in self.lex.name_prefixes)
        p = self._prev_spaced(s)
        return p is not None and p[2] in self.lex.name_prefixes

    def _demonym_forms(self, i: int) -> tuple:
        """(end, last cap index) of the forms a demonym at cap token ``i`` may take, longest first:
        the tokens from ``i`` on that single spaces join, at most ``max_demonym`` of them."""
        text, cs, ce = self.text, self.cs, self.ce
        if self.max_demonym == 2:
            e = ce[i]
            if i + 1 < self.ncap and cs[i + 1] == e + 1 and text[e] in _SPACE_SEPS:
                return ((ce[i + 1], i + 1), (e, i))
            return ((e, i),)
        run = [(ce[i], i)]
        while len(run) < self.max_demonym:
            q = self._next_spaced(run[-1][0])
            if q is None:
                break
            run.append((q[1], self.by_start.get(q[0])))
        return tuple(reversed(run))

    def _demonym_at(self, i: int) -> _Span | None:
        """A demonym starting at cap token ``i``: a ``via="demonym"`` span when it
        names a state acting, else a plain span that only blocks shorter forms
        (continental adjectives, language expressions, non-actor uses)."""
        form = self._demonym_form(i)
        if form is None:
            return None
        e, last, name, continental, p = form
        s = self.cs[i]
        return self._demonym_span(s, e, last, name, continental, p) or _Span(s, e, name)

    def prefer_demonyms(self, spans: list[_Span]) -> list[_Span]:
        """Spans with each one-word name that is also the demonym of a country none
        of its places is in read as that demonym ("Somali officials": Somalia, not
        Ethiopia's Somali region), unless a place suffix or locative cue marks the
        place ("in Somali region"); a demonym not denoting a state acting is
        dropped like any such demonym."""
        names = self.memo.demonym_names
        out = []
        for sp in spans:
            if sp.via == "name" and " " not in sp.text and normalize_name(sp.text) in names:
                continental, dem = self.memo.demonym(sp.text)
                if (dem is not None and not continental and all(p.country != dem.country for p in sp.cands)
                        and self._suffix_after(sp.end) is None and not self._cue_before(sp.start)):
                    alt = self._demonym_span(sp.start, sp.end, bisect_left(self.cs, sp.start), sp.text,
                                             continental, dem)
                    if alt is not None and alt.demonym is not None:
                        out.append(alt)
                    continue
            out.append(sp)
        return out

    def _cue_before(self, s: int) -> bool:
        text = self.text
        if s < 2 or text[s - 1] not in _SPACE_SEPS:
            return False
        cue_re = self.memo.cue_end_re
        if cue_re is None or cue_re.search(text, max(0, s - 2 - self.memo.cue_len), s - 1) is None:
            return False  # the word before is no cue word (whatever its case)
        p = self._prev(s)
        if p is None or p[1] != s - 1:
            return False
        low = p[2].lower()
        if low in self.lex.locative_single and not p[2][0].isupper():
            return True
        if low not in self.lex.locative_multi_last:
            return False
        words = [low]
        for ph in self.lex.locative_multi:
            n = len(ph)
            while len(words) < n and p is not None:
                p = self._prev(p[0])
                if p is not None:
                    words.append(p[2].lower())
            if len(words) >= n and all(words[n - 1 - k] == ph[k] for k in range(n)):
                return True
        return False

    def _admin_cue_before(self, s: int) -> str | None:
        """"admin" when an admin-area word and "of" stand before ``s`` ("region of X")."""
        if s < 4 or self.text[s - 3 : s - 1] != "of":
            return None
        p = self._prev_spaced(s)
        if p is None or p[2] != "of":
            return None
        q = self._prev_spaced(p[0])
        if q is not None and q[2].lower() in self.lex.suffix_admin:
            return "admin"
        return None

    def _coordinated_admin_cue_before(self, s: int) -> str | None:
        """"admin" for the second of coordinated names after an admin cue
        ("the departments of Alibori and Atacora")."""
        m = _COORDINATED_BEFORE.search(self.text, max(0, s - 80), s)
        if m is None:
            return None
        return self._admin_cue_before(m.start(1))

    def _suffix_after(self, e: int) -> str | None:
        text = self.text
        if not (e + 1 < self.n_text and text[e] in _SPACE_SEPS and text[e + 1].lower() in self.memo.suffix_initials):
            return None
        w = TOKEN.match(text, e + 1).group().lower()  # (the token after the space)
        if w in self.lex.suffix_admin:
            return "admin"
        if w in self.lex.suffix_settlement:
            return "settlement"
        if w in ("and", "or"):
            # "the Atacora and Alibori departments": a plural suffix after the
            # coordinated name also marks this one
            m = _COORDINATED_SUFFIX.match(text, e)
            if m is not None:
                w = m.group(1).lower()
                if w.endswith("s") and w in self.lex.suffix_admin:
                    return "admin"
                if w.endswith("s") and w in self.lex.suffix_settlement:
                    return "settlement"
        return None

    def _ends(self, s: int, i: int) -> list[tuple[int, int]]:
        """Possible (end offset, cap index) of a name starting at ``s`` (cap
        token ``i``, or -1 for a lowercase prefix), longest first."""
        text, cs, ce, n = self.text, self.cs, self.ce, self.ncap
        conn = self.memo.conn_re
        if i >= 0:
            ends = [(ce[i], i)]
            e = ce[i]
            nc = i + 1
        else:
            ends = []
            e = TOKEN.match(text, s).end()
            nc = bisect_left(cs, s)
        count = 1
        last = self.n_text - 1
        while count < self.max_tokens and e < last and text[e] in _JOIN and text[e + 1].isalnum():
            p = e + 1
            if nc < n and cs[nc] == p:
                e = ce[nc]
                ends.append((e, nc))
                nc += 1
            else:
                m = conn.match(text, p) if conn is not None else None
                if m is None:
                    break
                e = m.end()
            count += 1
        ends.reverse()
        return ends

    def _match_span(self, s: int, i: int) -> tuple[int, int, str] | None:
        """The longest known name starting at ``s``: (end, cap index of its last token, text)."""
        text = self.text
        kn, known = self.memo.kn, self.memo.is_known
        for e, j in self._ends(s, i):
            name = text[s:e]
            hit = kn.get(name)
            if hit is None:
                hit = known(name)
            if hit:
                return e, j, name
        return None

    def detect(self) -> list[_Span]:
        self.mark_people_and_orgs()
        text, cs, ct = self.text, self.cs, self.ct
        spans: list[_Span] = []
        g = self.g
        skip = self.lex.skip_starts
        dead = self.memo.dead
        conn = self.memo.conn_re
        kn, known = self.memo.kn, self.memo.is_known
        ce, ncap, last_char = self.ce, self.ncap, self.n_text - 1
        done = -1  # offset up to which tokens are consumed
        fallback = self.fallback
        for s, i in self._starts():
            if s < done:
                continue
            if i >= 0:
                t = ct[i]
                if t in skip:
                    continue
                # A longer name (or a two-word demonym) goes on with a capitalised
                # word or a connector after a name separator.
                e = ce[i]
                if (e < last_char and text[e] in _JOIN and text[e + 1].isalnum()
                        and ((i + 1 < ncap and cs[i + 1] == e + 1)
                             or (conn is not None and conn.match(text, e + 1) is not None))):
                    matched = self._match_span(s, i)
                else:
                    if t in dead and fallback is None:
                        continue  # neither a name nor a demonym on its own
                    hit = kn.get(t)
                    if hit is None:
                        hit = known(t)
                    matched = (e, i, t) if hit else None
            else:
                matched = self._match_span(s, i)
            if matched is not None:
                e, j, name = matched
                done = e
                first = i if i >= 0 else bisect_left(cs, s)
                if (self._is_blocked(s, e) or self._org_or_person(s, e, first, j) or self._river(s, e, first)
                        or self._name_prefix_before(s, first)):
                    continue  # (a name prefix: "New Jersey" when only "Jersey" is known)
                sp = _Span(s, e, name, g.candidates(name))
                sp.cands = self._filter_case(sp)
                if sp.cands and not any(_is_area(p) for p in sp.cands) and self._in_unknown_run(s, e, first, j):
                    continue
                if sp.cands:
                    spans.append(sp)
                # else: an all-caps word that is not a place; a demonym is not tried
                continue
            if i < 0:
                continue
            dem = self._demonym_at(i) if self.memo.may_start_demonym(ct[i]) else None
            if dem is not None:
                done = dem.end
                if dem.demonym is not None and not self._is_blocked(dem.start, dem.end):
                    if not any(self.person[x] for x in range(i, dem.last + 1)):
                        spans.append(dem)
                continue
            if fallback is not None:
                unk = self._unknown_at(i)
                if unk is not None:
                    spans.append(unk)
                    done = unk.end
                    continue
            else:
                self.memo.note_dead(ct[i])  # no name and no demonym starts with this word
        return spans

    # ------------------------------------------------------------ run-level detection
    def _run_events(self, j0: int, b: int) -> tuple:
        """What detection finds in the run of capitalised tokens ``j0``..``b``
        (joined by name separators and connectors), from its own text only.

        Events, in order: ``(0, start, end, first, last, name, cands, flags)`` for
        a known name and ``(1, start, end, first, last, name, continental, place)``
        for a demonym (offsets relative to ``cs[j0]``, cap indexes relative to
        ``j0``). ``flags`` are the article-independent parts of the rejection
        tests; ``j0`` must start its run (the token before it is not joined).
        """
        text, cs, ce, ct = self.text, self.cs, self.ce, self.ct
        memo, lex = self.memo, self.lex
        skip = lex.skip_starts
        base = cs[j0]
        events = []
        done = -1
        for i in range(j0, b + 1):
            s = cs[i]
            if s < done:
                continue
            t = ct[i]
            if t in skip:
                continue
            m = self._match_span(s, i)
            if m is not None:
                e, j, name = m
                done = e
                cands = self.g.candidates(name)
                may_block = t in lex.nonplace or t in memo.nonplace_later
                # an organisation head noun ends the name or follows it
                org = cs[j] > s and ct[j] in lex.org_heads
                k, n = j, self.ncap
                while not org and k - j <= self.org_window and k + 1 < n and cs[k + 1] - ce[k] == 1 \
                        and text[ce[k]] in _SPACE_SEPS:
                    org = ct[k + 1] in lex.org_heads
                    k += 1
                pc = i - 1
                prev_adj = pc >= 0 and ce[pc] == s - 1 and text[s - 1] in _SPACE_SEPS
                river_prev = prev_adj and ct[pc] in lex.water_words
                prefix = (prev_adj and ct[pc] in lex.name_prefixes) if memo.prefixes_capitalised else None
                # the candidates ``_filter_case`` keeps outside a caps context, when
                # they differ from ``cands`` (else None: the caps context does not matter)
                upper = None
                if name.isupper() and name.replace(".", "").isupper() and len(name.replace(".", "")) > 1:
                    key = normalize_name(name)
                    kept = tuple(p for p in cands if normalize_name(p.name) != key and _is_area(p))
                    if kept != cands:
                        upper = (kept, any(_is_area(p) for p in kept))
                any_area = any(_is_area(p) for p in cands)
                unk_prev = pc if (prev_adj and memo.unknown_word(ct[pc])) else -1
                unk_next = j + 1 if (j < b and self._cap_follows(j, _SPACE_SEPS)
                                     and memo.unknown_word(ct[j + 1])) else -1
                flags = (may_block, org, river_prev, prefix, upper, any_area,
                         unk_prev - j0 if unk_prev >= 0 else -1, unk_next - j0 if unk_next >= 0 else -1,
                         memo.may_be_demonym(name))
                events.append((0, s - base, e - base, i - j0, j - j0, name, cands, flags))
                continue
            if memo.may_start_demonym(t):
                dem = self._demonym_form(i)
                if dem is not None:
                    e, last, name, continental, p = dem
                    done = e
                    # (the article-independent test of ``_demonym_span``: a country demonym)
                    country = not continental and p.kind == "country" and p.country is not None
                    # (``_is_blocked`` can only say yes when the first token starts a non-place phrase)
                    may_block = t in lex.nonplace or t in memo.nonplace_later
                    events.append((1, s - base, e - base, i - j0, last - j0, name, country, p, may_block))
        return tuple(events)

    def _demonym_form(self, i: int) -> tuple | None:
        """The demonym form ``_demonym_at`` decides on: (end, last cap index,
        text, continental?, place) of the longest form that is a continental
        adjective or names a country/region; None when there is none."""
        text = self.text
        s = self.cs[i]
        forms = self._demonym_forms(i)
        dem = self.memo.demonym
        for e, last in forms:
            if last is None:
                continue
            name = text[s:e]
            continental, p = dem(name)
            if continental or p is not None:
                return e, last, name, continental, p
        return None

    def detect_runs(self) -> list[_Span]:
        """``detect`` without a fallback geocoder, run by run: what a run of
        capitalised tokens holds is looked up by the run's text (kept per
        process); only the tests that read the article around it are made here."""
        self.mark_people_and_orgs()
        text, cs, ce, ct = self.text, self.cs, self.ce, self.ct
        n = self.ncap
        spans: list[_Span] = []
        self.demonym_names_seen = False
        memo = self.memo
        runs = memo.runs
        person = self.person
        lex = self.lex
        extra = prefix_starts(text, lex.lowercase_prefixes_lower) if lex.lowercase_prefixes_lower else []
        px = 0
        next_prefix = extra[0] if extra else self.n_text
        done = -1
        last_char = self.n_text - 1
        water, ww = memo.water_initials, lex.water_words
        n_text, lang_cues, actor_mode = self.n_text, lex.language_cues, self.actor_mode
        joins = self.joins
        # ``keep[k]``: cap token k starts a run to look at; a one-token run known
        # to hold nothing is skipped (it changes nothing)
        keep = bytearray(map(not_, map(memo.empty_runs.__contains__, ct)))
        run_end: dict[int, int] = {}  # first -> last cap index of runs of 2+ tokens
        if joins:
            a = b = joins[0]
            for k in joins:
                if k != b:
                    run_end[a] = b
                    a = k
                b = k + 1
            run_end[a] = b
            for a, b in run_end.items():
                keep[a] = 1
                keep[a + 1 : b + 1] = bytes(b - a)
        order = compress(range(n), keep)
        get_end = run_end.get
        for a in order:
            b = get_end(a, a)
            # lowercase name prefixes ("sub-Saharan") before this run
            if next_prefix < cs[a]:
                while px < len(extra) and extra[px] < cs[a]:
                    ps = extra[px]
                    px += 1
                    if ps >= done:
                        done = self._prefix_at(ps, spans, done)
                next_prefix = extra[px] if px < len(extra) else self.n_text
            j0 = a
            while j0 <= b and cs[j0] < done:
                j0 += 1
            if j0 > b:
                continue
            if j0 == a:
                key = ct[a] if a == b else text[cs[a] : ce[b]]
                events = runs.get(key)
                if events is None:
                    events = self._run_events(a, b)
                    if len(runs) > _MEMO_LIMIT:
                        runs.clear()
                        memo.empty_runs.clear()
                    runs[key] = events
                    if not events and a == b:
                        memo.empty_runs.add(key)
            else:
                events = self._run_events(j0, b)  # depends on the token before j0: not kept
            base = cs[j0]
            for ev in events:
                s = base + ev[1]
                e = base + ev[2]
                first = j0 + ev[3]
                j = j0 + ev[4]
                done = e
                if ev[0] == 0:
                    may_block, org, river_prev, prefix, upper, any_area, unk_prev, unk_next, dem_name = ev[7]
                    if org or river_prev or prefix:
                        continue
                    if may_block and self._is_blocked(s, e):
                        continue
                    if (person[first] if first == j else any(person[first : j + 1])):
                        continue
                    # "HEAD of [the] X": the word before must end in f, e or r
                    # (the character before ``s`` is no letter/digit: ``s`` starts a token)
                    # (when one character separates them: "of", "the" or "for" itself; when
                    # two do, the word's last letter is the third character before ``s``)
                    if s < 3 or ((text[s - 3] in "fer" or not text[s - 3].isalnum())
                                 if not text[s - 2].isalnum() else
                                 (text[s - 3 : s - 1] == "of" if text[s - 2] == "f"
                                  else text[s - 2] in "er" and text[s - 4 : s - 1] in ("the", "for"))):
                        if self._head_of_before(s):
                            continue
                    # followed by a water word ("Niger River")
                    if (e < last_char and text[e + 1] in water and text[e] in _SPACE_SEPS
                            and TOKEN.match(text, e + 1).group() in ww):
                        continue
                    if prefix is None and self._name_prefix_before(s, first):
                        continue
                    cands = ev[6]
                    if upper is not None:
                        if not self._caps_context(s, e):
                            cands, any_area = upper
                            if not cands:
                                continue
                    elif not cands:
                        continue
                    if not any_area:
                        if unk_prev >= 0:
                            k = j0 + unk_prev
                            if (not self._has_lower_word(ct[k].lower()) and not _sentence_initial(text, cs[k])):
                                continue
                        if unk_next >= 0 and not self._has_lower_word(ct[j0 + unk_next].lower()):
                            continue
                    spans.append(_Span(s, e, ev[5], cands))
                    if dem_name:
                        self.demonym_names_seen = True
                elif ev[6]:
                    # (``_demonym_span`` for a country demonym, inline)
                    if e + 1 < n_text and text[e] in _LANG_SEPS and text[e + 1].isalnum():
                        if TOKEN.match(text, e + 1).group().lower() in lang_cues:
                            continue
                    if actor_mode and not self._actor_context(e):
                        continue
                    if not (ev[8] and self._is_blocked(s, e)) and not any(person[first : j + 1]):
                        spans.append(_Span(s, e, ev[5], via="demonym", demonym=ev[7], last=j))
        while px < len(extra):
            ps = extra[px]
            px += 1
            if ps >= done:
                done = self._prefix_at(ps, spans, done)
        return spans

    def _prefix_at(self, s: int, spans: list[_Span], done: int) -> int:
        """A name starting with a lowercase prefix at ``s`` (the ``i = -1`` path of ``detect``)."""
        matched = self._match_span(s, -1)
        if matched is None:
            return done
        e, j, name = matched
        first = bisect_left(self.cs, s)
        if (self._is_blocked(s, e) or self._org_or_person(s, e, first, j) or self._river(s, e, first)
                or self._name_prefix_before(s, first)):
            return e
        sp = _Span(s, e, name, self.g.candidates(name))
        sp.cands = self._filter_case(sp)
        if sp.cands and not any(_is_area(p) for p in sp.cands) and self._in_unknown_run(s, e, first, j):
            return e
        if sp.cands:
            spans.append(sp)
            if self.memo.may_be_demonym(name):
                self.demonym_names_seen = True
        return e

    def _demonym_span(self, s: int, e: int, last: int, name: str, continental: bool, p: Place) -> _Span | None:
        """The demonym span ``_demonym_at`` returns when its form is known: a
        country demonym in a state-actor context, else None."""
        if continental or p.kind != "country" or p.country is None:
            return None
        text = self.text
        if e + 1 < self.n_text and text[e] in _LANG_SEPS and text[e + 1].isalnum():
            if TOKEN.match(text, e + 1).group().lower() in self.lex.language_cues:
                return None
        if self.actor_mode and not self._actor_context(e):
            return None
        return _Span(s, e, name, via="demonym", demonym=p, last=last)

    def _unknown_at(self, i: int) -> _Span | None:
        """A capitalised name after a locative cue that the gazetteer lacks."""
        text, cs, ce, ct = self.text, self.cs, self.ce, self.ct
        t, s = ct[i], cs[i]
        if _is_caps(t) or self.person[i] or self._org_marked(s, ce[i]) or _sentence_initial(text, s):
            return None
        j = i
        while j - i < 2 and self._cap_follows(j, _SPACE_SEPS):
            j += 1
        e = ce[j]
        if not (self._cue_before(s) or self._suffix_after(e)):
            return None
        if t.lower() in self.lex.common_words or t in self.lex.given_names:
            return None
        if self._is_blocked(s, e) or self._org_or_person(s, e, i, j) or self._river(s, e, i):
            return None
        if self.g.demonym(t) is not None:
            return None
        return _Span(s, e, text[s:e], unknown=True)


# ---------------------------------------------------------------- ranking


def _kind_key(p: Place, major_pop: int) -> str:
    if p.kind in ("country", "continent"):
        return p.kind
    if p.kind == "region":
        return "region_macro" if p.country is None else "region"
    if p.kind == "city":
        if p.feature_code in ("PPLC", "PPLA") or p.population >= major_pop:
            return "city_major"
        return "city"
    return p.kind


def focus_countries(spans_or_mentions: list[Any]) -> Counter:
    """ISO2 -> weight of countries an article names (names 1.0, demonyms 0.5)."""
    c: Counter = Counter()
    for sp in spans_or_mentions:
        if getattr(sp, "via", "name") == "demonym":
            p = sp.demonym if isinstance(sp, _Span) else sp.place
            if p is not None and p.country:
                c[p.country] += 0.5
            continue
        cands = sp.cands if isinstance(sp, _Span) else ((sp.place,) if sp.place else ())
        for p in cands:
            if p.kind == "country" and p.country:
                c[p.country] += 1.0
                break
    return c


def _span_focus(spans: list[_Span]) -> dict[str, float]:
    """``focus_countries`` of detected spans (the same sums, in the same order)."""
    c: dict[str, float] = {}
    for sp in spans:
        if sp.via == "demonym":
            p = sp.demonym
            if p is not None and p.country:
                c[p.country] = c.get(p.country, 0) + 0.5
            continue
        for p in sp.cands:
            if p.kind == "country" and p.country:
                c[p.country] = c.get(p.country, 0) + 1.0
                break
    return c


def _explicit(spans: list[_Span], text: str) -> None:
    """Mark countries made explicit by the context of each span."""
    prv = None
    for nxt in spans:
        if prv is not None:
            a, b = prv.end, nxt.start
            # "X, Mali", "X in Mali": the next span makes a country explicit for X
            if b - a <= 40 and nxt.via == "name":
                gap = text[a:b]
                # (substring pre-check: a comma or one of ``_EXPLICIT_WORDS`` is needed)
                if ("," in gap or "in" in gap or "of" in gap or "near" in gap) and _EXPLICIT_GAP.match(gap):
                    if gap.strip() == "," or not _EXPLICIT_WORDS.isdisjoint(_LOWER_WORD.findall(gap)):
                        prv.explicit |= _area_countries(nxt)
                        if _EXPLICIT_IN.match(gap):
                            prv.explicit_in |= _area_countries(nxt)
            # "Mali's X": the span before makes a country explicit for X
            if prv.via == "name" and a < b and text[a] in "'\u2019" and _POSSESSIVE_GAP.match(text, a, b):
                nxt.explicit |= _area_countries(prv)
        prv = nxt


def _sentence_areas(spans: list[_Span], article: Article, parser: "_Parser") -> None:
    """Set ``local`` of each span: the first-level admin areas, as (country, admin-1
    name), that its sentence names with an admin suffix ("in the Tillaberi region",
    "Zamfara State"). A minor settlement inside one of them outranks its namesake in
    the article's focus country ("Manda ... in the Tillaberi region" is Manda, Niger,
    in a round-up about Senegal)."""
    if len(spans) < 2:
        return
    by_sent: dict[int, list[tuple[int, frozenset]]] = {}
    for sp in spans:
        if sp.via != "name":
            continue
        areas = frozenset((p.country, p.admin1) for p in sp.cands
                          if p.feature_code == "ADM1" and p.country and p.admin1)
        if areas and parser._suffix_after(sp.end) == "admin":
            i = article.sentence_index(sp.start)
            if i is not None:
                by_sent.setdefault(i, []).append((sp.start, areas))
    if not by_sent:
        return
    for sp in spans:
        group = by_sent.get(article.sentence_index(sp.start))
        if group:
            local = frozenset().union(*(a for start, a in group if start != sp.start))
            if local:
                sp.local = local


def _area_countries(sp: _Span) -> set[str]:
    out = {p.country for p in sp.cands if p.kind == "country" and p.country}
    if not out:
        out = {p.country for p in sp.cands if p.kind == "region" and p.country}
    return out


def _static_score(p: Place, lex: Lexicon) -> float:
    """The article-independent part of a candidate's score (kind, population, capital)."""
    w = lex.config["weights"]
    major = int(lex.config["prominent_population"])
    s = float(w["kind"].get(_kind_key(p, major), 0.5))
    s += float(w["population_log10"]) * math.log10(max(p.population, 0) + 1)
    if p.feature_code == "PPLC":
        s += float(w["capital"])
    if p.population >= int(w["megacity_population"]) and p.kind == "city":
        s += float(w["megacity"])
    return s


_WEIGHTS: dict[int, tuple[Lexicon, tuple[float, ...]]] = {}


def _weights(lex: Lexicon) -> tuple[float, ...]:
    """The ranker's weights as floats: explicit, focus, region (inside / outside
    the focus), admin suffix, settlement suffix."""
    hit = _WEIGHTS.get(id(lex))
    if hit is None or hit[0] is not lex:
        w = lex.config["weights"]
        hit = _WEIGHTS[id(lex)] = (lex, tuple(float(w[k]) for k in (
            "explicit", "focus", "region", "region_outside_focus", "admin_suffix", "settlement_suffix",
            "inside_named_area")))
    return hit[1]


def _prepared(cands: tuple[Place, ...], lex: Lexicon, static: dict) -> tuple:
    """Per candidate, what ``_best`` reads that does not depend on the article:
    (place, static score, country, regional prior, is a region?, is a settlement?).
    Kept in ``static`` by the identity of the ``cands`` tuple."""
    hit = static.get(id(cands))
    if hit is not None and hit[0] is cands:
        return hit[1]
    prior_of = lex.regional_prior
    prep = []
    for p in cands:
        st = static.get(p.id)
        if st is None:
            st = static[p.id] = _static_score(p, lex)
        c = p.country
        prep.append((p, st, c, prior_of.get(c, 0.0) if c else 0.0, p.kind == "region", p.kind in ("city", "village")))
    prep = tuple(prep)
    static[id(cands)] = (cands, prep)
    return prep


def _best(cands: tuple[Place, ...], explicit: frozenset[str], focus: dict, focus_max: float, in_region: bool,
          suffix: str | None, lex: Lexicon, static: dict, local: frozenset = _NO_COUNTRIES) -> Place:
    """The best-scoring candidate (the first one on a tie). Score: the static part,
    then explicit country, article focus, regional prior, suffix and, for a minor
    settlement, lying inside an admin-1 area its sentence names (added in that order)."""
    w_explicit, w_focus, w_in, w_out, w_admin, w_settle, w_local = _weights(lex)
    w_region = w_in if in_region else w_out
    admin, settlement = suffix == "admin", suffix == "settlement"
    best, best_s = None, 0.0
    for p, s, c, prior, is_region, is_settlement in _prepared(cands, lex, static):
        if c:
            if c in explicit:
                s += w_explicit
            if focus_max:
                s += w_focus * focus.get(c, 0.0) / focus_max
            s += prior * w_region
        if admin:
            if is_region:
                s += w_admin
        elif settlement and is_settlement:
            s += w_settle
        if local and is_settlement and (c, p.admin1) in local and not _prominent(p, "", lex.config, lex):
            s += w_local
        if best is None or s > best_s:
            best, best_s = p, s
    return best


def _is_area(p: Place) -> bool:
    """A country, continent or multi-country region."""
    return p.kind in ("country", "continent") or (p.kind == "region" and p.country is None)


def _weak_name(p: Place, surface: str, lex: Lexicon, gazetteer: Any = None) -> bool:
    """A non-area name that needs a locative cue, suffix or explicit pattern: a
    common English word ("Reading"), a given name ("Florence"), or a name reached
    through a GeoNames alternate name ("More" -> Mora; a hand-curated alias such as
    a press spelling is not weak)."""
    if _is_area(p):
        return False
    key = normalize_name(surface)
    if key in lex.common_words or (surface in lex.given_names and p.feature_code != "PPLC"):
        return True
    if normalize_name(p.name).startswith(key):
        return False
    curated = getattr(gazetteer, "is_curated_name", None)
    return not (curated is not None and curated(surface, p.id))


def _town_over_own_region(best: Place, cands: tuple[Place, ...]) -> Place:
    """A bare name shared by a town and its own admin area ("Mopti") is the town:
    when ``best`` is an admin area and a town of the same country and admin-1 area
    comes before it in the gazetteer's order (towns before areas), that town."""
    if best.kind != "region" or best.precision != "admin" or best.country is None:
        return best
    for p in cands:
        if p is best:
            return best
        if (p.kind == "city" and p.country == best.country
                and (p.admin1 is None or best.admin1 is None or p.admin1 == best.admin1)):
            return p
    return best


def _proper_admin_area(p: Place, sp: _Span, parser: _Parser, cfg: dict) -> bool:
    """A common-word name ("Wales") that is a populous admin-1 area, written
    capitalised mid-sentence and never in lowercase in the article."""
    if p.feature_code != "ADM1" or p.population < int(cfg["common_word_admin_population"]):
        return False
    return (not _sentence_initial(parser.text, sp.start)
            and not parser._has_lower_word(sp.text.lower()))


def _prominent(p: Place, surface: str, cfg: dict, lex: Lexicon) -> bool:
    """A place well known enough to be accepted without supporting context."""
    if _is_area(p):
        return True
    if p.population >= int(cfg["prominent_population"]):
        return True
    return p.feature_code in cfg["prominent_feature_codes"]


def find_places(article: Article, gazetteer: Any, *, fallback: Any = None) -> list[PlaceMention]:
    """Every place ``article`` names, geocoded, ordered by offset.

    ``gazetteer`` is a :class:`sahelmap.gazetteer.Gazetteer` (or anything with
    ``is_known_name``, ``candidates``, ``demonym`` and ``max_name_tokens``).
    ``fallback`` (optional) has geopy's ``geocode(query)``; it is asked only
    for capitalised names after a locative cue that the gazetteer lacks.
    """
    lex = lexicon()
    parser = _Parser(article, gazetteer, lex, fallback)
    spans = parser.detect() if fallback is not None else parser.detect_runs()
    if parser.memo.demonym_names and parser.demonym_names_seen:
        spans = parser.prefer_demonyms(spans)
    focus = _span_focus(spans)
    focus_max = max(focus.values(), default=0.0)
    in_region = any(c in lex.regional_prior for c in focus)
    _explicit(spans, article.text)
    _sentence_areas(spans, article, parser)
    cfg = lex.config
    out: list[PlaceMention] = []
    cache: dict[str, Place | None] = {}
    best_memo: dict[tuple, tuple[Place, Place, tuple[bool, bool]]] = {}
    static = parser.memo.static_score
    if len(static) > _MEMO_LIMIT:
        static.clear()
    support = parser.memo.support
    if len(support) > _MEMO_LIMIT:
        support.clear()
    file = article.file
    text = article.text
    last_char = len(text) - 1
    suffix_initials = parser.memo.suffix_initials
    for sp in spans:
        if sp.via == "demonym":
            out.append(_mention(file, sp.text, sp.start, sp.end, sp.demonym, "demonym"))
            continue
        if sp.unknown:
            out.append(PlaceMention(article.file, sp.text, sp.start, sp.end,
                                    _ask_fallback(fallback, sp.text, cache)))
            continue
        # (the pre-checks of ``_suffix_after`` / ``_admin_cue_before``, inline)
        e, s = sp.end, sp.start
        suffix = None
        if e < last_char and text[e] in _SPACE_SEPS and text[e + 1].lower() in suffix_initials:
            suffix = parser._suffix_after(e)
        if suffix is None and s >= 4 and text[s - 3 : s - 1] == "of":
            suffix = parser._admin_cue_before(s)
        elif suffix is None and s >= 5 and text[s - 4 : s - 1] in ("and", " or"):
            suffix = parser._coordinated_admin_cue_before(s)
        memo_key = (sp.text, sp.explicit, suffix, sp.local)
        hit = best_memo.get(memo_key)
        if hit is None:
            cands = sp.cands
            best = cands[0] if len(cands) == 1 else _best(cands, sp.explicit, focus, focus_max, in_region, suffix,
                                                           lex, static)
            if sp.local and suffix != "admin" and len(cands) > 1 and not _prominent(best, sp.text, cfg, lex):
                # (a minor place: the one inside an admin area its sentence names, if any)
                best = _best(cands, sp.explicit, focus, focus_max, in_region, suffix, lex, static, sp.local)
            # the support checks below judge ``best``; a town standing for its own
            # same-named admin area is what is reported
            town = best if suffix == "admin" else _town_over_own_region(best, sp.cands)
            # (weak name?, prominent?) depend on the surface and the place only
            need = support.get((sp.text, best.id))
            if need is None:
                weak = _weak_name(best, sp.text, lex, gazetteer)
                need = support[(sp.text, best.id)] = (weak, weak or _prominent(best, sp.text, cfg, lex))
            hit = best_memo[memo_key] = (best, town, need)
        best, town, need = hit
        # an explicit country ("X, Mali", "X in Mali") supports only a place in it;
        # a minor place it contradicts ("the village of X in Burkina Faso" when the
        # gazetteer knows X only in Mali) is the wrong X: not reported
        if sp.explicit_in and best.country not in sp.explicit_in and not need[1]:
            continue
        # (``strong``, the locative-cue test last, is only asked for when needed)
        if need[0]:
            strong = best.country in sp.explicit or suffix is not None or parser._cue_before(sp.start)
            if not (strong or _proper_admin_area(best, sp, parser, cfg)):
                continue
        elif not need[1]:
            strong = best.country in sp.explicit or suffix is not None or parser._cue_before(sp.start)
            supported = strong or (
                focus_max
                and focus.get(best.country, 0.0) / focus_max >= float(cfg["focus_share_min"])
                and normalize_name(sp.text) not in lex.common_words
                and not _sentence_initial(article.text, sp.start)
            )
            if not supported:
                continue
        # A minor place of the Sahel / West Africa (the regional prior) in an
        # article about countries outside that region, in none of them and named
        # in no explicit pattern is the local place the gazetteer lacks, not its
        # namesake ("at Boga" in a Congo story is not Boga, Niger).
        if (focus and not in_region and best.country not in focus and best.country not in sp.explicit
                and lex.regional_prior.get(best.country or "", 0.0) > 0.0
                and not _prominent(best, sp.text, cfg, lex)):
            continue
        out.append(_mention(file, sp.text, sp.start, sp.end, town))
    return out


def _ask_fallback(fallback: Any, name: str, cache: dict[str, Place | None]) -> Place | None:
    if name in cache:
        return cache[name]
    place = None
    try:
        from sahelmap import geocoders

        loc = fallback.geocode(name)
        if loc is not None:
            place = geocoders.location_to_place(loc)
    except Exception:  # noqa: BLE001 - one failing lookup must not stop the article
        place = None
    cache[name] = place
    return place
