"""Per-sentence event extraction: ``extract_events(article, mentions)``.

For every sentence of the article, trigger phrases (``data/events/
triggers.json``) propose deployments, withdrawals and massacres.  Each
trigger is read inside its clause (the sentence cut at "; ", ", while",
", which"...):

* non-events are dropped: a negation, hypothetical, report/accusation,
  intention or mandate cue before the trigger (``cues.json``); so is a
  trigger that moves civilians, not a force ("expel 60 diplomats", "the exit
  of 3,000 civilians") or leaves a political body ("departure from the
  European Union");
* the actor is who acts: the agent of a nominal trigger ("the withdrawal of
  X", "X's withdrawal"), "by X" for massacres, else the first actor of the
  clause after any speech verb; coordinated actors ("X, Y and Z have
  withdrawn") give one event each; pronouns resolve to the nearest actor in
  the sentence ("which") or the subject of an earlier sentence ("it"), and so
  does a bare force noun ("a smaller contingent"); bare "soldiers" killing
  civilians are the focus country's armed forces; an agentless death toll
  ("N people were killed") takes the armed group that attacked in the
  sentence before, with that sentence's place and date (cue lists in
  ``cues.json``); a generic perpetrator gives way to a group that claimed or
  was blamed for the attack in the next two sentences; "X expelled French
  troops" makes the expelled force the actor (an announced decision that a
  later departure in the same sentence reports); after a subordinator
  ("since X pulled out") or a conjunction opening a clause with its own subject
  and trigger ("... and Y withdrew"), that subject acts, and none acts when that
  subject names no actor ("... as the new government launched"); "which" never
  reaches past its sentence, and "they" stands for a state named as such only
  through its forces named since;
* the location is the place governed by the trigger's preposition, the most
  specific one (a village beats its country), never the actor's own
  country; coordinated countries ("from A, B and C") give one event each;
  "the country" points back to the last country named; without a
  place, the article's focus country (``location_inferred=True``);
* the date is the nearest date of the clause (``dates.py``); "by"/"until"
  dates and future dates of announced events go to ``date_end``;
* the figure is the nearest force size (or death toll, for massacres) from
  ``numbers.py``, never a casualty count of soldiers;
* the status is ``announced`` when an announcement cue is present.

Finally, events reporting the same thing within one article are folded into
one (same type and actor, compatible place and date): the most informative
sentence is the evidence, missing figures and dates are filled from the
others.  Evidence is always one exact sentence of ``Article.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from sahelmap.events.actors import ActorHit, actor_info, find_actors, find_pronouns
from sahelmap.events.dates import resolve_dates
from sahelmap.events.lexicon import alternation, fold, load_json, rows, trie_regex, words
from sahelmap.events.merge import compatible, dates_compatible
from sahelmap.events.numbers import find_quantities
from sahelmap.events.prefilter import AlternationIndex, PrefilteredRegex
from sahelmap.records import Article, DateValue, Event, PlaceMention

_WORD = re.compile(r"[\w’'-]+")
# Small fixed patterns, compiled once.
# "since 2013", or a closed period "from 2012 until 2020" (a presence that lasted).
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[- ])?(?:[A-Z][a-z]+\s+)?(?:1[89]|20)\d\d\b"
                    r"|\bfrom\s+(?:[A-Z][a-z]+\s+)?(?:1[89]|20)\d\d\s+(?:until|to|till|through)\s", re.I)
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?")
_DIR_WORD = re.compile(r"\b(?:to|in|from|into)\b")
_POSS_GAP = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}")
_BY_AFTER = re.compile(r"[^,;]{0,60}?\bby\s+(?:the\s+)?")
# "(killed ...) in a drone strike by the Z": the attack's agent, later in the clause.
_STRIKE_BY = re.compile(r"\b(?:(?:air|drone)\s*strikes?|strikes?|attacks?|raids?|bombing|bombardment|shelling|assault|operation)"
                        r"\s+(?:carried\s+out\s+|launched\s+|conducted\s+)?by\s+(?:the\s+)?", re.I)
_THAT = re.compile(r"\bthat\s")
_POSS = re.compile(r"['’]s\b")
_COORD = re.compile(r"\s*(?:,\s*and|,|and|&|or|,\s*or)\s*(?:the\s+)?")
_THE_GAP = re.compile(r"\s+(?:the\s+)?")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_VILLAGE_GAP = re.compile(r"\s*(?:village\s+)?")
_FIG_ACTOR_GAP = re.compile(r"[,;.]|\b(?:in|to|from|at|of|with|for)\s")
_PUNCT = re.compile(r"[,;.]")
_OBJ_GAP = re.compile(r"\s+(?:(?:the|all|its|their|some|remaining|last)\s+)*")
_CO_SUBJ_GAP = re.compile(r"\s*(?:[\w’'-]+\s+){0,4}")
_CO_VERB_GAP = re.compile(r"\s*(?:[\w’'-]+\s+){0,2}")
_NOUN_NEXT = re.compile(r"\s+[a-z]")
# "blamed on (the Dogon militia) Z": a determiner and up to three descriptive words
_BLAMED_GAP = re.compile(r"\s*(?:the\s+|a\s+)?(?:[\w’'-]+\s+){0,3}?")
_AFFIL_AFTER = re.compile(r"-(?:linked|backed|affiliated|allied|aligned|inspired)\s+(?:the\s+)?")
_LEAD_WORD = re.compile(r"[\w-]+\s+")  # a word of a short time phrase before a subordinator
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.I)
_KIND_RANK = {"village": 4, "city": 4, "other": 3, "region": 2, "country": 1, "continent": 0}


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Trigger:
    type: str
    rx: re.Pattern
    priority: int
    nominal: bool
    since: bool
    toll_check: bool
    needs_number: bool
    needs_cue: str | None = None
    object_actor: bool = False
    blame_after: bool = False


def _cue(items) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(items) + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _force_nouns() -> tuple[str, ...]:
    """Force nouns: the force units of units.tsv ("strong" aside) and force_nouns.tsv."""
    return tuple(u for u, k, _ in rows("units.tsv") if k == "force" and u != "strong") + words("force_nouns.tsv")


@lru_cache(maxsize=1)
def _lex():
    units = rows("units.tsv")
    force = [*_force_nouns(), "instructors", "mercenaries", "paramilitaries"]
    victims = [u for u, k, _ in units if k == "victims"]
    trig = load_json("triggers.json")
    triggers = []
    for etype in ("deployment", "withdrawal", "massacre"):
        for t in trig[etype]:
            pat = t["re"].replace("{FORCE}", alternation(force)).replace("{VICTIMS}", alternation(victims))
            triggers.append(
                _Trigger(
                    etype,
                    re.compile(rf"(?<![\w-])(?:{pat})(?![\w-])", re.I),
                    t.get("priority", 1),
                    t.get("nominal", False),
                    t.get("since", False),
                    t.get("toll_check", False),
                    t.get("needs_number", False),
                    t.get("needs_cue"),
                    t.get("object_actor", False),
                    t.get("blame_after", False),
                )
            )
    cues = load_json("cues.json")
    c = {k: PrefilteredRegex(_cue(v)) for k, v in cues.items()
         if isinstance(v, list) and k not in ("clause_breaks", "locative_prepositions", "anaphoric_places")
         and k not in _ENDING_CUES}
    breaks = re.compile("|".join(re.escape(b) for b in cues["clause_breaks"]))
    preps = re.compile(
        r"(?:^|[\s(])(?:" + alternation(cues["locative_prepositions"]) + r")\s+(?:the\s+)?(?:[\w-]+\s+){0,1}?$",
        re.I,
    )
    loc_prep_before = re.compile(r"(?:^|\s)(?:" + alternation(cues["locative_prepositions"]) + r")\s+(?:the\s+)?$", re.I)
    anaph = PrefilteredRegex(re.compile(r"(?<![\w-])(?:" + alternation(cues["anaphoric_places"]) + r")(?![\w-])", re.I))
    africa = frozenset(words("africa_iso2.tsv"))
    # One pass over the article finds the sentences worth a closer look.
    victims = alternation(u for u, k, _ in rows("units.tsv") if k == "victims")
    any_trigger = re.compile(r"(?:" + "|".join(trig["stems"]) + "|" + victims.lower() + r")")
    order = sorted(range(len(triggers)), key=lambda i: -triggers[i].priority)
    # A nominal trigger negated right after it ("the withdrawal ... did not").
    neg_after = re.compile(r"[^,;]{0,50}?(?=" + c["negation_after"].pattern + ")", re.I)
    # The triggers' alternation (by priority), tried per position only with the
    # triggers that can open with the text there (every trigger opens with the
    # lookbehind, repeated as the index's lead so that it can skip non-word-starts).
    # They are tried one by one, chosen by the first four characters: no
    # alternation is compiled per opening character (~40 ms each, paid while
    # extracting the first articles), and far fewer triggers are tried.
    by_char = AlternationIndex([(f"t{i}", triggers[i].rx.pattern) for i in order], re.I, lead=r"(?<![\w-])",
                               separate=True)
    # "of a regional force from (the) Z": an indefinite force and its source.
    indef = re.compile(r"(?:an?|another)\s+(?:[\w-]+\s+){0,3}?(?:" + alternation(force)
                       + r")(?:\s+(?:from|of)\s+(?:the\s+)?)?", re.I)
    return (triggers, c, breaks, preps, loc_prep_before, anaph, africa,
            (any_trigger, None, neg_after, by_char, indef))  # (slot 1 unused: ``by_char.full`` is that pattern)


# --------------------------------------------------------------------------- helpers


class _Clauses(list):
    """The (start, end) spans of one sentence's clauses, with a memo of whether each
    clause holds a trigger (``_clause_has_other_event`` asks once per place, date and
    figure)."""

    __slots__ = ("has_trigger",)

    def __init__(self, spans) -> None:
        super().__init__(spans)
        self.has_trigger: dict[tuple[int, int], bool] = {}


def _clauses(text: str) -> _Clauses:
    """(start, end) of the clauses of a sentence."""
    _, _, breaks, *_ = _lex()
    spans, start = [], 0
    for m in breaks.finditer(text):
        spans.append((start, m.start()))
        start = m.start() + (2 if m.group(0).startswith((",", ";", ".")) else 1)
    spans.append((start, len(text)))
    return _Clauses((s, e) for s, e in spans if e > s)


_RELATIVE = re.compile(r"(?:which|who)\s")


def _main_clause_start(text: str, clauses, cs: int, ts: int) -> int:
    """``cs``, or the start of the clause before it when the trigger's clause is a closed
    relative clause followed by the main verb ("Nigeria, which will command the force,
    announced ... it would contribute 900 troops": Nigeria's clause resumes)."""
    if cs == 0 or not _RELATIVE.match(text, cs) or text.find(", ", cs, ts) < 0:
        return cs
    for s, e in clauses:
        if e <= cs and text[e:cs] == ", ":
            return s
    return cs


def _clause_of(clauses, pos: int) -> tuple[int, int]:
    for s, e in clauses:
        if s <= pos < e:
            return s, e
    return clauses[-1]


def _has(rx: re.Pattern, text: str) -> bool:
    return rx.search(text) is not None


def _last_match_end(rx: re.Pattern, text: str) -> int | None:
    end = None
    for m in rx.finditer(text):  # (no regex run when a prefilter rules the text out)
        end = m.end()
    return end


@dataclass
class _Ctx:
    """One article's shared state; context a sentence may need from the rest of
    the article (earlier subjects, organisations named so far, figures) is
    computed on demand and memoised here."""

    article: Article
    mentions: list[PlaceMention]
    focus: PlaceMention | None
    all_actors: list[ActorHit]  # actor hits of the whole article text
    mention_starts: list[int]  # start offsets of ``mentions`` (for bisect)
    actor_starts: list[int] = field(default_factory=list)  # start offsets of ``all_actors``
    own_subjects: dict[int, ActorHit | None] = field(default_factory=dict)
    quantities: dict[int, list] = field(default_factory=dict)

    def hits(self, idx: int) -> list[ActorHit]:
        """Actor hits inside sentence ``idx``, offsets relative to the sentence."""
        s, e = self.article.sentences[idx]
        acts = self.all_actors
        j = bisect_left(self.actor_starts, s)
        out = []
        while j < len(acts) and acts[j].end <= e:
            h = acts[j]
            out.append(ActorHit(h.canonical, h.kind, h.country, h.start - s, h.end - s, h.text, h.form))
            j += 1
        return out

    def own_subject(self, idx: int) -> ActorHit | None:
        if idx not in self.own_subjects:
            s, e = self.article.sentences[idx]
            self.own_subjects[idx] = _sentence_subject(self.hits(idx), self.article.text[s:e])
        return self.own_subjects[idx]

    def subject(self, idx: int) -> ActorHit | None:
        """The subject of sentence ``idx``: its own first non-locative actor, else
        (when it opens with a pronoun) the subject carried from earlier sentences,
        which is the own subject of the last earlier sentence that has one."""
        own = self.own_subject(idx)
        if own is not None or idx == 0:
            return own
        s, e = self.article.sentences[idx]
        if not find_pronouns(self.article.text[s:min(e, s + 40)]):
            return None
        for j in range(idx - 1, -1, -1):
            own = self.own_subject(j)
            if own is not None:
                return own
        return None

    def org_seen(self, idx: int) -> list[ActorHit]:
        """Organisation / armed-group hits of the sentences before ``idx``."""
        sents = self.article.sentences
        end = sents[idx][0] if idx < len(sents) else len(self.article.text)
        out = []
        k = 0
        for h in self.all_actors:
            if h.start >= end:
                break
            if h.kind not in ("org", "armed_group"):
                continue
            while k < idx and sents[k][1] < h.end:
                k += 1
            if k < idx and sents[k][0] <= h.start:
                out.append(h)
        return out

    def quants(self, idx: int) -> list:
        """Quantities of sentence ``idx`` (memoised)."""
        q = self.quantities.get(idx)
        if q is None:
            s, e = self.article.sentences[idx]
            q = self.quantities[idx] = find_quantities(self.article.text[s:e])
        return q


_TOKEN = re.compile(r"[A-Za-z]+")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_STEM_CACHE: dict[str, tuple[str, ...]] = {}  # token -> its letter runs the stems accept
_STEM_HIT_TOKENS: set[str] = set()  # the tokens of _STEM_CACHE with a non-empty entry


def _stem_positions(text: str, stems: re.Pattern) -> list[int]:
    """Offsets of the words (maximal runs of ASCII letters) that may open a trigger.

    Letter runs never span whitespace, so the text's distinct whitespace-
    separated tokens are looked up once each (memoised per token: the runs
    of the token that the stems accept), then only the few matching words
    are located with ``str.find``.
    """
    cache, hit_tokens = _STEM_CACHE, _STEM_HIT_TOKENS
    if len(cache) > 200_000:
        cache.clear()
        hit_tokens.clear()
    toks = set(text.split())
    # Set operations (in C) leave only the new tokens and the hits to Python.
    for tok in toks.difference(cache):
        h = cache[tok] = tuple(w for w in _TOKEN.findall(tok) if stems.fullmatch(w.lower()))
        if h:
            hit_tokens.add(tok)
    hit: set[str] = set()
    for tok in toks.intersection(hit_tokens):
        hit.update(cache[tok])
    out = []
    n = len(text)
    letters = _LETTERS
    for w in hit:
        size = len(w)
        i = text.find(w)
        while i >= 0:
            if (i == 0 or text[i - 1] not in letters) and (i + size >= n or text[i + size] not in letters):
                out.append(i)
            i = text.find(w, i + size)
    out.sort()
    return out


# "BAMAKO, Jan 16 (Reuters) - ", "Dakar/Ouagadougou - ", "GENEVA (6 December 2023) - " at the
# start of the text or of a paragraph: the dateline's city is where the story was filed.
# (a capitalised city, or cities joined by "/", then e.g. ", Nigeria, Nov 30" or ", 23 March 2021")
_DATELINE = re.compile(r"(?:^|(?<=\n))[ \t]*(?:[A-Z]{2,}[A-Z’'.-]*(?:[ -][A-Z]{2,}[A-Z’'.-]*){0,2}"
                       r"|[A-Z][\w’'.-]*(?:[ /-][A-Z][\w’'.-]*){0,3})"
                       r"(?:,[ \t]*[\w.’' ]{2,25}){0,2}\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s")


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_DATELINE.finditer(text)``, trying the pattern only at line starts
    (the only places it can match; ``finditer`` would try every position)."""
    spans: list[tuple[int, int]] = []
    end, p = 0, 0
    while p >= 0:
        if p >= end:
            m = _DATELINE.match(text, p)  # (its lookbehind sees the text before ``p``)
            if m is not None:
                spans.append(m.span())
                end = m.end()
        nl = text.find("\n", p)
        p = nl + 1 if nl >= 0 else -1
    return spans


def _outside_datelines(hits: list[ActorHit], text: str) -> list[ActorHit]:
    """``hits`` without those inside a dateline (a capital there is no acting state)."""
    spans = _dateline_spans(text)
    if not spans:
        return hits
    # The spans are disjoint and in text order: only the last one starting at or
    # before a hit can contain it.
    starts = [s for s, _ in spans]
    out = []
    for h in hits:
        i = bisect_right(starts, h.start) - 1
        if i < 0 or h.end > spans[i][1]:
            out.append(h)
    return out


def _focus_country(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The most-mentioned African country (first mention as representative)."""
    *_, africa, _ = _lex()
    counts: dict[str, int] = {}
    first: dict[str, PlaceMention] = {}
    country_mention: dict[str, PlaceMention] = {}
    for m in mentions:
        p = m.place
        if p is None or p.country not in africa:
            continue
        counts[p.country] = counts.get(p.country, 0) + 1
        first.setdefault(p.country, m)
        if p.kind == "country":
            country_mention.setdefault(p.country, m)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -first[k].start))
    return country_mention.get(best)


