"""The dashboard map as a pure function: pandas frames in, ``folium.Map`` out.

No streamlit here (see docs/ARCHITECTURE.md).  The map works offline:

* Only core Leaflet is used (circle markers, circles, GeoJSON, a layer
  control); every element's ``default_js`` / ``default_css`` points at the
  vendored copy in ``static/vendor/`` (served by Streamlit static serving),
  never at a CDN.  ``asset_base`` is relative to the streamlit-folium
  component iframe (``<base>/component/streamlit_folium.st_folium/index.html``)
  so it works under any base path (Streamlit Community Cloud serves apps
  under a prefix).
* A vector basemap of country boundaries replaces web tiles; OSM tiles are
  added only with ``tiles=True``.

Markers are drawn from one compact JSON array per layer by a small script
(one ``L.circleMarker`` / ``L.circle`` per row) instead of one folium element
per event: the page stays small and fast for large corpora, and above
``cluster_threshold`` events are aggregated on a grid that coarsens until
the number of markers is at most the threshold.

Every string that comes from an article (evidence, titles, names, actors)
is passed through :func:`html.escape` before it reaches popup HTML, and the
JSON embedded in ``<script>`` escapes ``<``, ``>`` and ``&``.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement, Template

from sahelmap.tables import is_missing as _missing

LEAFLET_VERSION = "1.9.4"
#: Vendored assets, relative to the streamlit-folium component iframe.
DEFAULT_ASSET_BASE = "../../app/static/vendor"

#: Okabe–Ito colour-blind-safe palette, one colour per event type.
TYPE_COLOURS: dict[str, str] = {
    "deployment": "#0072B2",  # blue
    "withdrawal": "#009E73",  # bluish green
    "massacre": "#D55E00",  # vermillion
}
OTHER_COLOUR = "#999999"
PLACE_COLOUR = "#555555"
PRESENCE_COLOUR = "#000000"
SPREAD_COLOUR = "#E69F00"  # orange

#: Radius in metres of the translucent area drawn for imprecise locations.
AREA_RADIUS_M: dict[str, int] = {"admin": 60_000, "country": 250_000, "macro": 600_000}
#: Default number of event markers above which events are aggregated.
CLUSTER_THRESHOLD = 2_000
#: Grid cell sizes (degrees) tried in turn when aggregating.
_GRID_STEPS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
_MAX_EVIDENCE_CHARS = 600


def esc(value: Any) -> str:
    """HTML-escaped text for any value; missing values become ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):  # the common case; pd.isna is slow on scalars
        return html.escape(value, quote=True)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value), quote=True)


_BRACE = "\ue000"  # stands in for "{" inside JSON strings while encoding


