"""The Streamlit app through streamlit.testing.v1.AppTest (no browser)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import pandas as pd

from sahelmap import dashboard, mapview

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path, monkeypatch):
    """Derived tables are cached in a per-test folder, never in the user's home."""
    monkeypatch.setenv("SAHELMAP_CACHE_DIR", str(tmp_path / "cache"))


def _explorer_script(n: int, hostile: bool = False) -> None:
    """Runs the explorer fragment on synthetic frames (source executed by AppTest)."""
    import sys

    sys.path.insert(0, "tests")
    from conftest import dash_boundaries, synthetic_frames

    import streamlit as st

    from sahelmap.dashboard import explorer

    frames = synthetic_frames(n, hostile=hostile)
    st.fragment(explorer)(frames, dash_boundaries())


def _explorer_app(n: int = 30) -> AppTest:
    at = AppTest.from_function(_explorer_script, args=(n,), default_timeout=60)
    return at


def _rows(at: AppTest) -> int:
    return len(at.session_state["dash_filtered"])


def test_explorer_markers_follow_the_type_filter(monkeypatch):
    """Deselecting an event type removes its events from the table and the map markers."""
    monkeypatch.chdir(ROOT)
    at = _explorer_app(30)
    at.session_state["dash_table_open"] = True  # the table is filled only in an open expander
    at.run()
    assert not at.exception
    assert _rows(at) == 30
    assert at.session_state["dash_n_markers"] == 30
    at.multiselect(key="dash_types").set_value(["massacre"]).run()
    assert not at.exception
    assert _rows(at) == 10
    assert at.session_state["dash_n_markers"] == 10
    assert len(at.dataframe[0].value) == 10
    assert at.query_params["type"] == ["massacre"] or at.query_params["type"] == "massacre"


def test_explorer_slider_narrows_the_period(monkeypatch):
    """Moving the period slider drops events outside it and writes the period into the URL."""
    monkeypatch.chdir(ROOT)
    at = _explorer_app(30).run()
    lo, hi = at.slider(key="dash_range").value
    at.checkbox(key="dash_undated").uncheck()
    at.slider(key="dash_range").set_value((dt.date(2015, 1, 1), dt.date(2016, 12, 31))).run()
    assert not at.exception
    shown = at.session_state["dash_filtered"]
    assert 0 < len(shown) < 30
    assert set(shown["year"]) <= {2015, 2016}
    assert at.session_state["dash_n_markers"] == len(shown)
    assert at.query_params["from"] in ("2015-01-01", ["2015-01-01"])


def test_timeline_and_table_render_only_when_opened(monkeypatch):
    """The chart and table are left out of the first run (fast first map) and filled when expanded."""
    monkeypatch.chdir(ROOT)
    at = _explorer_app(30).run()
    assert not at.exception
    assert len(at.dataframe) == 0 and len(at.get("vega_lite_chart")) == 0
    assert at.session_state["dash_n_markers"] == 30  # the map is drawn all the same
    at.session_state["dash_table_open"] = True
    at.session_state["dash_timeline_open"] = True
    at.run()
    assert not at.exception
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 30
    assert len(at.get("vega_lite_chart")) == 1


def test_query_params_round_trip(monkeypatch):
    """A URL with filters reproduces the view: the widgets start from the URL values."""
    monkeypatch.chdir(ROOT)
    at = _explorer_app(30)
    at.query_params["actor"] = ["France"]
    at.query_params["type"] = ["deployment", "massacre"]
    at.query_params["from"] = "2014-01-01"
    at.query_params["to"] = "2019-12-31"
    at.run()
    assert not at.exception
    assert at.multiselect(key="dash_actors").value == ["France"]
    assert at.multiselect(key="dash_types").value == ["deployment", "massacre"]
    assert at.slider(key="dash_range").value == (dt.date(2014, 1, 1), dt.date(2019, 12, 31))
    shown = at.session_state["dash_filtered"]
    assert len(shown) > 0
    assert all("France" in a for a in shown["actors"]) and set(shown["type"]) <= {"deployment", "massacre"}


def test_highlight_marks_places_and_sentences():
    """The reader wraps place mentions and event sentences in <mark> and escapes the text."""
    text = "Troops <b>left</b> Gao. Calm in Mopti."
    out = dashboard.highlight_html(text, places=[(19, 22), (32, 37)], sentences=[(0, 23)])
    assert '<mark class="sahel-ev sahel-pl">Gao</mark>' in out
    assert '<mark class="sahel-pl">Mopti</mark>' in out
    assert "&lt;b&gt;left&lt;/b&gt;" in out and "<b>" not in out


def test_upload_bad_file_gives_input_error():
    """A binary upload raises the loader's InputError naming the file."""
    from sahelmap.errors import InputError

    with pytest.raises(InputError) as err:
        dashboard.read_upload("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert str(err.value).startswith("bad.txt: ")


def test_upload_reads_text_with_date():
    """An uploaded text file becomes an Article carrying the chosen publication date."""
    art = dashboard.read_upload("new.txt", "French troops left Gao.\n".encode(), dt.date(2022, 8, 15))
    assert art.file == "new.txt" and art.published == dt.date(2022, 8, 15)
    assert "Gao" in art.text


@pytest.mark.slow
def test_app_runs_on_the_seeds(monkeypatch):
    """`streamlit run app.py` logic opens on the seed corpus without exceptions and maps its events."""
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert not at.exception, at.exception
    frames = at.session_state["dash_frames"]
    assert len(frames["articles"]) == 5
    shown = at.session_state["dash_filtered"]
    assert len(shown) == len(frames["events"]) > 0
    assert at.session_state["dash_n_markers"] == len(shown[shown["lat"].notna() & shown["lon"].notna()])
    # narrowing to one type changes the map
    kinds = shown["type"].value_counts()
    one = kinds.index[-1]
    at.multiselect(key="dash_types").set_value([one]).run()
    assert not at.exception
    assert len(at.session_state["dash_filtered"]) == kinds[one]


@pytest.mark.slow
def test_shared_link_opens_the_reader_on_its_article(monkeypatch):
    """A URL naming an article opens the (otherwise collapsed) reader on that article, without warnings."""
    monkeypatch.chdir(ROOT)
    wanted = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.suffix == ".txt")[-1]
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["article"] = wanted
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["dash_reader_open"] is True
    assert at.selectbox(key="dash_article").value == wanted
    assert not at.warning