def _sentence_subject(hits: list[ActorHit], text: str) -> ActorHit | None:
    _, _, _, _, loc_before, *_ = _lex()
    for h in hits:
        if loc_before.search(text[: h.start]):
            continue
        return h
    return None


# --------------------------------------------------------------------------- extraction


def extract_events(article: Article, mentions: list[PlaceMention]) -> list[Event]:
    """Events reported in ``article`` (see module docstring)."""
    text_all = article.text
    # One pass finds the words that may open a trigger; only their sentences
    # are analysed (context from other sentences is computed on demand).
    trig_pos = _stem_positions(text_all, _lex()[-1][0])
    if not trig_pos:
        return []
    mentions = sorted((m for m in mentions if m.place is not None), key=lambda m: m.start)
    all_hits = _outside_datelines(find_actors(text_all), text_all)
    ctx = _Ctx(article, mentions, _focus_country(mentions), all_hits, [m.start for m in mentions],
               [h.start for h in all_hits])
    raw: list[Event] = []
    sents = article.sentences
    ti, n = 0, len(trig_pos)
    for idx, (s, e) in enumerate(sents):
        while ti < n and trig_pos[ti] < s:
            ti += 1
        if ti == n:
            break
        if trig_pos[ti] >= e:
            continue
        starts = []
        while ti < n and trig_pos[ti] < e:
            starts.append(trig_pos[ti] - s)
            ti += 1
        raw.extend(_sentence_events(ctx, idx, s, e, text_all[s:e], None, starts))
    return _fill_strengths(ctx, _consolidate(raw))


