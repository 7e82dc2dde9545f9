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
   ("X village", "X region"), an explicit pattern, or a focus-country candidate
   that is not sentence-initial.

Unresolvable names: a plausible toponym the gazetteer lacks (a capitalised name
after a locative cue) is only reported when a ``fallback`` geocoder is given; if
the fallback has no answer or fails, the mention is returned with
``place=None``. One such name never affects the other mentions. Without a
fallback, names the gazetteer does not know are not reported.

All word lists and weights are data (``data/geoparse/``, see ``geolex``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sahelmap.geolex import Lexicon, lexicon
from sahelmap.records import Article, Place, PlaceMention
from sahelmap.textnorm import normalize_name

__all__ = ["find_places", "focus_countries"]

# Word tokens: dotted abbreviations ("U.S.") or runs of letters/digits.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+")
# Separators allowed inside a multi-word name.
_JOIN = frozenset({" ", "-", "'", "\u2019", "\u00a0", "\u2010", "\u2011"})
_SPACE_SEPS = frozenset({" ", "\u00a0"})
_TITLE_SEPS = frozenset({" ", "\u00a0", ". ", ".\u00a0"})
_SENT_END = frozenset(".!?\n\"\u201c\u201d\u2018':;•\u2022([")
# Text between a name and a following country that makes the country explicit:
# "X, Mali", "X in Mali", "X village in Mali", "X, a town in Portugal".
_EXPLICIT_GAP = re.compile(r"^(?:\s*,\s*|\s+)(?:[a-z]+[\s,]+){0,6}$")
_EXPLICIT_WORDS = frozenset({"in", "of", "near"})
_POSSESSIVE_GAP = re.compile(r"^['\u2019]s\s+(?:[a-z]+\s+){0,2}$")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    cap: bool
    caps: bool  # all capitals, 2+ letters


@dataclass(slots=True)
class _Span:
    i: int  # first token
    j: int  # last token
    start: int
    end: int
    text: str
    cands: tuple[Place, ...] = ()
    via: str = "name"
    demonym: Place | None = None
    unknown: bool = False  # plausible toponym the gazetteer lacks
    place: Place | None = None
    explicit: set[str] = field(default_factory=set)


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), t, t[0].isupper(), len(t) > 1 and t.isupper())
            for m in _TOKEN.finditer(text) for t in (m.group(),)]


def _sep(text: str, toks: list[_Tok], k: int) -> str:
    """The text between token k and token k+1 ('' at the end)."""
    if k + 1 >= len(toks):
        return ""
    return text[toks[k].end : toks[k + 1].start]


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


def _match_phrase(toks: list[_Tok], text: str, i: int, phrase: tuple[str, ...]) -> int:
    """Index of the last token when ``phrase`` matches at token i, else -1."""
    n = len(phrase)
    if i + n > len(toks):
        return -1
    for k in range(n):
        if toks[i + k].text != phrase[k]:
            return -1
        if k < n - 1 and _sep(text, toks, i + k) not in _JOIN:
            return -1
    return i + n - 1


