"""The Streamlit dashboard: map, timeline, table, evidence and article reader.

``streamlit run app.py`` calls :func:`main`, which opens on the seed corpus
(``seeds/`` with ``seeds/manifest.csv``).  All streamlit code lives here;
the map itself is built by :mod:`sahelmap.mapview` (no streamlit there).

Responsiveness
    * The map is drawn with ``st_folium(..., returned_objects=[])``: panning,
      zooming and clicking markers (popups open in the browser) never rerun
      the script.
    * Filters, map, timeline, table and downloads live in one
      ``st.fragment``: moving a filter reruns only that fragment, not the
      corpus loading, uploads or the article reader.  Streamlit's slider
      commits its value on release, so dragging it sends one rerun, not a
      storm; the "play" mode reruns the fragment on a timer
      (``run_every``) and advances the window by one step each time.
    * The map's base (boundaries, legend, view of the whole corpus) renders
      to the same script whatever the filters, so the streamlit-folium iframe
      and Leaflet stay mounted; a filter change only sends the changed layers
      (``feature_group_to_add``), which the component swaps in place.
    * Holding an arrow key on the slider sends one value per key press;
      Streamlit folds the pending reruns into one (the fragment run is short:
      no chart library, downloads generated only on click), so the app
      settles on the last value soon after the last key.
    * First paint: the timeline (vega), the table (data grid), the upload
      form and the article reader sit in collapsed expanders whose content is
      produced only when opened (``on_change="rerun"``, ``.open``).  Their
      Streamlit frontend chunks (~2 MB of JS for vega-embed and the grid)
      otherwise had to load and parse before React showed the map at all.
    * Cold start: ``streamlit run app.py`` imports ``app.py`` once at server
      start (it defines an ``st.App`` serving itself), which runs
      :func:`warm_up` in a background thread: the pandas/folium imports, the
      seeds' tables (disk cache or extraction), the boundaries and the map
      templates are ready while the browser is still loading Streamlit's
      frontend, so the first session only renders.
    * ``SAHELMAP_PROFILE=1`` logs the wall time of each section of a run to
      stderr (``sahelmap-profile <unix time> <section> <ms>``).
    * Extraction is cached: ``st.cache_resource`` for the gazetteer and
      the boundaries, ``st.cache_data`` (keyed on a hash of the article
      contents) for the derived tables, and a pickle on disk
      (``SAHELMAP_CACHE_DIR``, default ``~/.cache/sahelmap``; keyed on the
      contents and the code/data fingerprint) so a restarted server opens
      without extracting the seeds again.

Sharing
    Filter state is mirrored into the URL (``st.query_params``: ``from``,
    ``to``, ``year``, ``actor``, ``type``, ``undated``, ``tiles``,
    ``places``, ``article``) and read back on a session's first run, so a
    copied link reproduces the view.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import html
import os
import pickle
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from sahelmap import export, mapview
from sahelmap.errors import InputError
from sahelmap.records import EVENT_TYPES, Article

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "seeds"
MAP_HEIGHT = 560
PLAY_SECONDS = 1.5

# -- pure helpers (tested without a server) ---------------------------------------------

_PROFILE = bool(os.environ.get("SAHELMAP_PROFILE"))


class _Span:
    """``with _Span("name"):`` logs the section's wall time to stderr when ``SAHELMAP_PROFILE`` is set."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self) -> "_Span":
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        if _PROFILE:
            ms = 1000 * (time.perf_counter() - self.t0)
            print(f"sahelmap-profile {time.time():.3f} {self.name} {ms:.1f} ms", file=sys.stderr, flush=True)



def articles_key(articles: Sequence[Article]) -> str:
    """A hash of the article contents and metadata (the derived-table cache key)."""
    h = hashlib.sha256()
    for a in articles:
        for part in (a.file, a.title or "", str(a.published or ""), a.source or "", a.url or "", a.text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    return h.hexdigest()


def highlight_html(text: str, places: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]]) -> str:
    """``text`` as escaped HTML with place mentions and event sentences in ``<mark>``.

    Spans may overlap (a place inside an event sentence gets both classes).
    """
    cuts = {0, len(text)}
    for s, e in list(places) + list(sentences):
        if 0 <= s < e <= len(text):
            cuts.update((s, e))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        classes = []
        if any(s <= a and b <= e for s, e in sentences):
            classes.append("sahel-ev")
        if any(s <= a and b <= e for s, e in places):
            classes.append("sahel-pl")
        piece = html.escape(text[a:b])
        out.append(f'<mark class="{" ".join(classes)}">{piece}</mark>' if classes else piece)
    return "".join(out)