def _sentence_events(
    ctx: _Ctx, idx: int, s0: int, e0: int, text: str, hits: list[ActorHit] | None, starts: list[int] | None = None
) -> list[Event]:
    triggers, cues, *_ = _lex()
    # Triggers, overlapping ones resolved by priority then length.
    found = []
    # Every trigger starts at a stem word: try them only there.
    positions: set[int] = set()
    for p in starts if starts is not None else range(len(text)):
        positions.add(p)
        # Triggers may open with up to two words before the stem ("were stationed").
        back = [m.start() for m in _WORD.finditer(text, max(0, p - 30), p)]
        positions.update(back[-2:])
    index = _lex()[-1][3]
    for p in sorted(positions):
        # The combined pattern's match (alternatives by priority) at each position,
        # trying only the triggers that can open with the text there.
        m = index.match(text, p)
        if m:
            found.append((triggers[int(m.lastgroup[1:])], m.start(), m.end()))
    found.sort(key=lambda x: (-x[0].priority, -(x[2] - x[1]), x[1]))
    chosen: list[tuple[_Trigger, int, int]] = []
    for f in found:
        if all(f[2] <= c[1] or f[1] >= c[2] for c in chosen):
            chosen.append(f)
    if not chosen:
        return []
    chosen.sort(key=lambda x: x[1])
    if hits is None:  # (only sentences with a trigger need their actors)
        hits = ctx.hits(idx)
    clauses = _clauses(text)
    art = ctx.article
    dates = quants = None
    lo = bisect_left(ctx.mention_starts, s0)
    hi = bisect_left(ctx.mention_starts, e0)
    places = [m for m in ctx.mentions[lo:hi] if m.end <= e0]
    out: list[Event] = []
    expulsions_done: list[Event] = []  # dated past expulsions (occurred unless folded)
    prev_te = prev_ts = None  # end / start of the previous trigger of the same clause
    for trig, ts, te in chosen:
        cs, ce = _clause_of(clauses, ts)
        acs = _main_clause_start(text, clauses, cs, ts)  # (where the trigger's subject may stand)
        floor = prev_te if prev_te is not None and prev_te >= cs else None
        fig_floor = prev_ts if floor is not None else None  # (the earlier trigger may hold its figure)
        prev_te, prev_ts = te, ts
        before = text[cs:ts]
        if quants is None and trig.needs_number:
            quants = ctx.quants(idx)
        if not _is_event(trig, text, cs, ce, ts, te, before, quants):
            continue
        if _has(cues["expectation"], before):
            # "X is expected to leave by June" is scheduled; without a deadline, a guess.
            if dates is None:
                dates = resolve_dates(text, art.published)
            if not any(d.role in ("by", "until") and te <= d.span[0] < ce for d in dates):
                continue
        actors = [a for a in _actors(ctx, idx, trig, text, hits, acs, ce, ts, te, floor)
                  if a.kind != "mission_generic"  # ("the mission" with no mission named before)
                  # (unnamed gunmen arriving or leaving are no force's deployment or withdrawal)
                  and not (trig.type != "massacre" and a.canonical in _ATTACKERS_ONLY)
                  and a.kind != "civil"]  # (aid and rights organisations move no forces)
        prev = None
        if not actors and trig.type == "massacre" and not any(cs <= h.start < ce for h in hits):
            # "X stormed the town ... . At least 400 people were killed."
            prev = _previous_attack(ctx, idx)
            if prev is not None:
                actors = [prev[0]]
        if not actors and trig.type == "massacre":
            # "in which 160 villagers were killed, was blamed on the militia Z"
            blamed = _blamed_later(ctx, idx, te)
            if blamed is not None:
                actors = [blamed]
        if not actors:
            continue
        if quants is None:
            quants = ctx.quants(idx)
        if dates is None:
            dates = resolve_dates(text, art.published)
        status = "announced" if _has(cues["announcement"], text[cs:te]) else "occurred"
        if status == "announced" and _has(cues["no_date"], text):
            continue  # ("pledged to send a battalion, but no date has been set": a vague intention)
        groups = [tuple(a.canonical for a in actors)] if trig.type == "massacre" else [(a.canonical,) for a in actors]
        actor_countries = {a.country for a in actors if a.kind == "country"}
        expeller = _expeller(ctx, text, s0, places, hits, cs, ts) if trig.object_actor else None
        if expeller is not None:
            # "X's leaders expelled French troops": the expelling state is the place.
            loc, inferred = expeller, False
        else:
            loc, inferred = _location(ctx, idx, text, s0, places, actor_countries, hits, cs, ce, ts, te, clauses,
                                      origin_out=trig.type == "deployment")
        date, date_end, prec = _date(dates, clauses, cs, ce, ts, te, status, text, art)
        # "expelled French troops in early 2023": a dated, past expulsion is done
        # (unless a departure in the same sentence reports it; see below).
        done_expulsion = (trig.object_actor and status == "announced" and date is not None
                          and art.published is not None and date < art.published.isoformat()
                          and not _has(cues["announcement"], text[cs:ts]))
        if prev is not None:
            # The attack's own sentence gives the place and date the toll lacks.
            ploc, pdate, pprec = _attack_place_date(ctx, prev)
            if (loc is None or inferred) and ploc is not None:
                loc, inferred = ploc, False
            if date is None and pdate is not None:
                date, prec = pdate, pprec
        q = _number(quants, trig, cs, ce, ts, te, text, clauses, fig_floor)
        locs = [loc]
        if loc is not None and not inferred and loc.place.kind == "country":
            locs += _coordinated_countries(loc, places, actor_countries, text, s0)
        for g, loc in ((g, l) for l in locs for g in groups):
            p = loc.place if loc else None
            out.append(
                Event(
                    article=art.file,
                    type=trig.type,
                    actors=g,
                    location=p.name if p else None,
                    country=p.country if p else None,
                    lat=p.lat if p else None,
                    lon=p.lon if p else None,
                    precision=p.precision if p else None,
                    date=date,
                    date_end=date_end,
                    date_precision=prec,
                    number=q.value if q else None,
                    number_max=q.value_max if q else None,
                    status=status,
                    evidence=text,
                    start=s0,
                    end=e0,
                    number_unit=q.unit_label if q else None,
                    location_inferred=inferred,
                )
            )
            if done_expulsion:
                expulsions_done.append(out[-1])
    # One event per (type, actors, coordinated country) per sentence: keep the most informative.
    best: dict[tuple, Event] = {}
    coord = {ev.country for ev in out if ev.country is not None}
    for ev in out:
        k = (ev.type, ev.actors, ev.country if len(coord) > 1 and _multi_place(out, ev) else None)
        if k in best and _announced_then_done(ev, best[k]) and not same_event(ev, best[k]):
            # A decision and its execution in one sentence ("X expelled Y in May; Y
            # left in June"): the execution reports the event.
            done, ann = (ev, best[k]) if ev.status == "occurred" else (best[k], ev)
            best[k] = _fill(done, ann)
        elif k not in best or _score(ev) > _score(best[k]):
            best[k] = _fill(ev, best.get(k)) if k in best else ev
        else:
            best[k] = _fill(best[k], ev)
    return [replace(ev, status="occurred") if any(ev is x for x in expulsions_done) else ev
            for ev in best.values()]


def _previous_attack(ctx: _Ctx, idx: int) -> tuple[ActorHit, int, int, int] | None:
    """(attacker, sentence, cue start, cue end) when the sentence before ``idx``
    has an armed organisation attacking ("X stormed ...", "X raided ...")."""
    if idx == 0:
        return None
    _, cues, _, _, loc_before, *_ = _lex()
    s, e = ctx.article.sentences[idx - 1]
    text = ctx.article.text[s:e]
    m = cues["attack"].search(text)
    if m is None:
        return None
    hits = ctx.hits(idx - 1)
    before = [h for h in hits if h.end <= m.start() and not loc_before.search(text[:h.start])]
    if not before:
        return None
    first = _specific_actor(before[0], [h for h in before[1:]], text, cues)
    if first.kind not in ("armed_group", "org") or cues["generic_actors"].fullmatch(first.canonical):
        return None
    return first, idx - 1, m.start(), m.end()