class _Parser:
    """State for parsing one article (tokens, lexicon, gazetteer)."""

    def __init__(self, article: Article, gazetteer: Any, lex: Lexicon, fallback: Any):
        self.a = article
        self.text = article.text
        self.g = gazetteer
        self.lex = lex
        self.cfg = lex.config
        self.fallback = fallback
        self.toks = _tokens(self.text)
        n = len(self.toks)
        toks, text = self.toks, self.text
        self.seps = [text[toks[k].end : toks[k + 1].start] for k in range(n - 1)] + [""] if n else []
        self.max_tokens = int(getattr(gazetteer, "max_name_tokens", 6)) + 2
        self.blocked = self._nonplace_cover()
        self.person = [False] * n
        self.org_run = [False] * n
        self.surnames: set[str] = set()
        self.lower_words = {t.text for t in self.toks if t.text.islower()}

    # ------------------------------------------------------------ pre-passes
    def _nonplace_cover(self) -> list[tuple[int, int]]:
        """(first, last) token ranges covered by non-place phrases."""
        out = []
        idx = self.lex.nonplace
        for i, t in enumerate(self.toks):
            phrases = idx.get(t.text)
            if not phrases:
                continue
            for ph in phrases:
                j = _match_phrase(self.toks, self.text, i, ph)
                if j >= 0:
                    out.append((i, j))
                    break
        return out

    def _is_blocked(self, i: int, j: int) -> bool:
        return any(a <= i and j <= b for a, b in self.blocked)

    def mark_people_and_orgs(self) -> None:
        """Mark tokens that belong to person names and known organisation names."""
        toks, seps, lex = self.toks, self.seps, self.lex
        n = len(toks)
        maxp = int(self.cfg["person_name_max_tokens"])
        for i, t in enumerate(toks):
            if not t.cap:
                continue
            # Known organisation names: the whole capitalised run from there on.
            phrases = lex.known_orgs.get(t.text)
            if phrases:
                for ph in phrases:
                    j = _match_phrase(toks, self.text, i, ph)
                    if j >= 0:
                        k = j
                        while k + 1 < n and seps[k] in _SPACE_SEPS and toks[k + 1].cap:
                            k += 1
                        for x in range(i, k + 1):
                            self.org_run[x] = True
                        break
            title = t.text in lex.person_titles
            given = t.text in lex.given_names and not self._is_country_name(t.text)
            if not (title or given):
                continue
            seps_ok = _TITLE_SEPS if title else _SPACE_SEPS
            k, names = i, []
            while k + 1 < n and len(names) < maxp and seps[k] in seps_ok and toks[k + 1].cap:
                nxt = toks[k + 1]
                if nxt.text in lex.person_titles or nxt.caps:
                    if title:  # "Prime Minister X", "Lib Dem MP X"
                        k += 1
                        continue
                    break
                if given and (nxt.text in lex.suffix_settlement or nxt.text in lex.suffix_admin
                              or nxt.text in lex.water_words):
                    break
                names.append(k + 1)
                k += 1
                seps_ok = _SPACE_SEPS
            if given and names:
                pair = self.text[t.start : toks[names[0]].end]
                if self.g.is_known_name(pair):
                    continue
                names.insert(0, i)
            if not names:
                continue
            for x in names:
                self.person[x] = True
            self.surnames.add(toks[names[-1]].text)
        for i, t in enumerate(toks):
            if (t.cap and not t.caps and i + 1 < n and seps[i] in _SPACE_SEPS
                    and toks[i + 1].text in lex.speech_verbs and not (i > 0 and seps[i - 1] in _SPACE_SEPS
                                                                   and toks[i - 1].cap)
                    and not self._is_area_or_capital(t.text)):
                self.surnames.add(t.text)
        for i, t in enumerate(toks):
            if t.cap and t.text in self.surnames:
                self.person[i] = True

    def _is_area_or_capital(self, s: str) -> bool:
        if not self.g.is_known_name(s):
            return True  # not a place anyway: nothing to protect, nothing to mark
        return any(_is_area(p) or p.feature_code == "PPLC" for p in self.g.candidates(s))

    def _is_country_name(self, s: str) -> bool:
        return any(p.kind == "country" for p in self.g.candidates(s))

    # ------------------------------------------------------------ detection
    def _can_start(self, i: int) -> bool:
        t = self.toks[i]
        if t.cap:
            return t.text not in self.lex.skip_starts
        return t.text in self.lex.lowercase_prefixes and self.seps[i] == "-"

    def _ends(self, i: int) -> list[int]:
        """Possible last tokens of a name starting at token i, longest first."""
        toks, seps, lex = self.toks, self.seps, self.lex
        ends = [i] if toks[i].cap else []
        k = i
        while k + 1 < len(toks) and k - i + 1 < self.max_tokens and seps[k] in _JOIN:
            nxt = toks[k + 1]
            if nxt.cap:
                ends.append(k + 1)
            elif nxt.text not in lex.connectors:
                break
            k += 1
        ends.reverse()
        return ends

    def _caps_context(self, i: int, j: int) -> bool:
        """An all-caps span standing in all-caps text (dateline, headline)."""
        toks = self.toks
        if _line_start(self.text, toks[i].start):
            return True
        if i > 0 and toks[i - 1].caps and self.seps[i - 1].strip(" ,-\u2013\u2014") == "":
            return True
        if j + 1 < len(toks) and toks[j + 1].caps and self.seps[j].strip(" ,-\u2013\u2014") == "":
            return True
        return False

    def _filter_case(self, sp: _Span) -> tuple[Place, ...]:
        """Drop case-insensitive matches of all-caps words outside a caps context."""
        letters = sp.text.replace(".", "")
        if not (letters.isupper() and len(letters) > 1):
            return sp.cands
        if self._caps_context(sp.i, sp.j):
            return sp.cands
        key = normalize_name(sp.text)
        # Keep only countries and macro-regions reached through an abbreviation
        # (UK, CAR, DRC), not a name written in capitals ("AFP", "ISIS") nor
        # codes of towns ("PMC").
        return tuple(p for p in sp.cands if normalize_name(p.name) != key and _is_area(p))

    def _org_or_person(self, i: int, j: int) -> bool:
        toks, seps, lex = self.toks, self.seps, self.lex
        if any(self.person[x] or self.org_run[x] for x in range(i, j + 1)):
            return True
        if j > i and toks[j].text in lex.org_heads:  # "European Union"
            return True
        # followed by an organisation head noun ("Accra Initiative", "Africa Corps")
        window = int(self.cfg["org_head_window"])
        k = j
        while k + 1 < len(toks) and k - j <= window and seps[k] in _SPACE_SEPS and toks[k + 1].cap:
            if toks[k + 1].text in lex.org_heads:
                return True
            k += 1
        # "HEAD of [the] X" ("House of Commons", "University of Bamako")
        k = i - 1
        if k >= 1 and toks[k].text == "the":
            k -= 1
        if k >= 1 and toks[k].text in ("of", "for") and toks[k - 1].text in lex.org_heads:
            return True
        return False

    def _river(self, i: int, j: int) -> bool:
        toks, seps, ww = self.toks, self.seps, self.lex.water_words
        if j + 1 < len(toks) and seps[j] in _SPACE_SEPS and toks[j + 1].text in ww:
            return True
        return i > 0 and seps[i - 1] in _SPACE_SEPS and toks[i - 1].text in ww and toks[i - 1].cap

    def _unknown_neighbour(self, k: int) -> bool:
        """Token k is a capitalised word that is no place, title, demonym or common word."""
        t = self.toks[k]
        if not t.cap or t.caps or t.text in self.lex.skip_starts or t.text in self.lex.person_titles:
            return False
        if t.text in self.lex.nonplace or t.text in self.lex.org_heads:
            return False
        low = t.text.lower()
        if low in self.lower_words or low in self.lex.suffix_settlement or low in self.lex.suffix_admin:
            return False
        return not self.g.is_known_name(t.text) and self.g.demonym(t.text) is None

    def _in_unknown_run(self, sp: _Span) -> bool:
        """The name sits inside a longer capitalised name the gazetteer lacks
        ("Kobe Bryant", "Conway Hall"): not a mention of the place."""
        i, j = sp.i, sp.j
        if (i > 0 and self.seps[i - 1] in _SPACE_SEPS and self._unknown_neighbour(i - 1)
                and not _sentence_initial(self.text, self.toks[i - 1].start)):
            return True
        return j + 1 < len(self.toks) and self.seps[j] in _SPACE_SEPS and self._unknown_neighbour(j + 1)

    def _demonym_at(self, i: int) -> _Span | None:
        toks, seps, lex = self.toks, self.seps, self.lex
        maxd = int(self.cfg["max_demonym_tokens"])
        for n in range(maxd, 0, -1):
            j = i + n - 1
            if j >= len(toks) or not toks[j].cap:
                continue
            if any(seps[k] not in _SPACE_SEPS for k in range(i, j)):
                continue
            s = self.text[toks[i].start : toks[j].end]
            if normalize_name(s) in lex.continental:
                return _Span(i, j, toks[i].start, toks[j].end, s)  # blocks shorter forms
            p = self.g.demonym(s)
            if p is None:
                continue
            if p.kind != "country" or p.country is None:
                return _Span(i, j, toks[i].start, toks[j].end, s)
            # language expressions: "English-language", "French-speaking"
            if j + 1 < len(toks) and seps[j] in ("-", " ", "\u2011") and toks[j + 1].text.lower() in lex.language_cues:
                return _Span(i, j, toks[i].start, toks[j].end, s)
            if self.cfg.get("demonym_mode", "actor") == "actor" and not self._actor_context(j):
                return _Span(i, j, toks[i].start, toks[j].end, s)
            return _Span(i, j, toks[i].start, toks[j].end, s, via="demonym", demonym=p)
        return None

    def _actor_context(self, j: int) -> bool:
        """The demonym ending at token j denotes the state acting."""
        toks, seps, lex = self.toks, self.seps, self.lex
        if j + 1 >= len(toks):
            return False
        if seps[j] in ("-", "\u2011") and toks[j + 1].text.lower() in lex.actor_suffixes:
            return True
        k = j
        while k + 1 < len(toks) and k - j < 2 and seps[k] in _SPACE_SEPS:
            w = toks[k + 1].text.lower()
            if w in lex.actor_nouns:
                return True
            if not toks[k + 1].text.islower():
                return False
            k += 1
        return False

    def _cue_before(self, i: int) -> bool:
        toks = self.toks
        if i == 0:
            return False
        prev = toks[i - 1]
        if self.seps[i - 1] not in _SPACE_SEPS:
            return False
        low = prev.text.lower()
        if low in self.lex.locative_single and not prev.cap:
            return True
        for ph in self.lex.locative_multi:
            n = len(ph)
            if i - n < 0:
                continue
            if all(toks[i - n + k].text.lower() == ph[k] for k in range(n)):
                return True
        return False

    def _suffix_after(self, j: int) -> str | None:
        toks = self.toks
        if j + 1 >= len(toks) or self.seps[j] not in _SPACE_SEPS:
            return None
        w = toks[j + 1].text.lower()
        if w in self.lex.suffix_admin:
            return "admin"
        if w in self.lex.suffix_settlement:
            return "settlement"
        return None

    def detect(self) -> list[_Span]:
        self.mark_people_and_orgs()
        toks, text = self.toks, self.text
        spans: list[_Span] = []
        i, n = 0, len(toks)
        g = self.g
        while i < n:
            if not self._can_start(i):
                i += 1
                continue
            matched = None
            for j in self._ends(i):
                s = text[toks[i].start : toks[j].end]
                if g.is_known_name(s):
                    matched = _Span(i, j, toks[i].start, toks[j].end, s)
                    break
            if matched is not None:
                sp = matched
                i = sp.j + 1
                if self._is_blocked(sp.i, sp.j) or self._org_or_person(sp.i, sp.j) or self._river(sp.i, sp.j):
                    continue
                if sp.i > 0 and self.seps[sp.i - 1] in _SPACE_SEPS and toks[sp.i - 1].text in self.lex.name_prefixes:
                    continue  # "New Jersey" when only "Jersey" is known
                sp.cands = g.candidates(sp.text)
                sp.cands = self._filter_case(sp)
                if sp.cands and not any(_is_area(p) for p in sp.cands) and self._in_unknown_run(sp):
                    continue
                if sp.cands:
                    spans.append(sp)
                else:
                    # an all-caps word that is not a place; a demonym is not tried
                    pass
                continue
            if not toks[i].cap:
                i += 1
                continue
            dem = self._demonym_at(i)
            if dem is not None:
                i = dem.j + 1
                if dem.demonym is not None and not self._is_blocked(dem.i, dem.j) and not any(
                    self.person[x] or self.org_run[x] for x in range(dem.i, dem.j + 1)
                ):
                    spans.append(dem)
                continue
            if self.fallback is not None:
                unk = self._unknown_at(i)
                if unk is not None:
                    spans.append(unk)
                    i = unk.j + 1
                    continue
            i += 1
        return spans

    def _unknown_at(self, i: int) -> _Span | None:
        """A capitalised name after a locative cue that the gazetteer lacks."""
        toks = self.toks
        t = toks[i]
        if t.caps or self.person[i] or self.org_run[i] or _sentence_initial(self.text, t.start):
            return None
        j = i
        while j + 1 < len(toks) and j - i < 2 and self.seps[j] in _SPACE_SEPS and toks[j + 1].cap:
            j += 1
        if not (self._cue_before(i) or self._suffix_after(j)):
            return None
        if t.text.lower() in self.lex.common_words or t.text in self.lex.given_names:
            return None
        if self._is_blocked(i, j) or self._org_or_person(i, j) or self._river(i, j):
            return None
        s = self.text[t.start : toks[j].end]
        if self.g.demonym(toks[i].text) is not None:
            return None
        return _Span(i, j, t.start, toks[j].end, s, unknown=True)


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


