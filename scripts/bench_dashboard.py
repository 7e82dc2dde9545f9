"""Dashboard figures: map build/render time and payload at scale, and browser timings.

    .venv/bin/python scripts/bench_dashboard.py            # synthetic + browser
    .venv/bin/python scripts/bench_dashboard.py --no-browser
    .venv/bin/python scripts/bench_dashboard.py --sizes 1000 10000 100000

Synthetic frames come from tests/conftest.py (``synthetic_frames``); the
browser part starts ``streamlit run app.py`` on a free port and drives
/usr/bin/chromium with playwright (no network needed).  Prints one line per
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
        print(
            f"synthetic n={n:>7,}: filter {t1 - t0:6.3f} s, build_map {t2 - t1:6.3f} s, render {t3 - t2:6.3f} s, "
            f"markers {len(m.sahel_event_rows):>5} (aggregated: {m.sahel_aggregated or 'no'}), "
            f"HTML {len(html.encode()) / 1e6:5.2f} MB"
        )


def bench_browser() -> None:
    from playwright.sync_api import sync_playwright
    from test_browser import _free_port, expected_markers, launch_chromium, map_frame, start_streamlit, stop_streamlit

    port = _free_port()
    t_server = time.perf_counter()
    proc = start_streamlit(ROOT / "app.py", port)
    print(f"browser: server healthy after {time.perf_counter() - t_server:.2f} s")
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            frame = map_frame(page, 120_000)
            frame.wait_for_selector("path.sahel-event", timeout=120_000)
            t1 = time.perf_counter()
            n = frame.locator("path.sahel-event").count()
            print(f"browser: cold start (first session, extraction included) to first marker {t1 - t0:.2f} s "
                  f"({n} markers)")
            page2 = browser.new_page(viewport={"width": 1400, "height": 1100})
            t0 = time.perf_counter()
            page2.goto(f"http://127.0.0.1:{port}/")
            map_frame(page2).wait_for_selector("path.sahel-event", timeout=60_000)
            print(f"browser: warm page load (cached tables) to first marker {time.perf_counter() - t0:.2f} s")
            page2.close()

            want = expected_markers(page)
            page.get_by_text("Include undated events").click()
            page.wait_for_timeout(1500)
            want = expected_markers(page)
            thumb = page.locator("[data-testid='stSlider'] input[type='range'], [data-testid='stSlider'] [role='slider']").first
            thumb.focus()
            t0 = time.perf_counter()
            thumb.press("End")
            changed = None
            while time.perf_counter() - t0 < 20:
                try:
                    now = expected_markers(page)
                    drawn = map_frame(page).locator("path.sahel-event").count()
                except Exception:
                    continue
                if now != want and drawn == now:
                    changed = time.perf_counter() - t0
                    break
                page.wait_for_timeout(20)
            print(f"browser: filter change (slider) to updated map: "
                  f"{'%.2f s' % changed if changed is not None else 'no change seen'}")
            browser.close()
    finally:
        stop_streamlit(proc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 10_000, 100_000])
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    bench_synthetic(args.sizes)
    if not args.no_browser:
        bench_browser()


if __name__ == "__main__":
    main()