def _attack_place_date(ctx: _Ctx, prev) -> tuple[PlaceMention | None, str | None, str | None]:
    """The place and date of the attack sentence found by ``_previous_attack``."""
    actor, j, ts, te = prev
    s0, e0 = ctx.article.sentences[j]
    text = ctx.article.text[s0:e0]
    places = [m for m in ctx.mentions if s0 <= m.start and m.end <= e0]
    clauses = _clauses(text)
    cs, ce = _clause_of(clauses, ts)
    countries = {actor.country} if actor.kind == "country" else set()
    loc, inferred = _location(ctx, j, text, s0, places, countries, ctx.hits(j), cs, ce, ts, te, clauses)
    dates = resolve_dates(text, ctx.article.published)
    date, _, prec = _date(dates, clauses, cs, ce, ts, te, "occurred", text, ctx.article)
    return (None if inferred else loc), date, prec


def _coordinated_countries(loc: PlaceMention, places, actor_countries, text: str, s0: int) -> list[PlaceMention]:
    """Countries coordinated with the event's country ("exits from Mali, Burkina Faso
    and Niger"): each is a place of its own event."""
    out, prev = [], loc
    for m in places:
        if m.start < loc.end or m.via == "demonym":
            continue
        if not _COORD.fullmatch(text[prev.end - s0:m.start - s0]):
            break
        if m.place.kind != "country" or m.place.country in actor_countries:
            break
        out.append(m)
        prev = m
    return out


def _multi_place(events: list[Event], ev: Event) -> bool:
    """Whether the sentence gives ``ev``'s trigger several coordinated countries."""
    return sum(1 for o in events if o.type == ev.type and o.actors == ev.actors and o.country is not None) > 1


def _is_event(trig: _Trigger, text: str, cs: int, ce: int, ts: int, te: int, before: str, quants) -> bool:
    _, cues, *_ = _lex()
    clause = text[cs:ce]
    window = before + text[ts:te]
    if _has(cues["negation"], window) or _has(cues["intention"], before) or _has(cues["mandate"], window):
        return False
    if trig.type != "massacre" and _has(cues["report"], window):
        return False
    # "X asked Y to ...": only a host's demand that Y withdraw is an event.
    if trig.type != "withdrawal" and _has(cues["request"], before):
        return False
    for hyp in cues["hypothetical"].finditer(before):
        ann = cues["announce_overrides_hypothetical"].search(before[: hyp.start()])
        if not (ann and trig.type != "massacre" and cues["overridable_hypothetical"].fullmatch(hyp.group(0))):
            return False
    if trig.since:
        after = text[te:ce]
        if not _SINCE.search(after + " " + before):
            return False
    if trig.nominal:
        after = text[te:ce]
        # (the pattern looks ahead for a negation cue: none in the clause, no match)
        if cues["negation_after"].search(after) is not None and _lex()[-1][2].match(after):
            return False
    if trig.needs_cue is not None and not _has(cues[trig.needs_cue], before):
        return False
    if trig.type != "massacre" and _has(cues["civilian_personnel"], text[ts:te]):
        return False  # "moving its international staff out": not a force
    if _ending("no_basis_before").search(before):
        return False  # ("no legal basis to send police", "no plans to pull the troops out")
    if trig.type != "massacre" and _non_force_object(text, te, ce):
        return False  # ("deploy extra food stocks", "deployed a new app")
    if trig.type != "massacre" and _civilian_object(text, cs, ce, ts, te):
        return False  # "expel 60 diplomats", "the exit of 3,000 civilians": not a force
    if trig.type == "withdrawal" and _political_exit(text, te, ce):
        return False  # "the UK's departure from the European Union": a body, not a place
    if trig.toll_check and _has(cues["toll"], clause):
        return False
    if trig.needs_number:
        if not any(q.unit_kind == "victims" and cs <= q.start < ce for q in quants) and not _has(
            cues["vague_count"], text[ts:te]
        ):
            return False
    return True


_OBJ_STOP = re.compile(r"\s(?:from|to|in|into|out|on|at|by|for|after|before|across|via|through|over|under|near|with|while|because)\s|[,;:(](?!\d)")
_PASSIVE_SUBJ = re.compile(r"(?:\s+(?:who|that|which))?\s+(?:were|was|had\s+been|have\s+been|has\s+been|been|being|are|is)\s+(?:\w+ly\s+)?$")
_SUB_NP = re.compile(r"\s+(?:the|a|an)\s+(?:[\w’'()-]+\s+){1,8}")
_SUBJ_START = re.compile(r"\s+(?:the\s+)?")


@lru_cache(maxsize=1)
def _force_rx() -> re.Pattern:
    """Any force noun (``_force_nouns``), whole words."""
    return _cue(_force_nouns())


def _civilian_object(text: str, cs: int, ce: int, ts: int, te: int) -> bool:
    """Whether what the trigger moves is civilians, not a force: its object ("expel 60
    diplomats", "the exit of 3,000 civilians") or its passive subject ("envoys who were
    expelled"), when no force noun is named there too."""
    civ = _lex()[1]["civilian_personnel"]
    after = text[te:ce]
    if after.startswith(" of "):
        after = after[3:]
    stop = _OBJ_STOP.search(after)
    obj = after[:stop.start()] if stop else after
    if civ.search(obj) and not _force_rx().search(obj):
        return True
    m = _PASSIVE_SUBJ.search(text, cs, ts)
    if m is None:
        return False
    tail = text[max(cs, m.start() - 25):m.start()]
    last = None
    for last in civ.finditer(tail):
        pass
    return last is not None and last.end() == len(tail) and not _force_rx().search(tail)


_ATTACKERS_ONLY = frozenset({"Unidentified gunmen"})  # actors that only ever attack
_FIRST_WORDS = re.compile(r"\s*(?:[\w’'-]+\s+){0,3}[\w’'-]+")


def _non_force_object(text: str, te: int, ce: int) -> bool:
    """Whether the trigger's object, in its first four words, is a thing rather than a
    force ("deploy extra food stocks", "deployed a new text-alert system")."""
    m = _FIRST_WORDS.match(text, te, ce)
    if m is None:
        return False
    obj = m.group(0)
    thing = _lex()[1]["non_force_object"].search(obj)
    return thing is not None and not _force_rx().search(obj[:thing.start()])


def _political_exit(text: str, te: int, ce: int) -> bool:
    """Whether a withdrawal trigger leaves a political body ("departure from the European
    Union", "withdrew from ECOWAS"), not a place or a mission."""
    pos = te + len(text[te:ce]) - len(text[te:ce].lstrip())
    return _lex()[1]["political_exit"].match(text, pos) is not None


def _agrees(ctx: _Ctx, word: str, h: ActorHit, j: int, idx: int) -> bool:
    """Whether an anaphoric pronoun in sentence ``idx`` can stand for ``h``, the subject of
    sentence ``j``: plural "they" stands for a state named as such ("Britain") only
    through its forces named in between ("Britain deployed 300 troops ... They ...")."""
    if word.lower() != "they" or h.kind != "country" or h.form != "name":
        return True
    s, e = ctx.article.sentences[j][0], ctx.article.sentences[idx - 1][1]
    return _force_rx().search(ctx.article.text[s:e]) is not None


def _subordinate_subject(text: str, start: int, ts: int, in_clause: list[ActorHit]) -> int | None:
    """Where the trigger's own subject starts when a subordinate clause opens right
    before it ("X worked with Y as Z launched ..." -> Z's start); -1 when that subject
    is a noun phrase naming no actor ("... as the new government launched ..."), which
    leaves the trigger without an actor; None without such a clause."""
    m = None
    for m in _lex()[1]["subordinate_clause"].finditer(text, start, ts):
        pass
    if m is None:
        return None
    loc_before = _lex()[4]  # (a place-like actor after a preposition is no subject)
    own = [h for h in in_clause if m.end() <= h.start < ts and not loc_before.search(text[m.end():h.start])]
    if own and _SUBJ_START.fullmatch(text, m.end(), own[0].start) and (
            own[0].end >= ts or _CO_VERB_GAP.fullmatch(text, own[0].end, ts)):
        return own[0].start
    return -1 if not own and _SUB_NP.fullmatch(text, m.end(), ts) else None