@pytest.mark.slow
def test_app_upload_joins_the_map(monkeypatch):
    """An uploaded article is extracted and its events join the corpus; a bad file is reported."""
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(APP, default_timeout=180).run()
    before = len(at.session_state["dash_frames"]["articles"])
    good = dashboard.read_upload("upload_test.txt",
                                 b"2023-02-01\nFrench troops withdrew from Gao, Mali, on 1 February 2023.\n")
    at.session_state["dash_uploads"] = [good]
    at.run()
    assert not at.exception
    assert len(at.session_state["dash_frames"]["articles"]) == before + 1


def test_disk_cache_round_trip(dash_frames, tmp_path):
    """Derived tables saved on disk load back equal; a damaged cache file is ignored."""
    frames = dash_frames(12)
    dashboard._disk_save("k1", frames)
    back = dashboard._disk_load("k1")
    assert back is not None and set(back) == set(frames)
    pd.testing.assert_frame_equal(back["events"], frames["events"])
    (dashboard.cache_dir() / "frames-k2.pkl").write_bytes(b"not a pickle")
    assert dashboard._disk_load("k2") is None
    assert dashboard._disk_load("absent") is None


def test_code_fingerprint_follows_the_code(tmp_path, monkeypatch):
    """The disk-cache key changes when a data file the extraction reads changes."""
    monkeypatch.setattr(dashboard, "ROOT", tmp_path)
    (tmp_path / "geo").mkdir()
    before = dashboard.code_fingerprint()
    assert before == dashboard.code_fingerprint()
    (tmp_path / "geo" / "places.tsv").write_text("Gao\n")
    assert dashboard.code_fingerprint() != before


def test_timeline_spec_encodes_type_colours():
    """The timeline chart colours each event type with the map's colour."""
    spec = dashboard.timeline_spec()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == mapview.TYPE_COLOURS
    assert spec["encoding"]["y"]["aggregate"] == "sum"


def test_warm_up_prepares_the_seed_tables_the_first_session_uses(monkeypatch):
    """warm_up extracts the seeds once, saves them on disk and hands the tables to a session with the same key only."""
    from sahelmap.loader import load_articles

    monkeypatch.setattr(dashboard, "_WARM", None)
    first = dashboard.warm_up(dashboard.SEEDS_DIR)
    articles = tuple(load_articles([str(dashboard.SEEDS_DIR)]).articles)
    key = dashboard.articles_key(articles) + "-" + dashboard.code_fingerprint()
    assert first is not None and first["key"] == key
    assert len(first["frames"]["events"]) > 0
    assert dashboard.warm_up() is first  # done once per process
    assert dashboard._warm_frames(key) is first["frames"]
    assert dashboard._warm_frames("another-corpus") is None
    assert dashboard._disk_load(key) is not None


def test_app_module_imported_by_the_server_defines_an_st_app_and_starts_the_warm_up(monkeypatch):
    """Imported outside a script run (as `streamlit run` does at server start), app.py builds an st.App
    serving itself whose lifespan finishes the warm-up before the server serves, with the preload-hints middleware,
    instead of drawing the page."""
    import asyncio
    import runpy
    import threading
    import time

    import streamlit as st
    from streamlit import config

    monkeypatch.setattr(config, "_main_script_path", config._main_script_path)  # st.App sets it
    started = threading.Event()

    def slow_warm_up(*a, **k):
        time.sleep(0.2)
        started.set()

    monkeypatch.setattr(dashboard, "warm_up", slow_warm_up)
    monkeypatch.setattr(dashboard, "main", lambda: pytest.fail("the page ran at import"))
    names = runpy.run_path(APP, run_name="app")
    assert isinstance(names["app"], st.App)
    assert names["app"].script_path.resolve() == Path(APP).resolve()
    assert not started.is_set()  # nothing runs before the server starts the app
    from sahelmap.preload import PreloadHints

    hints = [m for m in names["app"]._user_middleware if m.cls is PreloadHints]
    assert len(hints) == 1 and "modulepreload" in hints[0].kwargs["hints"]

    async def serve():
        async with names["_lifespan"](names["app"]):
            return started.is_set()  # (the server starts serving here)

    assert asyncio.run(serve())


def test_map_component_is_registered_once_with_the_running_server(monkeypatch):
    """The warm-up's import of streamlit_folium (outside a script run) is followed by registering its
    component with the server's registry, once; without a running server nothing happens."""
    import streamlit_folium
    from streamlit import runtime

    registered = []

    class Registry:
        def get_component_path(self, name):
            return "/somewhere" if name in registered else None

        def register_component(self, component):
            registered.append(component.name)

    class Runtime:
        component_registry = Registry()

    monkeypatch.setattr(runtime, "exists", lambda: False)
    dashboard._register_map_component()
    assert registered == []
    monkeypatch.setattr(runtime, "exists", lambda: True)
    monkeypatch.setattr(runtime, "get_instance", lambda: Runtime())
    dashboard._register_map_component()
    dashboard._register_map_component()
    assert registered == [streamlit_folium._component_func.name] == ["streamlit_folium.st_folium"]
