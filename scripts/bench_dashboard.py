"""Dashboard figures: map build/render time and payload at scale, and browser timings.

    .venv/bin/python scripts/bench_dashboard.py            # synthetic + browser
    .venv/bin/python scripts/bench_dashboard.py --no-browser
    .venv/bin/python scripts/bench_dashboard.py --sizes 1000 10000 100000
    PYTHONPATH=/tmp/other/src .venv/bin/python scripts/bench_dashboard.py --sizes --app /tmp/other/app.py

Synthetic frames come from tests/conftest.py (``synthetic_frames``); the
browser part starts ``streamlit run app.py`` on a free port (twice: with an
empty disk cache, then with the cache the first server left) and drives
/usr/bin/chromium with playwright (no network needed; one blank page first,
as a user's browser is already running): cold start to first marker, filter change to updated map, and a 700-key ArrowRight storm on the
period slider (time to settle after the last key).  Prints one line per
figure; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def bench_synthetic(sizes: list[int]) -> None:
    from conftest import synthetic_frames

    from streamlit_folium import _get_feature_group_string

    from sahelmap import mapview

    geo = ROOT / "geo" / "countries.geojson"
    boundaries = mapview.load_boundaries(geo) if geo.is_file() else None
    for n in sizes:
        f = synthetic_frames(n)
        t0 = time.perf_counter()
        sel = mapview.select_events(f["events"], mapview.Selection(types=("deployment", "massacre", "withdrawal")))
        t1 = time.perf_counter()
        m = mapview.build_map(sel, f["places"], f["presence"], f["spread"], boundaries)
        t2 = time.perf_counter()
        html = mapview.render_html(m)
        t3 = time.perf_counter()
        # the dashboard path: the base stays mounted, a filter change sends only the layers
        base = mapview.build_base_map(boundaries, fit=mapview.view_bounds(f["events"]))
        t4 = time.perf_counter()
        layers = mapview.build_layers(sel, f["places"], f["presence"], f["spread"], boundaries)
        groups = "".join(_get_feature_group_string(g, base, i) for i, g in enumerate(layers.groups))
        t5 = time.perf_counter()
        print(
            f"synthetic n={n:>7,}: filter {t1 - t0:6.3f} s, build_map {t2 - t1:6.3f} s, render {t3 - t2:6.3f} s, "
            f"markers {len(m.sahel_event_rows):>5} (aggregated: {m.sahel_aggregated or 'no'}), "
            f"HTML {len(html.encode()) / 1e6:5.2f} MB; "
            f"per filter change: layers {t5 - t4:6.3f} s, {len(groups.encode()) / 1e6:5.2f} MB sent"
        )


APP = ROOT / "app.py"


#: Page milestones (Date.now()).  Only the Streamlit page: the component rewrites its iframe's
#: document, so an observer there misses Leaflet; the first marker is the bench's own figure.
_MILESTONES_JS = r"""
(() => {
  window.__sahelMarks = [];
  const seen = {};
  const checks = [["title", "h1"], ["filters", "[data-testid='stSlider']"],
                  ["map iframe", "iframe[src*='streamlit_folium']"]];
  const check = () => { for (const [n, sel] of checks) {
      if (!seen[n] && document.querySelector(sel)) { seen[n] = 1; window.__sahelMarks.push([n, Date.now()]); } } };
  new MutationObserver(check).observe(document, {subtree: true, childList: true});
})();
"""


def _milestones(page, t0_wall: float) -> str:
    """``name +seconds`` for each milestone seen in the page and the map iframe (first time each)."""
    marks: dict[str, float] = {}
    for frame in page.frames:
        try:
            for name, ms in frame.evaluate("window.__sahelMarks || []"):
                marks[name] = min(marks.get(name, 1e18), ms / 1000 - t0_wall)
        except Exception:  # a frame that went away
            continue
    return ", ".join(f"{n} {t:.2f}" for n, t in sorted(marks.items(), key=lambda kv: kv[1]))


def _first_marker(browser, port: int) -> tuple[float, object]:
    from test_browser import map_frame

    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.add_init_script(_MILESTONES_JS)
    t0, t0_wall = time.perf_counter(), time.time()
    page.goto(f"http://127.0.0.1:{port}/")
    map_frame(page, 120_000).wait_for_selector("path.sahel-event", timeout=120_000)
    took = time.perf_counter() - t0
    print(f"browser: milestones (s after navigation): {_milestones(page, t0_wall)}")
    return took, page


def bench_browser(storm_keys: int = 700) -> None:
    import os
    import tempfile

    from playwright.sync_api import sync_playwright
    from test_browser import (_free_port, drawn_markers, expected_markers, final_start, key_storm,
                              launch_chromium, slider_thumb, start_streamlit, stop_streamlit, wait_settled)

    cache = tempfile.mkdtemp(prefix="sahelmap-bench-cache-")
    os.environ["SAHELMAP_CACHE_DIR"] = cache  # the servers below inherit it
    print(f"browser: load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs at start")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        # A user's browser is already running: one blank page first, so that the first
        # figure does not include chromium's own start-up (its first context and renderer).
        warm = browser.new_page()
        warm.goto("about:blank")
        warm.close()
        try:
            for label in ("empty disk cache: extraction included", "disk cache from the previous server"):
                port = _free_port()
                t_server = time.perf_counter()
                proc = start_streamlit(APP, port)
                healthy = time.perf_counter() - t_server
                try:
                    cold, page = _first_marker(browser, port)
                    print(f"browser: server healthy after {healthy:.2f} s; cold start ({label}) "
                          f"to first marker {cold:.2f} s ({drawn_markers(page)} markers)")
                    warm, page2 = _first_marker(browser, port)
                    print(f"browser: second page load (in-memory cache) to first marker {warm:.2f} s")
                    page2.close()
                    if label.startswith("disk"):
                        break
                    page.bring_to_front()  # a background tab is throttled
                    _interactions(page, storm_keys, expected_markers, drawn_markers, slider_thumb,
                                  key_storm, wait_settled)
                    page.close()
                finally:
                    stop_streamlit(proc)
        finally:
            browser.close()
    print(f"browser: load average {os.getloadavg()[0]:.2f} at the end")


def _interactions(page, storm_keys, expected_markers, drawn_markers, slider_thumb, key_storm, wait_settled):
    from test_browser import final_start

    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if "st_folium" in r.url and "index.html" in r.url else None)
    page.get_by_text("Include undated events").click()
    wait_settled(page, "undated=0")
    thumb = slider_thumb(page)
    thumb.focus()
    times = []
    for key in ("End", "Home", "End", "Home", "End"):
        before = expected_markers(page)
        t0 = time.perf_counter()
        thumb.press(key)
        while time.perf_counter() - t0 < 30:
            try:
                now, drawn = expected_markers(page), drawn_markers(page)
            except Exception:
                continue
            if now != before and drawn == now:
                times.append(time.perf_counter() - t0)
                break
            page.wait_for_timeout(10)
        wait_settled(page, None)
    times.sort()
    print(f"browser: filter change (slider key) to updated map: median {times[len(times) // 2]:.2f} s, "
          f"min {times[0]:.2f} s, max {times[-1]:.2f} s over {len(times)} changes; "
          f"map iframe reloads: {len(loads)}")
    thumb.press("Home")
    wait_settled(page, None)
    pressed = key_storm(page, "ArrowRight", storm_keys)
    settle, drawn = wait_settled(page, f"from={final_start(page) or ''}")
    print(f"browser: {storm_keys}-key ArrowRight storm: pressing took {pressed:.2f} s "
          f"({1000 * pressed / storm_keys:.0f} ms/key), settled {settle:.2f} s after the last key "
          f"({drawn} markers, {page.url.split('?')[-1]}); map iframe reloads: {len(loads)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 10_000, 100_000])
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--storm-keys", type=int, default=700)
    ap.add_argument("--app", type=Path, default=APP,
                    help="the Streamlit script to serve (e.g. another checkout, to compare versions)")
    args = ap.parse_args()
    globals()["APP"] = args.app.resolve()
    bench_synthetic(args.sizes)
    if not args.no_browser:
        bench_browser(args.storm_keys)


if __name__ == "__main__":
    main()