def _actors(ctx: _Ctx, idx, trig: _Trigger, text, hits, cs, ce, ts, te, floor=None) -> list[ActorHit]:
    _, cues, _, _, loc_before, *_ = _lex()
    in_clause = [h for h in hits if cs <= h.start < ce]
    # "X expelled French troops": the force named right after the trigger acts;
    # "French troops were expelled": the subject does; otherwise no one leaves.
    if trig.object_actor:
        obj = [h for h in in_clause if te <= h.start and _OBJ_GAP.fullmatch(text[te:h.start])
               # ("the French ambassador": a people form that modifies a noun)
               and not (h.form == "people" and _NOUN_NEXT.match(text, h.end))
               # ("expelled MINUSMA's spokesman": the possessor is not expelled)
               and not (_POSS.match(text, h.end) and not _force_rx().search(text[h.end:h.end + 30]))]
        if obj:
            return [_as_actor(ctx, obj[0], trig, idx)]
        if not _PASSIVE.search(text[cs:ts]):
            return []
    if trig.blame_after:
        # "The killings took place ..., which said Y carried them out."
        agent = _blamed_agent(text[te:])
        if agent is not None:
            return [_as_actor(ctx, replace(agent, start=agent.start + te, end=agent.end + te), trig, idx)]
        if idx + 1 < len(ctx.article.sentences):
            ns, ne = ctx.article.sentences[idx + 1]
            agent = _blamed_agent(ctx.article.text[ns:ne])
            if agent is not None:
                return [_as_actor(ctx, agent, trig, idx)]
        return []
    # Nominal triggers: "the withdrawal of X", "X's withdrawal".
    if trig.nominal:
        after = text[te:ce]
        m = _OF_AFTER.match(after)
        if m:
            pos = te + m.end()
            for i, h in enumerate(in_clause):
                if pos <= h.start <= pos + 30 and not _DIR_WORD.search(text[pos:h.start]):
                    # "the departure of French and American forces": coordinated agents.
                    group = [h]
                    for o in in_clause[i + 1:]:
                        if o.kind == "country" and o.form == "name" or not _COORD.fullmatch(text[group[-1].end:o.start]):
                            break
                        group.append(o)
                    return [_as_actor(ctx, x, trig, idx) for x in group]
            # "the departure of a regional force from Z": a force of its own, not
            # the clause subject's; only an actor it is drawn from can act.
            ind = _lex()[-1][4].match(text, pos)
            if ind:
                src = [h for h in in_clause if h.start == ind.end()]
                return [_as_actor(ctx, src[0], trig, idx)] if src else []
        for h in in_clause:
            if h.end <= ts and _POSS_GAP.fullmatch(text[h.end:ts]):
                return [_as_actor(ctx, h, trig, idx)]
    # Massacres: "by X" after the trigger.
    if trig.type == "massacre":
        m = _BY_AFTER.match(text[ts:ce]) or _STRIKE_BY.search(text, te, ce)
        if m:
            pos = ts + m.end() if m.re is _BY_AFTER else m.end()
            for h in in_clause:
                if pos <= h.start <= pos + 5:
                    return [_as_actor(ctx, h, trig, idx)]
            # "shot dead by soldiers": bare soldiers are the focus country's armed forces.
            bare = _lex()[1]["bare_forces"].match(text, pos)
            # (not "by soldiers from Chad": a force drawn from an actor named after it)
            if bare is not None and not any(pos <= h.start < bare.end() + 25 for h in in_clause):
                army = _own_army(ctx, text[pos:bare.end()], "bare_forces")
                if army is not None:
                    return [army]
    # The subject: first actor of the clause after the last speech verb or
    # complementiser ("X said (that) Y will leave").
    speech_end = _last_match_end(cues["speech"], text[cs:ts])
    that_end = _last_match_end(_THAT, text[cs:ts])
    if that_end is not None and (speech_end is None or that_end > speech_end):
        speech_end = that_end
    # "X ordered Y to leave": Y acts.
    cause_end = _last_match_end(cues["causative"], text[cs:ts])
    if cause_end is not None and any(cs + cause_end <= h.start < ts for h in in_clause):
        if speech_end is None or cause_end > speech_end:
            speech_end = cause_end
    # "X deployed ..., after Y began leaving": Y acts for the second trigger.
    sub_end = _last_match_end(cues["subordinators"], text[cs:ts])
    if sub_end is not None and any(cs + sub_end <= h.start < ts for h in in_clause):
        if speech_end is None or sub_end > speech_end:
            speech_end = sub_end
    # "X pulled out in May and Y withdrew in June": after an earlier trigger
    # of the clause, a conjunction followed by an actor opens a new subject.
    if floor is not None and floor < ts:
        co = _last_match_end(cues["coordinated_clause"], text[floor:ts])
        subj = [h for h in in_clause if co is not None and floor + co <= h.start and h.end <= ts]
        # (the actor opens the new clause and its verb follows closely)
        if subj and _CO_SUBJ_GAP.fullmatch(text[floor + co:subj[0].start]) and _CO_VERB_GAP.fullmatch(text[subj[0].end:ts]):
            speech_end = floor + co - cs
        # "After X withdrew in May, Y deployed": a clause opened by a subordinator
        # holds the earlier trigger; the actor after the comma is the main subject.
        sub = cues["subordinators"].match(text, cs)
        pos = cs
        for _ in range(2 if sub is None else 0):  # "(Two) weeks after X withdrew, Y deployed"
            lead = _LEAD_WORD.match(text, pos)
            if lead is None:
                break
            pos = lead.end()
            sub = cues["subordinators"].match(text, pos)
            if sub is not None:
                break
        comma = text.rfind(",", floor, ts)
        if sub is not None and comma >= 0 and (speech_end is None or cs + speech_end <= comma):
            main = [h for h in in_clause if comma < h.start and h.end <= ts]
            if main and _CO_SUBJ_GAP.fullmatch(text[comma + 1:main[0].start]):
                speech_end = comma + 1 - cs
    start = cs + speech_end if speech_end is not None else cs
    own = _subordinate_subject(text, start, ts, in_clause)
    if own is not None:
        if own < 0:
            return []
        start = own
    rel_objects = _relation_objects(in_clause, text, cs)
    cands = [
        h for h in in_clause
        # (an actor may end inside the trigger: "French special forces left", "Wagner
        # fighters rolled into")
        if start <= h.start < ts and (not loc_before.search(text[cs:h.start]) or _member_of(text[cs:h.start]))
        and (not _POSS.match(text[h.end:h.end + 2]) or _poss_institution(text, h.end))
        # ("which borders Mali": an object of a relation; "the Z-linked Y group": Y acts)
        and id(h) not in rel_objects
        # ("Burkina Faso: inquiry needed into killing of ...": a headline's topic is no agent)
        and not (h.start == cs and text.startswith(":", h.end))
        and not _linked_to_next(h, in_clause, text)
    ]
    if not cands:
        # An actor inside the trigger phrase ("the last Danish soldiers have left").
        cands = [h for h in in_clause if ts <= h.start < te]
    # "It was the second massacre": an expletive "it" refers to nothing.
    pron = [p for p in find_pronouns(text[start:ts])
            if not (p[2].lower() == "it" and cues["expletive"].match(text, start + p[0]))]
    if trig.type == "massacre" and cands:
        # A perpetrator needs a verb that ties it to the killing.
        cands = [h for h in cands if _has(cues["blame"], text[cs:te])]
    if cands and (not pron or cands[0].start <= start + pron[0][0] or pron[0][2].lower() in ("which", "who")):
        first = _specific_actor(cands[0], [h for h in in_clause if cands[0].end <= h.start and h.end <= ts], text, cues)
        group = [first]
        cands = [first] + [h for h in cands if h.start >= first.end]
        # Coordinated actors: "X, Y, and Z".
        for h in cands[1:]:
            gap = text[group[-1].end:h.start]
            if _COORD.fullmatch(gap):
                group.append(h)
            else:
                break
        return [_as_actor(ctx, h, trig, idx) for h in group]
    if pron:
        p_start, p_end, word, scope = pron[0]
        if scope == "sentence" and (trig.type != "massacre" or _has(cues["blame"], text[start + p_end:te])):
            prev = [h for h in hits if h.end <= start + p_start]
            if prev:
                return [_as_actor(ctx, prev[-1], trig, idx)]
            return []  # ("which"/"who" never reaches back past its sentence)
        # "X announced that it ...": the pronoun is the speaker.
        if speech_end is not None:
            spk = [h for h in in_clause if h.end <= cs + speech_end and not loc_before.search(text[cs:h.start])]
            if spk:
                return [_as_actor(ctx, spk[0], trig, idx)]
            # "The army said it had deployed ...": the focus country's armed forces.
            army = _own_army(ctx, text[cs:cs + speech_end], at=_sentence_start(ctx, idx) + cs)
            if army is not None:
                return [army]
        for j in range(idx - 1, max(-1, idx - 4), -1):
            subj = ctx.subject(j)
            if subj is not None:
                return [_as_actor(ctx, subj, trig, idx)] if _agrees(ctx, word, subj, j, idx) else []
    if speech_end is not None:
        spk = [h for h in in_clause if h.end <= cs + speech_end and not loc_before.search(text[cs:h.start])]
        if spk and trig.type != "massacre":
            # "X's defence ministry said a battalion of 850 soldiers would deploy": X's own force
            if not cands and not pron and _force_rx().search(text, start, ts) and not any(
                    start <= h.start < ts for h in in_clause):
                return [_as_actor(ctx, spk[0], trig, idx)]
            return []
        if not spk and not cands and not pron and trig.type != "massacre" and _force_rx().search(text, start, ts):
            # "the Ministry of Defence announced that additional forces had been deployed"
            army = _own_army(ctx, text[cs:cs + speech_end], at=_sentence_start(ctx, idx) + cs)
            if army is not None:
                return [army]
    if not cands and not pron:
        subj_text = text[start:ts]
        if trig.type != "massacre":
            # "A smaller contingent had pulled out": a bare force noun refers back
            # like a pronoun to the subject of the previous sentences.
            bare = cues["bare_force_subject"].match(subj_text.lstrip(" ,"))
            if bare:
                for j in range(idx - 1, max(-1, idx - 4), -1):
                    subj = ctx.subject(j)
                    if subj is not None:
                        if subj.kind == "armed_group":
                            break  # (an armed group's raid is no referent of "the troops")
                        return [_as_actor(ctx, subj, trig, idx)]
            if bare or cues["bare_plural_force"].match(subj_text.lstrip(" ,")):
                # "Soldiers were sent to X": the focus country's army.
                cue = "bare_force_subject" if bare else "bare_plural_force"
                army = _own_army(ctx, subj_text, cue, at=_sentence_start(ctx, idx) + start)
                if army is not None:
                    return [army]
            # "Since then, the army has flown reinforcements into X": the focus country's forces.
            army = _own_army(ctx, subj_text, "own_army", at=_sentence_start(ctx, idx) + start)
            if army is not None:
                return [army]
        else:
            # "Soldiers executed 20 civilians": the focus country's armed forces.
            army = _own_army(ctx, subj_text, "bare_forces")
            if army is not None:
                return [army]
    # Massacres: an agent blamed in the next sentence ("X has been implicated").
    if trig.type == "massacre":
        art = ctx.article
        if idx + 1 < len(art.sentences):
            ns, ne = art.sentences[idx + 1]
            nxt = art.text[ns:ne]
            b = cues["blame"].search(nxt)
            if b:
                agents = [h for h in find_actors(nxt[: b.start()])]
                # (the agent right before the verb: "X said members of Y carried them out")
                near = [h for h in agents if _AGENT_GAP.fullmatch(nxt[h.end:b.start()])]
                if near:
                    return [_as_actor(ctx, near[-1], trig, idx)]
                if agents:
                    return [_as_actor(ctx, agents[0], trig, idx)]
    return []