def _explicit(spans: list[_Span], text: str) -> None:
    """Mark countries made explicit by the context of each span."""
    for k, sp in enumerate(spans):
        if k + 1 < len(spans):
            nxt = spans[k + 1]
            gap = text[sp.end : nxt.start]
            if len(gap) <= 40 and nxt.via == "name" and _EXPLICIT_GAP.match(gap):
                words = set(re.findall(r"[a-z]+", gap))
                if gap.strip() == "," or words & _EXPLICIT_WORDS:
                    sp.explicit |= _area_countries(nxt)
        if k > 0:
            prv = spans[k - 1]
            gap = text[prv.end : sp.start]
            if prv.via == "name" and _POSSESSIVE_GAP.match(gap):
                sp.explicit |= _area_countries(prv)


def _area_countries(sp: _Span) -> set[str]:
    out = {p.country for p in sp.cands if p.kind == "country" and p.country}
    if not out:
        out = {p.country for p in sp.cands if p.kind == "region" and p.country}
    return out


def _score(p: Place, sp: _Span, focus: Counter, focus_max: float, in_region: bool,
           suffix: str | None, lex: Lexicon) -> float:
    w = lex.config["weights"]
    major = int(lex.config["prominent_population"])
    s = float(w["kind"].get(_kind_key(p, major), 0.5))
    s += float(w["population_log10"]) * math.log10(max(p.population, 0) + 1)
    if p.feature_code == "PPLC":
        s += float(w["capital"])
    if p.population >= int(w["megacity_population"]) and p.kind == "city":
        s += float(w["megacity"])
    if p.country:
        if p.country in sp.explicit:
            s += float(w["explicit"])
        if focus_max:
            s += float(w["focus"]) * focus.get(p.country, 0.0) / focus_max
        prior = lex.regional_prior.get(p.country, 0.0)
        s += prior * float(w["region"] if in_region else w["region_outside_focus"])
    if suffix == "admin" and p.kind == "region":
        s += float(w["admin_suffix"])
    elif suffix == "settlement" and p.kind in ("city", "village"):
        s += float(w["settlement_suffix"])
    return s