def date_bounds(events: pd.DataFrame) -> tuple[_dt.date, _dt.date] | None:
    """First and last day covered by the dated events (None when none is dated)."""
    if events.empty or events["date_start"].notna().sum() == 0:
        return None
    lo = events["date_start"].min()
    hi = events["date_stop"].fillna(events["date_start"]).max()
    return lo.date(), max(hi, lo).date()


def actor_options(events: pd.DataFrame) -> list[str]:
    """All actors named by the events, sorted."""
    if events.empty:
        return []
    return sorted({a for acts in events["actors"] for a in (acts if isinstance(acts, (list, tuple)) else [])})


def year_options(events: pd.DataFrame) -> list[int]:
    """Years of the dated events, sorted."""
    if events.empty:
        return []
    return sorted({int(y) for y in events["year"].dropna()})


def timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Events per month and type (dated events only)."""
    dated = events[events["date_start"].notna()] if not events.empty else events
    if dated.empty:
        return pd.DataFrame(columns=["month", "type", "events"])
    month = dated["date_start"].dt.to_period("M").dt.to_timestamp()
    return (
        pd.DataFrame({"month": month, "type": dated["type"].astype(str)})
        .groupby(["month", "type"], as_index=False)
        .size()
        .rename(columns={"size": "events"})
    )


def table_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The filtered events as shown in the table."""
    cols = ["event_id", "date", "date_precision", "type", "actors_label", "location", "country", "precision",
            "number", "numbers_conflict", "status", "n_sources"]
    if events.empty:
        return pd.DataFrame(columns=cols + ["evidence"])
    view = events[[c for c in cols if c in events.columns]].copy()
    view["evidence"] = [
        (list(s)[0].get("evidence") if isinstance(s, (list, tuple)) and len(s) else None) for s in events["sources"]
    ]
    return view


def timeline_spec() -> dict:
    """Vega-Lite spec of the timeline (stacked monthly bars coloured by event type).

    A plain spec (no altair): nothing to import or validate on each rerun.
    """
    return {
        "mark": {"type": "bar"},
        "height": 160,
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "Month"},
            "y": {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "Events",
                  "axis": {"tickMinStep": 1, "format": "d"}},
            "color": {"field": "type", "type": "nominal",
                      "scale": {"domain": list(mapview.TYPE_COLOURS), "range": list(mapview.TYPE_COLOURS.values())}},
            "tooltip": [
                {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "Month"},
                {"field": "type", "type": "nominal", "title": "Type"},
                {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "Events"},
            ],
        },
    }