def _blamed_agent(text: str) -> ActorHit | None:
    """The actor right before a blame verb in ``text`` ("members of Y carried them out")."""
    b = _lex()[1]["blame"].search(text)
    if b is None:
        return None
    near = [h for h in find_actors(text[: b.start()]) if _AGENT_GAP.fullmatch(text[h.end:b.start()])]
    return near[-1] if near else None


_AGENT_GAP = re.compile(r"\)?\s+(?:[a-z][\w-]*\s+){0,2}")
_FROM_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:from|of|belong(?:s|ing)?\s+to)"
                       r"\s+(?:the\s+|an?\s+)?(?:[\w’'-]+\s+){0,2}")
_POSS_WORDS = re.compile(r"['’]s\s+")
_WORD_GAP = re.compile(r"[\w,.’'-]+\s+")


def _poss_institution(text: str, end: int) -> bool:
    """Whether a possessive actor heads an acting institution ("X's parliament voted")."""
    rx = _lex()[1]["institutions"]
    m = _POSS_WORDS.match(text, end)
    if not m:
        return False
    # the institution right after "'s ", or after up to three modifiers ("'s last 47 soldiers")
    pos = m.end()
    for _ in range(4):
        if rx.match(text, pos) is not None:
            return True
        w = _WORD_GAP.match(text, pos)
        if w is None:
            return False
        pos = w.end()
    return False


def _specific_actor(first: ActorHit, later: list[ActorHit], text: str, cues) -> ActorHit:
    """``first``, or the organisation among the ``later`` hits it is drawn from
    ("jihadists from the Z group", "Russian instructors from the Africa Corps")."""
    generic = first.form != "name" or cues["generic_actors"].fullmatch(first.canonical) is not None
    if not generic:
        return first
    for h in later:
        if h.kind not in ("org", "armed_group", "un_mission") or cues["generic_actors"].fullmatch(h.canonical):
            continue
        if first.country is not None and h.country not in (None, first.country):
            break
        if _FROM_GAP.fullmatch(text[first.end:h.start]):
            return h
        break
    return first


def _as_actor(ctx: _Ctx, h: ActorHit, trig: _Trigger, idx: int) -> ActorHit:
    """Re-read generic forms in the article's context (``idx``: the sentence)."""
    branch = _regional_branch(h.canonical, ctx.focus.place.country if ctx.focus else None)
    if branch is not None:
        # "Islamic State fighters killed ..." in a Burkina Faso article: its Sahel branch.
        info = actor_info(branch)
        h = replace(h, canonical=branch, kind=info.kind if info else h.kind)
    if h.kind == "mission_generic":
        # "The mission ...": the last mission named before (or in) the sentence; else no actor.
        s0 = ctx.article.sentences[idx][0]
        seen = [o for o in ctx.all_actors if o.end <= s0 and _is_mission(o.canonical)]
        here = [x for x in ctx.hits(idx) if _is_mission(x.canonical)]
        before = [x for x in here if x.start < h.start]
        # (else one named after it in its sentence: "The mission, known as MINUSMA, left")
        pick = before or seen or here[:1]
        if pick:
            info = actor_info(pick[-1].canonical)
            return replace(h, canonical=pick[-1].canonical, kind=info.kind if info else "org",
                           country=pick[-1].country)
        return h
    if h.kind == "un_generic":
        # Only organisations and armed groups are remembered from earlier
        # sentences, so no earlier mission counts here.
        missions = [o for o in ctx.org_seen(idx) if o.kind == "un_mission"]
        here = [x for x in ctx.all_actors if x.kind == "un_mission"]
        pick = (missions or here)
        if pick:
            return replace(h, canonical=pick[-1].canonical, kind="un_mission", country=pick[-1].country)
    if h.form == "people" and trig.type == "massacre":
        same = [o for o in ctx.org_seen(idx) if o.country == h.country and o.kind in ("org", "armed_group")]
        if same:
            return replace(h, canonical=same[-1].canonical, kind=same[-1].kind)
    if trig.type == "massacre" and _lex()[1]["generic_actors"].fullmatch(h.canonical):
        # "Militants killed ... . Z claimed responsibility for the attack." (or
        # "Z was blamed for the raid"), in either of the next two sentences.
        art = ctx.article
        # "Gunmen killed 21 civilians ..., the ministry said, blaming Z": later in the same sentence.
        blamed = _blamed_later(ctx, idx, h.end)
        if blamed is not None:
            return replace(h, canonical=blamed.canonical, kind=blamed.kind, country=blamed.country)
        for j in range(idx + 1, min(idx + 3, len(art.sentences))):
            ns, ne = art.sentences[j]
            nxt = art.text[ns:ne]
            m = _lex()[1]["claim"].search(nxt)
            if m:
                named = [x for x in find_actors(nxt[: m.start()]) if not _lex()[1]["generic_actors"].fullmatch(x.canonical)]
                if named:
                    return replace(h, canonical=named[0].canonical, kind=named[0].kind, country=named[0].country)
                break
        # "Z-linked insurgents retook the town. Insurgents beheaded 11 ...": the
        # one armed group named in the sentence before is the generic actor's identity.
        if idx > 0:
            ps, pe = art.sentences[idx - 1]
            groups = {x.canonical: x for x in ctx.all_actors if ps <= x.start and x.end <= pe
                      and x.kind == "armed_group" and not _lex()[1]["generic_actors"].fullmatch(x.canonical)}
            if len(groups) == 1:
                [g] = groups.values()
                return replace(h, canonical=g.canonical, kind=g.kind, country=g.country)
    return h


# cues.json lists matched only where the text before a hit or a trigger ends, each with
# what may follow the cue up to that point (not part of ``_lex``'s cues, which match anywhere)
_ENDING_CUES = {
    "member_of": r"\s+(?:[\w-]+\s+){0,2}?(?:of|from|belong(?:s|ing)?\s+to|loyal\s+to)\s+(?:the\s+)?"
                 r"(?:(?:some|about|around|nearly|roughly)\s+)?(?:[\d,]+\s+)?",
    "not_subject_before": r"\s+(?:the\s+)?",
    "no_basis_before": r"\s+",
}


@lru_cache(maxsize=None)
def _ending(name: str) -> PrefilteredRegex:
    """The ``cues.json`` list ``name`` followed by its tail (``_ENDING_CUES``), anchored at the end.
    (Prefiltered: the regex, tried at every position, runs only when a cue's string is there.)"""
    return PrefilteredRegex(re.compile(
        r"(?<![\w-])(?:" + "|".join(load_json("cues.json")[name]) + ")" + _ENDING_CUES[name] + "$", re.I))


def _object_of_relation(before: str) -> bool:
    """Whether ``before`` ends with a relation word ("which borders ", "neighbouring ")."""
    return _ending("not_subject_before").search(before[-30:]) is not None


def _relation_objects(hits: list[ActorHit], text: str, cs: int) -> set[int]:
    """ids of the hits that are objects of a relation ("which borders Mali and Burkina
    Faso": both countries), never acting subjects."""
    out: set[int] = set()
    prev = None
    for h in hits:
        if _object_of_relation(text[cs:h.start]) or (
                prev is not None and id(prev) in out and _COORD.fullmatch(text[prev.end:h.start])):
            out.add(id(h))
        prev = h
    return out


def _member_of(before: str) -> bool:
    """Whether ``before`` ends with a force or member noun and "of/from (the)", "(believed
    to) belong to" ("Rebels of the ", "Fighters from ", "Gunmen believed to belong to ")."""
    return _ending("member_of").search(before[-40:]) is not None


def _linked_to_next(h: ActorHit, hits: list[ActorHit], text: str) -> bool:
    """Whether ``h`` is only the affiliation of the actor named right after it
    ("the Al-Qaeda-linked JNIM": JNIM acts, not al-Qaeda)."""
    m = _AFFIL_AFTER.match(text, h.end)
    return m is not None and any(o.start == m.end() for o in hits)