def _is_area(p: Place) -> bool:
    """A country, continent or multi-country region."""
    return p.kind in ("country", "continent") or (p.kind == "region" and p.country is None)


def _weak_name(p: Place, surface: str, lex: Lexicon) -> bool:
    """A non-area name that needs a locative cue, suffix or explicit pattern: a
    common English word ("Reading"), a given name ("Florence"), or a name reached
    through an alternate name ("More" -> Mora)."""
    if _is_area(p):
        return False
    key = normalize_name(surface)
    if key in lex.common_words or (surface in lex.given_names and p.feature_code != "PPLC"):
        return True
    return not normalize_name(p.name).startswith(key)


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
    spans = parser.detect()
    focus = focus_countries(spans)
    focus_max = max(focus.values(), default=0.0)
    in_region = any(c in lex.regional_prior for c in focus)
    _explicit(spans, article.text)
    cfg = lex.config
    out: list[PlaceMention] = []
    cache: dict[str, Place | None] = {}
    best_memo: dict[tuple, Place] = {}
    for sp in spans:
        if sp.via == "demonym":
            out.append(PlaceMention(article.file, sp.text, sp.start, sp.end, sp.demonym, via="demonym"))
            continue
        if sp.unknown:
            out.append(PlaceMention(article.file, sp.text, sp.start, sp.end,
                                    _ask_fallback(fallback, sp.text, cache)))
            continue
        suffix = parser._suffix_after(sp.j)
        memo_key = (sp.text, frozenset(sp.explicit), suffix)
        best = best_memo.get(memo_key)
        if best is None:
            best = max(sp.cands, key=lambda p: _score(p, sp, focus, focus_max, in_region, suffix, lex))
            best_memo[memo_key] = best
        strong = bool(sp.explicit) or suffix is not None or parser._cue_before(sp.i)
        if _weak_name(best, sp.text, lex):
            if not strong:
                continue
        elif not _prominent(best, sp.text, cfg, lex):
            supported = strong or (
                focus_max
                and focus.get(best.country, 0.0) / focus_max >= float(cfg["focus_share_min"])
                and normalize_name(sp.text) not in lex.common_words
                and not _sentence_initial(article.text, sp.start)
            )
            if not supported:
                continue
        out.append(PlaceMention(article.file, sp.text, sp.start, sp.end, best))
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