def read_upload(name: str, data: bytes, published: _dt.date | None = None) -> Article:
    """An Article from uploaded bytes (.txt/.html), cleaned like a file; raises InputError."""
    from sahelmap.loader import read_article

    safe = Path(name).name or "upload.txt"
    with tempfile.TemporaryDirectory(prefix="sahelmap-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        try:
            article, _warning = read_article(path, file=safe)
        except InputError as exc:  # name the upload, not the temporary path
            raise InputError(safe, exc.reason) from None
    article = replace(article, path=None)
    if published is not None:
        article = replace(article, published=published, published_source="manifest")
    return article


# -- cached data --------------------------------------------------------------------------


@st.cache_resource(show_spinner="Loading the gazetteer…")
def _gazetteer():
    from sahelmap.gazetteer import Gazetteer

    return Gazetteer.load()


@functools.lru_cache(maxsize=4)
def _boundaries(path: str) -> dict | None:
    """The boundaries GeoJSON, read once per process: the warm-up and the sessions share one dict
    (so the map's JSON memo, keyed on the object, serves both)."""
    p = Path(path)
    return mapview.load_boundaries(p) if p.is_file() else None


@st.cache_data(show_spinner=False)
def _seed_articles(folder: str, stamp: str) -> tuple[list[Article], list[str]]:
    from sahelmap.loader import load_articles

    result = load_articles([folder])
    return list(result.articles), [str(p) for p in result.problems]


@st.cache_data(show_spinner=False, max_entries=8)
def _derive(key: str, _articles: tuple[Article, ...], _corpus: Any = None,
            _frames: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """The derived tables of the corpus, cached on ``key`` (a hash of the article contents).

    ``_corpus`` is a corpus already extracted (with a progress bar) by the
    caller; without it the pipeline runs here.  No st.* call happens inside,
    so the cached value replays cleanly.
    """
    if _frames is not None:  # read from the disk cache by the caller
        return _frames
    from sahelmap.pipeline import run
    from sahelmap.tables import frames

    corpus = _corpus if _corpus is not None else run(_articles, gazetteer=_gazetteer())
    return frames(corpus)


@st.cache_resource(show_spinner=False)
def _derived_keys() -> set[str]:
    """Content hashes whose tables this server process has derived (and cached)."""
    return set()


def code_fingerprint() -> str:
    """Name, size and mtime of every file of the package and of ``geo/`` (extraction code and data)."""
    h = hashlib.sha256()
    for folder in (Path(__file__).resolve().parent, ROOT / "geo"):
        if not folder.is_dir():
            continue
        for p in sorted(folder.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                st_ = p.stat()
                h.update(f"{p.relative_to(folder)}:{st_.st_size}:{st_.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


@st.cache_resource(show_spinner=False)
def _loaded_code_fingerprint() -> str:
    """:func:`code_fingerprint` of the code this server process loaded: once, not on every rerun."""
    return code_fingerprint()


def cache_dir() -> Path:
    """Where derived tables are kept between server runs (``SAHELMAP_CACHE_DIR`` overrides)."""
    env = os.environ.get("SAHELMAP_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "sahelmap"


def _disk_load(key: str) -> dict[str, pd.DataFrame] | None:
    path = cache_dir() / f"frames-{key}.pkl"
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)  # our own file, written by _disk_save
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return value if isinstance(value, dict) and "events" in value else None


def _disk_save(key: str, value: dict[str, pd.DataFrame]) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".frames-", delete=False) as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, folder / f"frames-{key}.pkl")
        old = sorted(folder.glob("frames-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)[8:]
        for p in old:  # keep the 8 newest corpora/code versions
            p.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs the next cold start an extraction


def derived_frames(articles: tuple[Article, ...]) -> dict[str, pd.DataFrame]:
    """Cached tables of ``articles``; a new corpus is extracted under a progress bar.

    Tables are cached in memory (``st.cache_data``) and on disk (keyed on the
    article contents and :func:`code_fingerprint`), so a restarted server
    opens on the seeds without extracting them again.
    """
    with _Span("derived:key"):
        key = articles_key(articles) + "-" + _loaded_code_fingerprint()
    if key in _derived_keys():
        with _Span("derived:cached"):
            return _derive(key, articles)
    stored = _warm_frames(key)
    if stored is None:
        stored = _disk_load(key)
    if stored is not None:
        result = _derive(key, articles, _frames=stored)
        _derived_keys().add(key)
        return result
    from sahelmap.pipeline import run

    bar = st.progress(0.0, text="Extracting places and events…")

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=f"Extracting places and events… {done}/{total} ({name})")

    corpus = run(articles, gazetteer=_gazetteer(), progress=progress)
    bar.empty()
    result = _derive(key, articles, corpus)
    _derived_keys().add(key)
    _disk_save(key, result)
    return result


# -- warm-up at server start -----------------------------------------------------------------

_WARM_LOCK = threading.Lock()
_WARM: Future | None = None


def warm_up(folder: Path | None = None) -> dict[str, Any] | None:
    """Prepare the first page of the corpus in ``folder`` (default: the seeds) once per process.

    ``app.py`` calls this in a background thread when ``streamlit run`` imports
    it at server start, so the imports (pandas, folium), the extraction (or the
    disk-cache read), the boundaries and the map templates are ready by the time
    the browser has loaded Streamlit's frontend and the first session runs.
    The first call does the work; later calls wait for it and return
    ``{"key", "frames"}`` (None if it failed: the session then does the work).
    """
    global _WARM
    with _WARM_LOCK:
        fut, mine = _WARM, _WARM is None
        if mine:
            fut = _WARM = Future()
    if mine:
        try:
            fut.set_result(_prepare_first_page(folder or SEEDS_DIR))
        except Exception as exc:  # noqa: BLE001 - a failed warm-up only costs the first session the work
            print(f"sahelmap: warm-up failed ({exc!r}); the first session extracts instead", file=sys.stderr)
            fut.set_result(None)
    return fut.result()


def _prepare_first_page(folder: Path) -> dict[str, Any]:
    from sahelmap.gazetteer import Gazetteer
    from sahelmap.loader import load_articles

    gazetteer = Gazetteer.load()
    with _Span("warm:articles"):
        articles = tuple(load_articles([str(folder)]).articles)
        key = articles_key(articles) + "-" + code_fingerprint()
    with _Span("warm:frames"):
        frames = _disk_load(key)
        if frames is None:
            from sahelmap.pipeline import run
            from sahelmap.tables import frames as to_frames

            frames = to_frames(run(articles, gazetteer=gazetteer))
            _disk_save(key, frames)
    with _Span("warm:map"):
        # the first render compiles folium's templates and memoises the boundaries' JSON
        boundaries = _boundaries(str(gazetteer.boundaries_path))
        events = frames["events"]
        layers = mapview.build_layers(events, frames.get("places"), frames.get("presence"), frames.get("spread"),
                                      boundaries)
        base = mapview.build_base_map(boundaries, fit=mapview.view_bounds(events))
        for g in layers.groups:
            g.add_to(base)
        mapview.render_html(base)
    with _Span("warm:imports"):
        _warm_streamlit_imports()
    return {"key": key, "frames": frames}


def _warm_streamlit_imports() -> None:
    """Import what the first script run would otherwise import.

    ``streamlit_folium`` (with ``folium.plugins``, ~0.15-0.25 s), then its component is
    registered with the running server (see :func:`_register_map_component`).
    ``streamlit.emojis`` (~0.15-0.3 s) is the table ``st.set_page_config`` loads to check
    an emoji icon.
    """
    import streamlit.emojis  # noqa: F401

    _register_map_component()


def _register_map_component() -> None:
    """Make sure the running server knows streamlit_folium's component (cheap when it does).

    streamlit_folium declares its component when it is imported, and Streamlit registers
    a declared component only when the declaration runs inside a script run.  Imported
    by the warm-up at server start (outside any run), the module is never declared again,
    so without this the map's frame would get 404s and never draw.  Called by the warm-up
    and by every map draw (a dictionary lookup once registered).
    """
    import streamlit_folium
    from streamlit import runtime

    component = getattr(streamlit_folium, "_component_func", None)
    if component is None or not runtime.exists():
        return
    registry = runtime.get_instance().component_registry
    if registry.get_component_path(component.name) is None:
        registry.register_component(component)


def _warm_frames(key: str) -> dict[str, pd.DataFrame] | None:
    """The warm-up's tables when it prepared this very corpus and code (waits if it is still running)."""
    fut = _WARM
    if fut is None:
        return None
    if not fut.done():
        with st.spinner("Preparing the articles…"), _Span("derived:wait_warm_up"):
            fut.result()
    result = fut.result()
    return result["frames"] if result and result["key"] == key else None


def _folder_stamp(folder: Path) -> str:
    if not folder.is_dir():
        return ""
    return "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(folder.iterdir()))


# -- URL state ------------------------------------------------------------------------------

_QP_KEYS = ("from", "to", "year", "actor", "type", "undated", "tiles", "places", "article")


def _load_query_params(bounds, years, actors) -> None:
    """Seed the widget state from the URL once per session."""
    if st.session_state.get("dash_qp_loaded"):
        return
    st.session_state["dash_qp_loaded"] = True
    qp = st.query_params
    if bounds:
        lo, hi = bounds
        start, end = mapview.parse_partial_date(qp.get("from")), mapview.parse_partial_date(qp.get("to"))
        if start or end:
            start = min(max(start or lo, lo), hi)
            end = max(min(end or hi, hi), start)
            st.session_state["dash_range"] = (start, end)
    if "year" in qp:
        st.session_state["dash_years"] = [y for y in (_int(v) for v in qp.get_all("year")) if y in years]
    if "actor" in qp:
        st.session_state["dash_actors"] = [a for a in qp.get_all("actor") if a in actors]
    if "type" in qp:
        st.session_state["dash_types"] = [t for t in qp.get_all("type") if t in EVENT_TYPES]
    if "undated" in qp:
        st.session_state["dash_undated"] = qp.get("undated") != "0"
    if "tiles" in qp:
        st.session_state["dash_tiles"] = qp.get("tiles") == "1"
    if "places" in qp:
        st.session_state["dash_places"] = qp.get("places") != "0"
    if "article" in qp:
        st.session_state["dash_article_qp"] = qp.get("article")


def _int(v: str) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _save_query_params(sel: mapview.Selection, bounds) -> None:
    """Mirror the current filters into the URL (defaults left out)."""
    want: dict[str, Any] = {}
    if bounds and (sel.start, sel.end) != tuple(bounds):
        want["from"], want["to"] = sel.start.isoformat(), sel.end.isoformat()
    if sel.years:
        want["year"] = [str(y) for y in sel.years]
    if sel.actors:
        want["actor"] = list(sel.actors)
    if sel.types and set(sel.types) != set(EVENT_TYPES):
        want["type"] = list(sel.types)
    if not sel.include_undated:
        want["undated"] = "0"
    if st.session_state.get("dash_tiles"):
        want["tiles"] = "1"
    if not st.session_state.get("dash_places", True):
        want["places"] = "0"
    art = st.session_state.get("dash_article")
    if art:
        want["article"] = art
    current = {k: (st.query_params.get_all(k) if isinstance(want.get(k), list) else st.query_params.get(k))
               for k in _QP_KEYS if k in st.query_params}
    if current != want:
        st.query_params.from_dict(want)


# -- the explorer fragment ------------------------------------------------------------------


def _advance(bounds) -> None:
    """Play: move the date window one step forward (wrapping at the end)."""
    lo, hi = bounds
    start, end = st.session_state.get("dash_range", bounds)
    width = end - start
    step = max(_dt.timedelta(days=30), width / 4)
    new_start = start + step
    if new_start > hi or new_start + width > hi + step:
        new_start = lo
    new_end = min(new_start + width, hi)
    st.session_state["dash_range"] = (new_start, new_end)


def draw_map(events: pd.DataFrame, layers: mapview.MapLayers, boundaries: dict | None) -> None:
    """The map: a base that stays mounted plus the filter-dependent layers.

    The base (boundaries, tiles, legend, a view fitted to the whole corpus)
    renders to the same script whatever the filters, so streamlit-folium keeps
    its iframe and Leaflet; a filter change only sends ``feature_group_to_add``
    (and the layer control listing those groups), which the component swaps
    in place.  Hidden groups are left out (the component adds every group).
    """
    import folium
    from streamlit_folium import st_folium

    _register_map_component()
    base = mapview.build_base_map(boundaries, tiles=bool(st.session_state.get("dash_tiles")),
                                  fit=mapview.view_bounds(events))
    st.session_state["dash_map"] = base
    st_folium(
        base, key="dash_map_widget", height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
        feature_group_to_add=[g for g in layers.groups if g.show],
        layer_control=folium.LayerControl(collapsed=True),
    )


def explorer(frames: dict[str, pd.DataFrame], boundaries: dict | None) -> None:
    """Filters, map, timeline, table and downloads (rerun as one fragment)."""
    events = frames["events"]
    bounds = date_bounds(events)
    years, actors = year_options(events), actor_options(events)
    _load_query_params(bounds, years, actors)

    if bounds and st.session_state.get("dash_play"):
        _advance(bounds)

    c1, c2, c3, c4 = st.columns([3, 1.2, 2, 2])
    start = end = None
    with c1:
        if bounds and bounds[0] < bounds[1]:
            cur = st.session_state.get("dash_range")
            if not (isinstance(cur, (tuple, list)) and len(cur) == 2 and bounds[0] <= cur[0] <= cur[1] <= bounds[1]):
                st.session_state["dash_range"] = bounds
            start, end = st.slider(
                "Period", min_value=bounds[0], max_value=bounds[1], key="dash_range",
                format="YYYY-MM-DD", help="Events whose date (period) overlaps this range.",
            )
        elif bounds:
            st.caption(f"All dated events fall on {bounds[0]:%Y-%m-%d}.")
        st.checkbox("Include undated events", value=True, key="dash_undated")
    with c2:
        sel_years = st.multiselect("Year", years, key="dash_years", placeholder="all")
    with c3:
        sel_actors = st.multiselect("Actor", actors, key="dash_actors", placeholder="all")
    with c4:
        st.session_state.setdefault("dash_types", list(EVENT_TYPES))
        sel_types = st.multiselect("Event type", list(EVENT_TYPES), key="dash_types", placeholder="all")

    sel = mapview.Selection(
        start=start, end=end, years=tuple(sel_years), actors=tuple(sel_actors), types=tuple(sel_types),
        include_undated=bool(st.session_state.get("dash_undated", True)),
    )
    filtered = mapview.select_events(events, sel)
    as_of = end or (bounds[1] if bounds else None)
    places = frames.get("places")
    if places is not None and not places.empty:
        shown = set(filtered["event_id"])
        arts = {s.get("article") for ss in filtered["sources"] for s in (ss if isinstance(ss, (list, tuple)) else [])}
        places = places[places["article"].isin(arts)] if shown else places.iloc[0:0]
    with _Span("explorer:build_layers"):
        layers = mapview.build_layers(
            filtered, places, frames.get("presence"), frames.get("spread"), boundaries,
            show_places=bool(st.session_state.get("dash_places", True)), as_of=as_of,
        )
    st.session_state["dash_filtered"] = filtered
    st.session_state["dash_layers"] = layers
    st.session_state["dash_n_markers"] = len(layers.event_rows)
    if bounds and start is not None:
        _save_query_params(sel, bounds)
    else:
        _save_query_params(replace(sel, start=None, end=None), None)

    n_map = len(mapview.mappable(filtered))
    note = f"**{len(filtered)}** of {len(events)} events"
    if n_map < len(filtered):
        note += f" ({len(filtered) - n_map} without coordinates are not on the map)"
    if layers.aggregated:
        note += f"; map aggregated on a {layers.aggregated:g}° grid"
    if as_of is not None:
        note += f"; presence shown as of {as_of:%Y-%m-%d}"
    st.markdown(note)

    with _Span("explorer:draw_map"):
        draw_map(events, layers, boundaries)

    details(filtered)


def details(filtered: pd.DataFrame) -> None:
    """Timeline, table and downloads in expanders that run their content only when opened.

    The chart and table widgets pull ~2 MB of Streamlit frontend code (vega-embed,
    the data grid, Arrow); React shows nothing of the page until every chunk the
    elements need is loaded, so rendering them on the first run delayed the map by
    seconds.  Collapsed (the default), they send nothing; opening one reruns the
    fragment and fills it.
    """
    timeline = st.expander("Timeline (events per month)", key="dash_timeline_open", on_change="rerun")
    if timeline.open:
        with timeline:
            tl = timeline_frame(filtered)
            if tl.empty:
                st.caption("No dated event in the selection.")
            else:
                st.vega_lite_chart(tl, timeline_spec(), width="stretch")
    table = st.expander("Events table and downloads", key="dash_table_open", on_change="rerun")
    if table.open:
        with table:
            st.dataframe(table_frame(filtered), hide_index=True, height=300)
            d1, d2, _ = st.columns([1, 1, 3])
            # data as callables: the files are generated only when a button is clicked
            d1.download_button("Download CSV (ACLED-like)", lambda: export.to_acled_csv(filtered),
                               file_name="sahelmap_events.csv", mime="text/csv", on_click="ignore",
                               key="dash_dl_csv")
            d2.download_button("Download GeoJSON", lambda: export.to_geojson_text(filtered),
                               file_name="sahelmap_events.geojson", mime="application/geo+json",
                               on_click="ignore", key="dash_dl_geojson")


# -- article reader and uploads ---------------------------------------------------------------

_READER_CSS = """
<style>
.sahel-reader { white-space: pre-wrap; font: 15px/1.6 Georgia, serif; max-height: 520px; overflow-y: auto;
                border: 1px solid #ddd; padding: 10px 14px; border-radius: 4px; }
.sahel-reader mark.sahel-ev { background: #fbe3c9; }
.sahel-reader mark.sahel-pl { background: #cfe6f7; border-bottom: 2px solid #0072B2; }
.sahel-reader mark.sahel-ev.sahel-pl { background: #e3d4ee; }
</style>
"""


def reader(articles: Sequence[Article], frames: dict[str, pd.DataFrame]) -> None:
    """A chosen article with its place mentions and event sentences highlighted."""
    by_file = {a.file: a for a in articles}
    if not by_file:
        return
    files = list(by_file)
    wanted = st.session_state.pop("dash_article_qp", None)
    if wanted in by_file:
        st.session_state["dash_article"] = wanted
    choice = st.selectbox(
        "Article", files, key="dash_article", index=None, placeholder="choose an article to read",
        format_func=lambda f: f"{f} — {by_file[f].title or 'untitled'}",
    )
    if not choice:
        return
    art = by_file[choice]
    places = frames.get("places")
    mentions = frames.get("mentions")
    pspans = []
    if places is not None and not places.empty:
        p = places[places["article"] == choice]
        pspans = list(zip(p["start"].astype(int), p["end"].astype(int)))
    espans = []
    if mentions is not None and not mentions.empty:
        mm = mentions[mentions["article"] == choice]
        espans = list(zip(mm["start"].astype(int), mm["end"].astype(int)))
    meta = " · ".join(html.escape(str(x)) for x in (art.source, art.published, art.url) if x)
    st.markdown(f"**{art.title or art.file}**  \n{meta}" if meta else f"**{art.title or art.file}**")
    st.caption(f"{len(pspans)} place mention(s) (blue) · {len(espans)} event sentence(s) (orange)")
    st.html(_READER_CSS + f'<div class="sahel-reader">{highlight_html(art.text, pspans, espans)}</div>')


def _uploads_panel(existing: set[str]) -> None:
    with st.form("dash_upload_form", clear_on_submit=True):
        files = st.file_uploader("Add articles (.txt, .html)", type=["txt", "html", "htm"],
                                 accept_multiple_files=True, key="dash_upload_files")
        published = st.date_input("Publication date (optional)", value=None, key="dash_upload_date")
        submitted = st.form_submit_button("Add to the map")
    if not submitted or not files:
        return
    added, errors = [], []
    bar = st.progress(0.0, text="Reading uploads…")
    for i, f in enumerate(files, 1):
        try:
            name = Path(f.name).name
            if name in existing:
                raise InputError(name, "an article with this file name is already loaded")
            art = read_upload(name, f.getvalue(), published)
            existing.add(art.file)
            added.append(art)
        except InputError as exc:
            errors.append(str(exc))
        bar.progress(i / len(files), text=f"Read {i}/{len(files)}")
    bar.empty()
    st.session_state.setdefault("dash_uploads", []).extend(added)
    st.session_state["dash_upload_errors"] = errors
    st.session_state["dash_upload_added"] = [a.file for a in added]


def main() -> None:
    """The whole app (``streamlit run app.py``)."""
    with _Span("main:total"):
        _main()


def _main() -> None:
    st.set_page_config(page_title="sahelmap", page_icon="🗺️", layout="wide")  # (a :material/ icon is fetched online)
    st.title("sahelmap — deployments, withdrawals and massacres in the Sahel")

    with _Span("main:seed_articles"):
        seeds, seed_problems = _seed_articles(str(SEEDS_DIR), _folder_stamp(SEEDS_DIR))
    uploads: list[Article] = st.session_state.setdefault("dash_uploads", [])

    with _Span("main:sidebar"), st.sidebar:
        st.header("Articles")
        # lazy (like the timeline and table): the uploader's frontend code loads when opened
        adder = st.expander("Add articles", key="dash_upload_open", on_change="rerun")
        if adder.open:
            with adder:
                _uploads_panel({a.file for a in seeds} | {a.file for a in uploads})
        for msg in st.session_state.get("dash_upload_errors", []):
            st.error(msg)
        if st.session_state.get("dash_upload_added"):
            st.success("Added: " + ", ".join(st.session_state["dash_upload_added"]))
        for msg in seed_problems:
            st.warning(msg)
        st.header("Map")
        st.checkbox("Online map tiles (OpenStreetMap)", value=False, key="dash_tiles",
                    help="Off by default: the built-in country boundaries work offline.")
        st.checkbox("Show place mentions", value=True, key="dash_places")
        st.toggle("▶ Play through time", value=False, key="dash_play",
                  help=f"Moves the period one step every {PLAY_SECONDS:g} s.")

    articles = tuple(seeds) + tuple(uploads)
    with _Span("main:derived_frames"):
        frames = derived_frames(articles)
    st.session_state["dash_frames"] = frames
    st.caption(f"{len(articles)} articles · {len(frames['events'])} events · "
               f"{len(frames['places'])} place mentions")

    with _Span("main:boundaries"):
        boundaries = _boundaries(str(_gazetteer().boundaries_path))
    run_every = PLAY_SECONDS if st.session_state.get("dash_play") else None
    with _Span("main:explorer"):
        st.fragment(explorer, run_every=run_every)(frames, boundaries)

    with _Span("main:reader"):
        if st.session_state.get("dash_article_qp"):
            st.session_state["dash_reader_open"] = True  # a shared link names an article: show it
        box = st.expander("Article reader", key="dash_reader_open", on_change="rerun")
        if box.open:
            with box:
                reader(articles, frames)