def _blamed_later(ctx: _Ctx, idx: int, after: int) -> ActorHit | None:
    """A specific group named right after a blaming cue ("blaming Z", "attributed the
    attack to Z") after offset ``after`` of sentence ``idx``."""
    cues = _lex()[1]
    s, e = ctx.article.sentences[idx]
    text = ctx.article.text[s:e]
    for m in cues["blaming"].finditer(text):
        if m.start() < after:
            continue
        for x in ctx.hits(idx):
            if x.start >= m.end() and _BLAMED_GAP.fullmatch(text, m.end(), x.start):
                if x.kind in ("org", "armed_group") and not cues["generic_actors"].fullmatch(x.canonical):
                    return x
                break
    return None


def _sentence_start(ctx: _Ctx, idx: int) -> int:
    """Article offset of sentence ``idx``."""
    return ctx.article.sentences[idx][0]


@lru_cache(maxsize=1)
def _branches() -> dict[tuple[str, str], str]:
    return {(g, iso): b for g, isos, b in rows("regional_branches.tsv") for iso in isos.split()}


def _regional_branch(canonical: str, focus: str | None) -> str | None:
    """The regional branch a global group stands for in an article about ``focus``
    (``regional_branches.tsv``), or None."""
    return _branches().get((canonical, focus)) if focus else None


@lru_cache(maxsize=None)
def _is_mission(canonical: str) -> bool:
    """Whether an actor is a mission: a UN mission, or an organisation one of whose
    names (``actors.tsv``) says "mission" (AMISOM, EUTM Mali, ...)."""
    info = actor_info(canonical)
    if info is None:
        return False
    return info.kind == "un_mission" or (info.kind == "org" and any(
        "mission" in a.lower() for a in (info.canonical, *info.aliases)))