def _unbrace(data: Any) -> Any:
    if isinstance(data, str):
        return data.replace("{", _BRACE) if "{" in data else data
    if isinstance(data, dict):
        return {_unbrace(k): _unbrace(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_unbrace(v) for v in data]
    return data


def _script_json(data: Any) -> str:
    """JSON safe to embed inside a ``<script>`` element.

    Besides ``<``, ``>`` and ``&``, a ``{`` inside a string is written as
    ``\\u007b``: the text then never contains ``{{``, ``{%`` or ``{#``, so
    no template engine on the way (folium/branca use Jinja) can read
    article text as template code.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    if "{{" in text or "{%" in text or "{#" in text:  # only string content can hold these
        text = json.dumps(_unbrace(data), ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
        .replace(_BRACE, "\\u007b")
    )


def _num(value: Any) -> int | None:
    return None if _missing(value) else int(value)


# -- selection (pure; shared by the app, tests and the benchmark) -------------------


@dataclass(frozen=True)
class Selection:
    """The dashboard's filters; empty tuples mean "all"."""

    start: _dt.date | None = None
    end: _dt.date | None = None
    years: tuple[int, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    include_undated: bool = True


def select_events(events: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """The events that pass ``sel`` (a period overlapping [start, end], years, actors, types)."""
    if events.empty:
        return events
    keep = pd.Series(True, index=events.index)
    dated = events["date_start"].notna()
    if sel.start is not None or sel.end is not None:
        inside = dated.copy()
        if sel.end is not None:
            inside &= events["date_start"] <= pd.Timestamp(sel.end)
        if sel.start is not None:
            stop = events["date_stop"].fillna(events["date_start"])
            inside &= stop >= pd.Timestamp(sel.start)
        keep &= inside | (~dated & sel.include_undated)
    elif not sel.include_undated:
        keep &= dated
    if sel.years:
        keep &= events["year"].isin(list(sel.years)) | (~dated & sel.include_undated)
    if sel.types:
        keep &= events["type"].isin(list(sel.types))
    if sel.actors:
        wanted = set(sel.actors)
        keep &= events["actors"].map(lambda a: bool(wanted.intersection(a or ())))
    return events[keep]


def parse_partial_date(value: Any) -> _dt.date | None:
    """First day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string (None if absent/bad)."""
    if _missing(value) or not str(value).strip():
        return None
    parts = str(value).strip()[:10].split("-")
    try:
        nums = [int(p) for p in parts]
        while len(nums) < 3:
            nums.append(1)
        return _dt.date(*nums[:3])
    except ValueError:
        return None


def active_presence(presence: pd.DataFrame | None, as_of: _dt.date | None) -> pd.DataFrame:
    """Presence intervals under way on ``as_of`` (all of them when ``as_of`` is None)."""
    if presence is None or presence.empty:
        return pd.DataFrame(columns=list(presence.columns) if presence is not None else [])
    if as_of is None:
        return presence
    starts = presence["start"].map(parse_partial_date)
    ends = presence["end"].map(parse_partial_date)
    keep = [
        (s is None or s <= as_of) and (e is None or e >= as_of) and (s is not None or e is not None)
        for s, e in zip(starts, ends)
    ]
    return presence[pd.Series(keep, index=presence.index, dtype=bool)]


# -- popups -----------------------------------------------------------------------


def date_label(row: Any) -> str:
    """``2022-11 (month)`` or ``2020-12 – 2022-11 (month)``; ``date unknown`` when absent."""
    date = row.get("date")
    if _missing(date) or not date:
        return "date unknown"
    text = esc(date)
    end = row.get("date_end")
    if not _missing(end) and end and end != date:
        text += f" – {esc(end)}"
    prec = row.get("date_precision")
    if not _missing(prec) and prec:
        text += f" ({esc(prec)})"
    return text


def _source_name(src: dict) -> str:
    return esc(src.get("title") or src.get("article") or "?")


def number_html(row: Any) -> str:
    """The number, or the conflicting numbers with the article that gives each."""
    sources = row.get("sources")
    sources = list(sources) if isinstance(sources, (list, tuple)) else []
    if bool(row.get("numbers_conflict")) and sources:
        items = [
            f"{esc(s.get('number'))} ({_source_name(s)})" for s in sources if not _missing(s.get("number"))
        ]
        if items:
            return "numbers differ: " + "; ".join(items)
    best = _num(row.get("number"))
    if best is None:
        return ""
    low, high = _num(row.get("number_low")), _num(row.get("number_high"))
    text = f"{best:,}"
    if low is not None and high is not None and (low, high) != (best, best):
        text += f" (range {low:,}–{high:,})"
    return text


def event_popup(row: Any) -> str:
    """Popup HTML for one merged event (every article string escaped)."""
    typ = esc(row.get("type"))
    status = esc(row.get("status"))
    actors = row.get("actors")
    actors = ", ".join(esc(a) for a in actors) if isinstance(actors, (list, tuple)) and len(actors) else ""
    loc = esc(row.get("location")) or "location unknown"
    country = esc(row.get("country"))
    prec = esc(row.get("precision"))
    parts = [
        f'<div class="sahel-pop"><b class="sahel-type">{typ.capitalize()}</b> <i>{status}</i>',
        f"<br><b>Actors:</b> {actors or 'unknown'}",
        f"<br><b>Date:</b> {date_label(row)}",
    ]
    num = number_html(row)
    if num:
        parts.append(f"<br><b>Number:</b> {num}")
    parts.append(f"<br><b>Location:</b> {loc}{', ' + country if country else ''}" + (f" ({prec})" if prec else ""))
    sources = row.get("sources")
    sources = list(sources) if isinstance(sources, (list, tuple)) else []
    if sources:
        parts.append('<ol class="sahel-evidence">')
        for s in sources:
            ev = str(s.get("evidence") or "")
            if len(ev) > _MAX_EVIDENCE_CHARS:
                ev = ev[:_MAX_EVIDENCE_CHARS] + "…"
            parts.append(f"<li>“{esc(ev)}” — <i>{_source_name(s)}</i></li>")
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


# -- marker rows ---------------------------------------------------------------------


def marker_radius(number: Any) -> float:
    """Circle-marker radius in pixels: sqrt scale of the number, capped."""
    n = _num(number)
    if n is None or n <= 0:
        return 6.0
    return round(min(6.0 + math.sqrt(n) * 0.6, 24.0), 1)


def mappable(events: pd.DataFrame) -> pd.DataFrame:
    """Events that have coordinates."""
    if events.empty:
        return events
    return events[events["lat"].notna() & events["lon"].notna()]


def _event_rows(events: pd.DataFrame) -> list[list]:
    rows = []
    for rec in events.to_dict("records"):
        prec = rec.get("precision") if not _missing(rec.get("precision")) else "point"
        rows.append(
            [
                round(float(rec["lat"]), 5),
                round(float(rec["lon"]), 5),
                TYPE_COLOURS.get(rec.get("type"), OTHER_COLOUR),
                marker_radius(rec.get("number")),
                AREA_RADIUS_M.get(prec, 0),
                1 if rec.get("status") == "announced" else 0,
                event_popup(rec),
                str(rec.get("event_id") or ""),
            ]
        )
    return rows


def _cell_keys(lat: np.ndarray, lon: np.ndarray, kind: np.ndarray, step: float) -> np.ndarray:
    """One int64 per (grid cell of ``step`` degrees, kind code)."""
    a = np.round(lat / step).astype(np.int64) + 100_000
    b = np.round(lon / step).astype(np.int64) + 100_000
    return (a * 1_000_000 + b) * 64 + kind


def _grid_step(lat: np.ndarray, lon: np.ndarray, kind: np.ndarray, threshold: int) -> float | None:
    """The finest grid step whose (cell, kind) groups number at most ``threshold`` (None: no need)."""
    if len(lat) <= threshold:
        return None
    for step in _GRID_STEPS:
        if np.unique(_cell_keys(lat, lon, kind, step)).size <= max(threshold, 1):
            return step
    return _GRID_STEPS[-1]


def aggregate_events(events: pd.DataFrame, threshold: int) -> tuple[list[list], float]:
    """One weighted marker per (grid cell, type): (rows, cell size in degrees)."""
    ev = mappable(events)
    lat, lon = ev["lat"].to_numpy(dtype=float), ev["lon"].to_numpy(dtype=float)
    kind_codes, kinds = pd.factorize(ev["type"].astype(str))
    kind_codes = kind_codes.astype(np.int64) % 64
    step = _grid_step(lat, lon, kind_codes, threshold) or _GRID_STEPS[0]
    key = _cell_keys(lat, lon, kind_codes, step)
    df = pd.DataFrame({
        "key": key, "lat": lat, "lon": lon, "type": ev["type"].astype(str).to_numpy(),
        "number": pd.to_numeric(ev["number"], errors="coerce").to_numpy(dtype=float),
        "date": ev["date_start"].to_numpy(), "location": ev["location"].astype(object).to_numpy(),
    })
    g = df.groupby("key", sort=False).agg(
        n=("lat", "size"), lat=("lat", "mean"), lon=("lon", "mean"), type=("type", "first"),
        total=("number", "sum"), first=("date", "min"), last=("date", "max"),
    )
    # the 5 most mentioned locations per cell, without a Python loop over groups
    counts = (df.dropna(subset=["location"]).groupby(["key", "location"], sort=False).size()
              .rename("c").reset_index().sort_values(["key", "c"], ascending=[True, False], kind="stable"))
    counts = counts[counts.groupby("key", sort=False).cumcount() < 5]
    top: dict[int, list[tuple[Any, int]]] = {}
    for k, name, c in zip(counts["key"].tolist(), counts["location"].tolist(), counts["c"].tolist()):
        top.setdefault(k, []).append((name, c))
    rows = []
    for k, rec in zip(g.index, g.to_dict("records")):
        n, typ = int(rec["n"]), rec["type"]
        first, last = rec["first"], rec["last"]
        span = (f"{pd.Timestamp(first):%Y-%m-%d} – {pd.Timestamp(last):%Y-%m-%d}"
                if not _missing(first) else "dates unknown")
        total = 0 if _missing(rec["total"]) else int(rec["total"])
        popup = (
            f'<div class="sahel-pop"><b class="sahel-type">{n:,} {esc(typ)} events</b>'
            f" ({step:g}° grid cell)"
            f"<br><b>Dates:</b> {span}"
            + (f"<br><b>Total number:</b> {total:,}" if total else "")
            + "<br><b>Places:</b> "
            + ", ".join(f"{esc(name)} ({c})" for name, c in top.get(k, []))
            + "</div>"
        )
        radius = round(min(6.0 + math.sqrt(n) * 1.5, 30.0), 1)
        rows.append([round(rec["lat"], 4), round(rec["lon"], 4), TYPE_COLOURS.get(typ, OTHER_COLOUR),
                     radius, 0, 0, popup, f"agg-{n}"])
    return rows, step


def _place_rows(places: pd.DataFrame, threshold: int = CLUSTER_THRESHOLD) -> list[list]:
    """One marker per resolved place (or per grid cell when there are more than ``threshold``)."""
    if places.empty:
        return []
    pl = places[places["lat"].notna() & places["lon"].notna()]
    if pl.empty:
        return []
    per_place = pl.groupby(["name", "lat", "lon"], sort=False, dropna=False).size().rename("n").reset_index()
    lat, lon = per_place["lat"].to_numpy(dtype=float), per_place["lon"].to_numpy(dtype=float)
    zeros = np.zeros(len(lat), dtype=np.int64)
    step = _grid_step(lat, lon, zeros, threshold)
    rows: list[list] = []
    if step is not None:
        per_place["key"] = _cell_keys(lat, lon, zeros, step)
        cells = per_place.groupby("key", sort=False).agg(
            places=("n", "size"), mentions=("n", "sum"), lat=("lat", "mean"), lon=("lon", "mean"))
        first = per_place[per_place.groupby("key", sort=False).cumcount() < 8]
        names: dict[int, list[str]] = {}  # the first 8 place names of each cell, in order
        for k, nm in zip(first["key"].tolist(), first["name"].tolist()):
            names.setdefault(k, []).append(esc(nm))
        for k, n_places, n_mentions, clat, clon in zip(cells.index.tolist(), cells["places"].tolist(),
                                                       cells["mentions"].tolist(), cells["lat"].tolist(),
                                                       cells["lon"].tolist()):
            label = ", ".join(names.get(k, [])) + (" …" if n_places > 8 else "")
            popup = (f'<div class="sahel-pop"><b>{n_places} places, {int(n_mentions)} mention(s)</b>'
                     f" ({step:g}° grid)<br>{label}</div>")
            rows.append([round(clat, 4), round(clon, 4), PLACE_COLOUR, 4, 0, 0, popup, ""])
        return rows
    groups: dict[tuple, dict] = {}  # plain Python: far quicker than a groupby with lambdas
    cols = [pl[c].tolist() for c in ("name", "lat", "lon", "text", "country", "precision", "article")]
    for name, lat_, lon_, text, country, prec, art in zip(*cols):
        key = (None if _missing(name) else name, lat_, lon_)
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"n": 0, "country": None, "precision": None, "forms": set(), "arts": set()}
        g["n"] += 1
        if g["country"] is None and not _missing(country):
            g["country"] = country
        if g["precision"] is None and not _missing(prec):
            g["precision"] = prec
        g["forms"].add(str(text))
        g["arts"].add(str(art))
    for (name, lat_, lon_), rec in groups.items():
        arts = sorted(rec["arts"])
        forms = sorted(rec["forms"])[:8]
        popup = (
            f'<div class="sahel-pop"><b>{esc(name)}</b> {esc(rec["country"])}'
            f" ({esc(rec['precision'])})<br>{rec['n']} mention(s) as "
            + ", ".join(f"“{esc(f)}”" for f in forms)
            + "<br><b>Articles:</b> "
            + ", ".join(esc(a) for a in arts[:10])
            + (f" and {len(arts) - 10} more" if len(arts) > 10 else "")
            + "</div>"
        )
        rows.append([round(float(lat_), 5), round(float(lon_), 5), PLACE_COLOUR, 4, 0, 0, popup, ""])
    return rows


def _presence_rows(presence: pd.DataFrame) -> list[list]:
    pr = presence[presence["lat"].notna() & presence["lon"].notna()] if not presence.empty else presence
    rows = []
    if pr.empty:
        return rows
    for (lat, lon), grp in pr.groupby(["lat", "lon"], sort=False):
        loc = grp["location"].dropna()
        label = ", ".join(dict.fromkeys(esc(a) for a in grp["actor"]))
        lines = "".join(
            f"<br>{esc(r['actor'])}: {esc(r['start']) or '?'} – {esc(r['end']) or 'ongoing'}"
            + (" (withdrawal announced)" if r.get("status") == "announced" and not _missing(r.get("end")) else "")
            for r in grp.to_dict("records")
        )
        popup = f'<div class="sahel-pop"><b>Presence at {esc(loc.iloc[0]) if len(loc) else "?"}</b>{lines}</div>'
        rows.append([round(float(lat), 5), round(float(lon), 5), PRESENCE_COLOUR, 14, 0, 1, popup, label])
    return rows


# -- folium elements -------------------------------------------------------------------


class _Text(Element):
    """Already rendered text: returned as is (branca would compile it as a Jinja template)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _FastMacro(MacroElement):
    """A MacroElement whose rendered header/html/script are added as plain text.

    branca's ``MacroElement.render`` wraps each rendered part in
    ``Element(text)``, which compiles the text (hundreds of kB of JSON here) as
    a Jinja template on every render: slow, and a template engine reading data.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        module = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = module.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Text(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _MarkerData(_FastMacro):
    """Circle markers (or metre-radius areas) from a compact JSON array.

    Row layout: ``[lat, lon, colour, radius_px, area_radius_m, dashed, popup_html, label]``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var rows = {{ this.rows_json }};
            var target = {{ this._parent.get_name() }};
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i], lyr;
                var opts = {color: r[2], weight: {{ this.weight }}, fillColor: r[2],
                            className: {{ this.class_json }}};
                if (r[5]) { opts.dashArray = "4 4"; }
                if (r[4] > 0) {
                    opts.radius = r[4]; opts.fillOpacity = 0.12; opts.opacity = 0.6;
                    opts.dashArray = "6 4";
                    opts.className = {{ this.class_json }} + " sahel-area";
                    lyr = L.circle([r[0], r[1]], opts);
                } else {
                    opts.radius = r[3]; opts.fillOpacity = {{ this.fill_opacity }};
                    if (r[5] && {{ this.hollow_dashed }}) { opts.fillOpacity = 0.05; }
                    lyr = L.circleMarker([r[0], r[1]], opts);
                }
                lyr.bindPopup(r[6], {maxWidth: 380, maxHeight: 320});
                {% if this.labels %}if (r[7]) { lyr.bindTooltip(r[7], {permanent: true, direction: "right", className: "sahel-label"}); }{% endif %}
                lyr.addTo(target);
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list], css_class: str, *, weight: float = 1.5,
                 fill_opacity: float = 0.75, hollow_dashed: bool = True, labels: bool = False):
        super().__init__()
        self._name = "MarkerData"
        self.rows = rows
        self.rows_json = _script_json(rows)
        self.class_json = _script_json(css_class)
        self.weight = weight
        self.fill_opacity = fill_opacity
        self.hollow_dashed = "true" if hollow_dashed else "false"
        self.labels = labels


_JSON_MEMO: dict[int, tuple[Any, str]] = {}


def _cached_script_json(data: Any) -> str:
    """:func:`_script_json` of a (large, never mutated) object, memoised on its identity.

    The dashboard passes the same boundaries dict (a ``st.cache_resource``) on
    every rerun; serialising its ~200 kB again each time cost tens of ms.  The
    memo holds a reference to the object, so its id cannot be reused.
    """
    hit = _JSON_MEMO.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    text = _script_json(data)
    if len(_JSON_MEMO) >= 8:
        _JSON_MEMO.clear()
    _JSON_MEMO[id(data)] = (data, text)
    return text


class _GeoJsonData(_FastMacro):
    """A plain ``L.geoJSON`` layer with one static style (compact and offline)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var lyr = L.geoJSON({{ this.data_json }}, {style: {{ this.style_json }},
                interactive: {{ this.interactive }}});
            {% if this.tooltip_field %}
            lyr.eachLayer(function (l) {
                var p = l.feature.properties || {};
                l.bindTooltip(String(p[{{ this.tooltip_json }}] || ""), {sticky: true});
            });
            {% endif %}
            lyr.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, style: dict, *, tooltip_field: str | None = None, interactive: bool = False,
                 memo: bool = False):
        super().__init__()
        self._name = "GeoJsonData"
        self.data = data
        self.data_json = _cached_script_json(data) if memo else _script_json(data)
        self.style_json = _script_json(style)
        self.tooltip_field = tooltip_field
        self.tooltip_json = _script_json(tooltip_field or "")
        self.interactive = "true" if interactive or tooltip_field else "false"


class _Legend(_FastMacro):
    """A static legend control (no article text in it)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-container { background: #d8e6ef; }
        .sahel-legend { background: rgba(255,255,255,0.92); padding: 6px 9px; font: 12px/1.5 sans-serif;
                        border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
        .sahel-legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
                          margin-right: 5px; vertical-align: -1px; }
        .sahel-pop { font: 12px/1.45 sans-serif; }
        .sahel-pop ol { padding-left: 18px; margin: 4px 0 0 0; }
        .sahel-label { background: rgba(255,255,255,0.85); border: 1px dashed #000; font-size: 11px;
                       padding: 0 3px; box-shadow: none; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "sahel-legend");
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html_json = _script_json(html_text)


def _legend_html(aggregated: float | None) -> str:
    rows = [f'<i style="background:{c}"></i>{t}' for t, c in TYPE_COLOURS.items()]
    rows += [
        '<i style="border:2px dashed #555;background:none"></i>announced (not yet happened)',
        '<i style="background:rgba(120,120,120,0.2);border:1px dashed #777"></i>imprecise place (area)',
        '<i style="border:2px dashed #000;background:none"></i>presence (who was where)',
        f'<i style="background:{SPREAD_COLOUR};opacity:0.5;border-radius:0"></i>spread countries',
        "marker size: number (sqrt)",
    ]
    if aggregated:
        rows.append(f"<b>aggregated on a {aggregated:g}° grid</b>")
    return "<b>Events</b><br>" + "<br>".join(rows)


def _offline(element: Any, asset_base: str) -> None:
    """Point an element's JS/CSS at the vendored Leaflet (drops jQuery, Bootstrap, ...)."""
    if hasattr(element, "default_js"):
        element.default_js = [("leaflet", f"{asset_base}/leaflet/leaflet.js")]
    if hasattr(element, "default_css"):
        element.default_css = [("leaflet_css", f"{asset_base}/leaflet/leaflet.css")]


def load_boundaries(boundaries: str | Path | dict | None) -> dict | None:
    """A GeoJSON FeatureCollection from a path or a dict (None stays None)."""
    if boundaries is None or isinstance(boundaries, dict):
        return boundaries
    return json.loads(Path(boundaries).read_text(encoding="utf-8"))


def _spread_geojson(spread: pd.DataFrame, boundaries: dict) -> dict:
    counts = spread.groupby("iso2")["n_mentions"].sum() if not spread.empty else pd.Series(dtype=int)
    feats = []
    for f in boundaries.get("features", []):
        iso = (f.get("properties") or {}).get("iso2")
        if iso in counts.index:
            props = dict(f.get("properties") or {})
            props["label"] = f"{props.get('name', iso)}: {int(counts[iso])} mention(s)"
            feats.append({"type": "Feature", "properties": props, "geometry": f.get("geometry")})
    return {"type": "FeatureCollection", "features": feats}


def _view_bounds(points: Sequence[tuple[float, float]]) -> list[list[float]] | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    pad = 1.5
    return [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]]


@dataclass
class MapLayers:
    """The layers that change with the filters (see :func:`build_layers`)."""

    groups: list[folium.FeatureGroup]
    event_rows: list[list]
    aggregated: float | None


def view_bounds(events: pd.DataFrame) -> list[list[float]] | None:
    """Padded ``[[south, west], [north, east]]`` around the mappable events (None when none)."""
    ev = mappable(events) if events is not None else None
    if ev is None or ev.empty:
        return None
    lat, lon = ev["lat"].to_numpy(dtype=float), ev["lon"].to_numpy(dtype=float)
    return _view_bounds([(float(lat.min()), float(lon.min())), (float(lat.max()), float(lon.max()))])


def build_base_map(
    boundaries: str | Path | dict | None = None,
    *,
    tiles: bool = False,
    fit: list[list[float]] | None = None,
    aggregated: float | None = None,
    asset_base: str = DEFAULT_ASSET_BASE,
    height: int | str = "100%",
) -> folium.Map:
    """The part of the map that does not depend on the filters: basemap, tiles, legend, view.

    Its rendered script is the same for the same arguments, so the dashboard
    keeps it mounted and only sends the layers of :func:`build_layers` when a
    filter changes.  ``fit`` is the view (e.g. :func:`view_bounds` of the whole
    corpus); ``aggregated`` adds the grid note to the legend.
    """
    m = folium.Map(
        location=[15.0, 0.0],
        zoom_start=4,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        height=height,
    )
    _offline(m, asset_base)
    bounds_geo = load_boundaries(boundaries)
    if bounds_geo is not None:
        base = folium.FeatureGroup(name="Country boundaries", control=False)
        _GeoJsonData(
            bounds_geo,
            {"color": "#8a8a8a", "weight": 0.7, "fillColor": "#f4f1ea", "fillOpacity": 1.0},
            tooltip_field=None, memo=True,
        ).add_to(base)
        base.add_to(m)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap tiles", overlay=True, opacity=0.8).add_to(m)
    _Legend(_legend_html(aggregated)).add_to(m)
    if fit:
        m.fit_bounds(fit, max_zoom=7)
    for el in iter_elements(m):
        _offline(el, asset_base)
    return m


def build_layers(
    events: pd.DataFrame,
    places: pd.DataFrame | None = None,
    presence: pd.DataFrame | None = None,
    spread: pd.DataFrame | None = None,
    boundaries: str | Path | dict | None = None,
    *,
    show_places: bool = True,
    cluster_threshold: int = CLUSTER_THRESHOLD,
    as_of: _dt.date | None = None,
) -> MapLayers:
    """The filter-dependent layers: spread, place mentions, presence on ``as_of`` and events.

    Above ``cluster_threshold`` mappable events, events are aggregated (see
    :func:`aggregate_events`).  The place layer is built with ``show=show_places``.
    """
    groups: list[folium.FeatureGroup] = []
    bounds_geo = load_boundaries(boundaries)
    if spread is not None and bounds_geo is not None and not spread.empty:
        sp = folium.FeatureGroup(name="Spread (countries mentioned)", show=True)
        _GeoJsonData(
            _spread_geojson(spread, bounds_geo),
            {"color": SPREAD_COLOUR, "weight": 1.5, "fillColor": SPREAD_COLOUR, "fillOpacity": 0.35},
            tooltip_field="label",
        ).add_to(sp)
        groups.append(sp)

    if places is not None and not places.empty:
        pl = folium.FeatureGroup(name="Place mentions", show=show_places)
        _MarkerData(_place_rows(places, cluster_threshold), "sahel-place", weight=1, fill_opacity=0.6).add_to(pl)
        groups.append(pl)

    active = active_presence(presence, as_of)
    if not active.empty:
        pg = folium.FeatureGroup(name="Presence (who was where)", show=True)
        _MarkerData(_presence_rows(active), "sahel-presence", weight=2, fill_opacity=0.0, labels=True).add_to(pg)
        groups.append(pg)

    ev = mappable(events)
    aggregated = None
    if len(ev) > cluster_threshold:
        rows, aggregated = aggregate_events(ev, cluster_threshold)
        css = "sahel-event sahel-agg"
    else:
        rows, css = _event_rows(ev), "sahel-event"
    eg = folium.FeatureGroup(name="Events", show=True)
    _MarkerData(rows, css).add_to(eg)
    groups.append(eg)
    return MapLayers(groups=groups, event_rows=rows, aggregated=aggregated)


def build_map(
    events: pd.DataFrame,
    places: pd.DataFrame | None = None,
    presence: pd.DataFrame | None = None,
    spread: pd.DataFrame | None = None,
    boundaries: str | Path | dict | None = None,
    *,
    tiles: bool = False,
    show_places: bool = True,
    cluster_threshold: int = CLUSTER_THRESHOLD,
    as_of: _dt.date | None = None,
    asset_base: str = DEFAULT_ASSET_BASE,
    height: int | str = "100%",
) -> folium.Map:
    """A folium map of the (already filtered) events with places, presence and spread layers.

    ``presence`` is reduced to the intervals under way on ``as_of`` (the end of
    the selected period); ``boundaries`` is the countries GeoJSON (path or dict)
    used for the basemap and the spread shading.  Above ``cluster_threshold``
    mappable events, events are aggregated (see :func:`aggregate_events`).
    This is :func:`build_base_map` plus :func:`build_layers` in one standalone map.
    """
    bounds_geo = load_boundaries(boundaries)
    layers = build_layers(events, places, presence, spread, bounds_geo, show_places=show_places,
                          cluster_threshold=cluster_threshold, as_of=as_of)
    rows = layers.event_rows
    m = build_base_map(bounds_geo, tiles=tiles, fit=_view_bounds([(r[0], r[1]) for r in rows]),
                       aggregated=layers.aggregated, asset_base=asset_base, height=height)
    for g in layers.groups:
        g.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    m.sahel_event_rows = rows  # type: ignore[attr-defined]  # the markers, as data (tests, app)
    m.sahel_aggregated = layers.aggregated  # type: ignore[attr-defined]
    for el in iter_elements(m):
        _offline(el, asset_base)
    return m


def iter_elements(root: Any) -> Iterable[Any]:
    """Every element of a folium tree, depth first (what streamlit-folium walks)."""
    yield root
    for child in getattr(root, "_children", {}).values():
        yield from iter_elements(child)


def asset_links(m: folium.Map) -> list[str]:
    """All JS/CSS URLs the map asks the browser to load (as streamlit-folium collects them)."""
    links: list[str] = []
    for el in iter_elements(m):
        links += [u for _, u in getattr(el, "default_js", [])]
        links += [u for _, u in getattr(el, "default_css", [])]
    return list(dict.fromkeys(links))


def render_html(m: folium.Map) -> str:
    """The full standalone HTML of the map (its payload size is ``len`` of this)."""
    return m.get_root().render()
