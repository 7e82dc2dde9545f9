"""One real-browser test of the dashboard: offline map, markers, filters, popups."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(script: Path, port: int, timeout: float = 60.0) -> subprocess.Popen:
    """Start ``streamlit run script`` headless on ``port`` and wait until it is healthy."""
    streamlit = Path(sys.executable).with_name("streamlit")
    proc = subprocess.Popen(
        [str(streamlit), "run", str(script), "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=script.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    stop_streamlit(proc)
    raise RuntimeError("streamlit did not become healthy")


def stop_streamlit(proc: subprocess.Popen) -> None:
    """Terminate the server started by :func:`start_streamlit` (its own process group)."""
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait(10)


def launch_chromium(p):
    """Debian's chromium driven by PyPI playwright (never `playwright install`)."""
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def map_frame(page, timeout_ms: int = 60_000):
    """The streamlit-folium component frame, once it exists."""
    deadline = time.time() + timeout_ms / 1000
    while time.time() < deadline:
        for f in page.frames:
            if "streamlit_folium" in f.url:
                return f
        page.wait_for_timeout(200)
    raise AssertionError("no streamlit-folium frame")


def expected_markers(page) -> int:
    """Mappable filtered events, read from the app's summary line ("N of M events (k without ...")."""
    text = page.get_by_text(re.compile(r"\d+ of \d+ events")).first.inner_text()
    n = int(re.search(r"(\d+) of \d+ events", text).group(1))
    k = re.search(r"\((\d+) without coordinates", text)
    return n - (int(k.group(1)) if k else 0)


@pytest.fixture
def dash_server():
    """A streamlit server on app.py for the test, always stopped afterwards."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (required in CI)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    port = _free_port()
    proc = start_streamlit(ROOT / "app.py", port)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_streamlit(proc)


def test_dashboard_in_a_real_browser(dash_server):
    """The page loads offline, draws one marker per filtered event, follows a filter and shows evidence."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            external = []
            page.on("request", lambda r: external.append(r.url)
                    if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
            page.goto(dash_server)
            frame = map_frame(page)
            frame.wait_for_selector("path.sahel-event", timeout=60_000)
            iframe = page.locator("iframe[src*='streamlit_folium']").first
            assert iframe.bounding_box()["height"] > 0
            want = expected_markers(page)
            assert want > 0
            assert frame.locator("path.sahel-event").count() == want

            shot = ROOT / "artifacts" / "dashboard.png"
            shot.parent.mkdir(exist_ok=True)
            page.wait_for_timeout(500)
            page.screenshot(path=str(shot))
            shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")

            # clicking a marker opens its evidence popup
            marker = frame.locator("path.sahel-event:not(.sahel-area)").last
            if marker.count() == 0:
                marker = frame.locator("path.sahel-event").last
            marker.dispatch_event("click")
            popup = frame.locator(".leaflet-popup-content .sahel-pop")
            popup.wait_for(timeout=10_000)
            assert popup.locator("ol.sahel-evidence li").count() >= 1
            page.screenshot(path=str(ROOT / "artifacts" / "dashboard_popup.png"))

            # moving the period slider's start to its end changes the markers drawn
            page.get_by_text("Include undated events").click()
            thumb = page.locator("[data-testid='stSlider'] input[type='range'], [data-testid='stSlider'] [role='slider']").first
            thumb.focus()
            thumb.press("End")
            deadline = time.time() + 30
            after = want
            while time.time() < deadline:
                page.wait_for_timeout(500)
                try:
                    now = expected_markers(page)
                    frame = map_frame(page)
                    drawn = frame.locator("path.sahel-event").count()
                except Exception:  # the page is rerunning
                    continue
                if now != want and drawn == now:
                    after = now
                    break
            assert after != want
            assert not external, f"requests left the machine: {external[:5]}"
        finally:
            browser.close()