@lru_cache(maxsize=1)
def _state_actors() -> dict[str, tuple[str | None, str | None]]:
    """ISO2 -> (its armed forces' canonical actor, the state's canonical actor), from ``actors.tsv``."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for canon, kind, iso2, *_ in rows("actors.tsv"):
        forces, state = out.get(iso2, (None, None))
        if kind == "org" and forces is None and "armed forces" in canon.lower():
            forces = canon
        elif kind == "country" and state is None:
            state = canon
        out[iso2] = (forces, state)
    return out


def _own_army(ctx: _Ctx, speaker: str, cue: str = "own_army", at: int | None = None) -> ActorHit | None:
    """The armed forces of the article's focus country for a bare "the army" speaker
    (or, with ``cue="bare_forces"``, a bare "soldiers" subject).  When ``at`` (the
    speaker's offset in the article) is given and the speaker's text names exactly
    one country ("Across the border in Togo, the army said"), that country's forces."""
    m = _lex()[1][cue].search(speaker)
    if m is None or ctx.focus is None:
        return None
    loc_before = _lex()[4]
    if any(not loc_before.search(speaker[:h.start]) for h in find_actors(speaker)):
        return None  # (an actor other than a place named after "in": not a bare army)
    iso = ctx.focus.place.country
    if at is not None:
        named = {x.place.country for x in ctx.mentions if at <= x.start and x.end <= at + len(speaker)
                 and x.place.kind == "country" and x.via != "demonym"}
        if len(named) == 1:
            iso = named.pop()
    forces, state = _state_actors().get(iso, (None, None))
    if forces is not None:
        return ActorHit(forces, "org", iso, m.start(), m.end(), m.group(0), "name")
    # (no armed-forces entry for that country: the state itself acts)
    # (kind "org": the army stands for the state but, unlike the state's name, does not rule
    # out its own country as the event's place: "In Togo, the army pulled back from ...")
    return ActorHit(state, "org", iso, m.start(), m.end(), m.group(0), "name") if state else None


def _location(ctx: _Ctx, idx, text, s0, places, actor_countries, hits, cs, ce, ts, te, clauses=None,
              origin_out: bool = False):
    """(PlaceMention or None, inferred?) for a trigger.  ``origin_out`` (deployments): a
    place after the trigger governed by "from" is where the force came from, not where
    it went ("redeployed from Ouallam to Tillaberi"), unless no other place follows."""
    _, _, _, preps, _, anaph, *_ = _lex()
    rel = []
    for m in places:
        if m.via == "demonym":
            continue
        a, b = m.start - s0, m.end - s0
        p = m.place
        if p.kind == "country" and p.country in actor_countries:
            continue
        if p.country in actor_countries and any(h.start == a and h.end == b and h.kind == "country" for h in hits):
            continue  # ("Moscow sent ...": the capital standing for the acting state is no place)
        rel.append((a, b, m))
    actor_spans = [(h.start, h.end) for h in hits if h.kind != "country"]
    # A place inside the actor's name ("the Mission in Somalia") is a last resort.
    named = [r for r in rel if any(s <= r[0] and r[1] <= e for s, e in actor_spans) and cs <= r[0] < ce]
    rel = [r for r in rel if not any(s <= r[0] and r[1] <= e for s, e in actor_spans)]

    # "the force, which is headquartered in Y": Y is the force's seat, no event's place.
    seat = _lex()[1]["seat"]
    rel = [r for r in rel if not seat.search(text[max(0, r[0] - 25):r[0]])]

    def governed(a):
        return preps.search(text[max(0, a - 30):a]) is not None

    def pick(cands):
        """The first place, or a more specific one right after it in the same country."""
        first = cands[0]
        best = first
        for c in cands[1:]:
            if c[0] - first[1] > 30:
                break
            if (_KIND_RANK.get(c[2].place.kind, 0) > _KIND_RANK.get(best[2].place.kind, 0)
                    and c[2].place.country == first[2].place.country):
                best = c
        return best[2]

    # The place right after the trigger (its object: "leaving Mali") or governed
    # by a preposition after it.
    after = [r for r in rel if te <= r[0] < min(ce, te + 90)
             and (governed(r[0]) or _THE_GAP.fullmatch(text[te:r[0]]))]
    if origin_out and len(after) > 1:
        # (only when a destination is named too: an origin alone still gives the right country
        # more often than the article's focus does)
        dest = [r for r in after if not _FROM_BEFORE.search(text, max(te, r[0] - 10), r[0])]
        if dest:
            after = dest
    # "the country" right after the trigger points back to the last country named.
    am = anaph.search(text[te:ce])
    if am and (not after or te + am.start() < after[0][0]):
        back = _anaphoric_country(ctx, idx, actor_countries, s0 + ts)
        if back is not None:
            return back, False
    if after:
        return pick(after), False
    # The place right before a nominal trigger ("the Moura massacre").
    pre = [r for r in rel if cs <= r[0] and r[1] <= ts and _VILLAGE_GAP.fullmatch(text[r[1]:ts])]
    if pre:
        return pre[-1][2], False
    before = [r for r in rel if cs <= r[0] < ts and governed(r[0])]
    if before:
        return pick(before), False
    if clauses is None:
        clauses = _clauses(text)
    gov = [r for r in rel if governed(r[0]) and not _clause_has_other_event(text, r[0], clauses)]
    if gov:
        return pick(gov), False
    # "sent troops to its northern border": the actor's own country.
    if actor_countries:
        own = _lex()[1]["own_territory"].search(text[te:ce])
        if own is not None and own.start() < 40:
            home = [m for m in ctx.mentions if m.place.kind == "country" and m.place.country in actor_countries
                    and m.via != "demonym" and m.start < s0 + te]
            if home:
                return home[-1], False
    if named:
        return named[0][2], False
    if ctx.focus is not None and ctx.focus.place.country not in actor_countries:
        return ctx.focus, True
    return None, False


def _expeller(ctx: _Ctx, text, s0, places, hits, cs, ts) -> PlaceMention | None:
    """The country of the subject of an active expulsion ("X's junta expelled ..."),
    as a place mention of that country (None for a passive or a non-state subject)."""
    if _PASSIVE.search(text[cs:ts]):
        return None
    _, _, _, _, loc_before, *_ = _lex()
    subj = [h for h in hits if cs <= h.start and h.end <= ts and not loc_before.search(text[cs:h.start])]
    if not subj or subj[0].country is None:
        return None
    iso = subj[0].country
    own = [m for m in places if m.place.kind == "country" and m.place.country == iso and m.via != "demonym"
           and m.start - s0 < ts]
    if not own:
        own = [m for m in ctx.mentions if m.place.kind == "country" and m.place.country == iso and m.via != "demonym"]
    return own[0] if own else None


def _anaphoric_country(ctx: _Ctx, idx, actor_countries, before: int | None = None) -> PlaceMention | None:
    """The last country named before "the country": earlier in the trigger's own
    sentence, before the trigger ("X's president announced that troops would
    leave the country"), else in the two sentences before it."""
    art = ctx.article
    for j in range(idx, max(-1, idx - 3), -1):
        s, e = art.sentences[j]
        cands = [
            m for m in ctx.mentions
            if s <= m.start < e and m.place.kind == "country" and m.place.country not in actor_countries
        ]
        if j == idx:
            # In the trigger's own sentence the first country named is the topic
            # ("crossed from X into Y, completing the withdrawal from the country").
            cands = [m for m in cands if before is not None and m.end <= before and m.via != "demonym"][:1]
        if cands:
            return cands[-1]
    return None


def _date(dates: list[DateValue], clauses, cs, ce, ts, te, status, text, art):
    _, cues, *_ = _lex()
    in_clause = [d for d in dates if cs <= d.span[0] < ce]
    if not in_clause:
        # A date in another clause only when that clause has no trigger of its own.
        in_clause = [d for d in dates if not (cs <= d.span[0] < ce)] if len(clauses) > 1 and len(dates) == 1 else []
        if in_clause and _clause_has_other_event(text, in_clause[0].span[0], clauses):
            in_clause = []

    def dist(d):
        a, b = d.span
        return (a - te) if a >= te else (ts - b) + 5

    at = sorted((d for d in in_clause if d.role in ("at", "since")), key=dist)
    by = sorted((d for d in in_clause if d.role in ("by", "until")), key=dist)
    date = at[0] if at else None
    end = by[0] if by else None
    if status == "announced" and date is not None and art.published is not None:
        if date.start_date() > art.published:
            end = end or date
            date = None
    # An announcement reported as today's news ("X has said", "X said Y
    # will leave") is dated by the publication date.
    if date is None and status == "announced" and art.published is not None and (
        _has(cues["speech_after"], text[te:ce])
        or _has(cues["speech_now"], text[cs:ts])
        or (_has(cues["speech"], text[cs:ts]) and _has(cues["future"], text[cs:te]))
    ):
        return art.published.isoformat(), end.value if end else None, "day"
    if date is None:
        return None, end.value if end else None, None
    return date.value, end.value if end else None, date.precision


def _clause_has_other_event(text, pos, clauses: _Clauses) -> bool:
    """Whether the clause of ``pos`` (``clauses``: those of the sentence ``text``) holds a trigger."""
    span = _clause_of(clauses, pos)
    got = clauses.has_trigger.get(span)
    if got is None:
        s, e = span
        # The combined pattern matches somewhere iff one of the triggers does.
        got = clauses.has_trigger[span] = _lex()[-1][3].search_any(text[s:e])
    return got


def _number(quants, trig, cs, ce, ts, te, text=None, clauses=None, floor=None):
    kind = "victims" if trig.type == "massacre" else "force"
    # A figure between an earlier trigger of the clause and this one is the earlier
    # one's when this trigger is nominal ("with 2,000 soldiers, ... the departure of")
    # or opens a subordinate clause with a subject of its own ("deployed 1,500
    # fighters, after France withdrew"; not "its 1,000 soldiers ... since they arrived").
    def earlier(q):
        if floor is None or text is None or not floor <= q.start < ts:
            return False
        if trig.nominal:
            return True
        sub = _last_match_end(_lex()[1]["subordinators"], text[q.end:ts])
        return sub is not None and bool(find_actors(text[q.end + sub:ts]))

    cands = [q for q in quants if q.unit_kind == kind and not q.casualty and not earlier(q)]
    if not cands:
        return None
    same = [q for q in cands if cs <= q.start < ce]
    if not same and text is not None and clauses:
        # A figure in another clause that has an event of its own is that event's.
        cands = [q for q in cands if not _clause_has_other_event(text, q.start, clauses)]
    pool = same or cands
    if not pool:
        return None
    return min(pool, key=lambda q: abs(q.start - ts))


@lru_cache(maxsize=1)
def _force_units() -> re.Pattern:
    """Any force unit of ``units.tsv`` ("troops", "strong"...), lower-case, anywhere."""
    return re.compile(trie_regex(u.lower() for u, k, _ in rows("units.tsv") if k == "force"))


def _may_state_force(text: str) -> bool:
    """False when ``text`` cannot hold a force figure: ``find_quantities`` gives a figure
    the kind "force" only for a force unit written in the text (matched ignoring case,
    which ``fold`` reproduces exactly when it does not give up)."""
    low = fold(text)
    return low is None or _force_units().search(low) is not None


def _fill_strengths(ctx: _Ctx, events: list[Event]) -> list[Event]:
    """Give a deployment/withdrawal without a figure the force size the article
    states for the same actor elsewhere ("the 300-strong UK contingent",
    "1,000 Wagner paramilitaries"): a force figure whose actor is right after
    it (or right before it as a possessive), in a sentence with no negation or
    report cue.  Conservative: only when the article gives one such figure.
    """
    need = {a for e in events if e.number is None and e.type != "massacre" for a in e.actors}
    if not need:
        return events
    _, cues, *_ = _lex()
    art = ctx.article
    sizes: dict[str, set[tuple[int, int | None, str | None]]] = {}
    per_sentence: dict[int, list] = {}
    sents = art.sentences
    sent_starts = [s for s, _ in sents]
    for h in ctx.all_actors:
        if h.canonical not in need:
            continue
        si = bisect_right(sent_starts, h.start) - 1  # (Article.sentence_index, without its O(n) list)
        if si < 0 or h.start >= sents[si][1]:
            continue
        s, e = sents[si]
        text = art.text[s:e]
        if si not in per_sentence:
            # (the cue checks only matter for a sentence that states a force figure)
            force = [q for q in ctx.quants(si) if q.unit_kind == "force"] if _may_state_force(text) else []
            ok = bool(force) and not (_has(cues["negation"], text) or _has(cues["report"], text))
            per_sentence[si] = force if ok else []
        hs, he = h.start - s, h.end - s
        for q in per_sentence[si]:
            if q.unit_kind != "force" or q.casualty:
                continue
            after = 0 <= hs - q.end <= 25 and not _FIG_ACTOR_GAP.search(text[q.end:hs])
            before = 0 <= q.start - he <= 45 and _POSS.match(text[he:he + 2]) and not _PUNCT.search(text[he:q.start])
            if after or before:
                sizes.setdefault(h.canonical, set()).add((q.value, q.value_max, q.unit_label))
    out = []
    for ev in events:
        got = sizes.get(ev.actors[0]) if ev.number is None and ev.type != "massacre" and len(ev.actors) == 1 else None
        if got and len(got) == 1:
            v, vmax, unit = next(iter(got))
            ev = replace(ev, number=v, number_max=vmax, number_unit=unit)
        out.append(ev)
    return out


# --------------------------------------------------------------------------- consolidation


def _score(ev: Event) -> float:
    return (
        2 * (ev.date is not None)
        + (ev.date_end is not None)
        + (ev.number is not None)
        + (not ev.location_inferred and ev.location is not None)
        + 0.5 * (ev.country is not None)
        - 1e-7 * ev.start
    )


def _fill(primary: Event, other: Event | None) -> Event:
    if other is None:
        return primary
    upd = {}
    if primary.number is None and other.number is not None:
        upd.update(number=other.number, number_max=other.number_max, number_unit=other.number_unit)
    if primary.date_end is None and other.date_end is not None:
        upd["date_end"] = other.date_end
    if primary.date is None and other.date is not None:
        upd.update(date=other.date, date_precision=other.date_precision)
    return replace(primary, **upd) if upd else primary


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return dates_compatible(a, b, month_slack=0)


def same_event(a: Event, b: Event) -> bool:
    """Whether two mentions in one article report the same event: merge.py's rule, months exact."""
    return compatible(a, b, month_slack=0)


def _announced_then_done(a: Event, b: Event) -> bool:
    """An announced decision and its later execution, same actors and country
    ("parliament voted in May to end the mission" ... "the last soldiers left on Friday")."""
    if a.type != b.type or a.actors != b.actors or {a.status, b.status} != {"announced", "occurred"}:
        return False
    if a.country is None or a.country != b.country:
        return False
    ann, done = (a, b) if a.status == "announced" else (b, a)
    return ann.date is None or done.date is None or ann.date[:7] <= done.date[:7]


def _fold_generic(events: list[Event]) -> list[Event]:
    """Drop an event whose only actor is generic ("jihadists") when the article
    reports the same event with a specific actor; its figures fill the gaps."""
    generic = _lex()[1]["generic_actors"]
    out = list(events)
    for ev in events:
        if len(ev.actors) != 1 or not generic.fullmatch(ev.actors[0]):
            continue
        for i, o in enumerate(out):
            if o is ev or o.type != ev.type or any(generic.fullmatch(a) for a in o.actors):
                continue
            if (o.country == ev.country and _dates_compatible(o.date, ev.date)
                    and ev.number is not None and ev.number in (o.number, o.number_max)):
                out[i] = _fill(o, ev)
                out.remove(ev)
                break
    return out


def _consolidate(events: list[Event]) -> list[Event]:
    groups: list[list[Event]] = []
    for ev in events:
        for g in groups:
            if all((same_event(ev, x) and x.actors == ev.actors) or _announced_then_done(ev, x) for x in g):
                g.append(ev)
                break
        else:
            groups.append([ev])
    out = []
    for g in groups:
        # A group joined only through an announcement and its execution is
        # reported by the execution.
        staged = len({e.status for e in g}) > 1 and any(not same_event(x, y) for x in g for y in g)
        primary = max(g, key=lambda e: (staged and e.status == "occurred", _score(e)))
        for other in sorted(g, key=_score, reverse=True):
            if other is not primary:
                primary = _fill(primary, other)
        out.append(primary)
    out = _fold_generic(out)
    out.sort(key=lambda e: (e.start, e.type))
    return out
