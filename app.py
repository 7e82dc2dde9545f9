"""Streamlit entry point: ``streamlit run app.py`` (also Streamlit Community Cloud).

Streamlit >= 1.52 finds ``app`` (an ``st.App`` serving this same file) and imports
this module once when the server starts, outside any script run. The app's
``lifespan`` hook (Streamlit's documented start-up hook) runs
:func:`sahelmap.dashboard.warm_up` before the server accepts connections, so the
first visitor does not wait for the pandas/folium imports, the extraction of the
seeds and the map templates, and adds preload hints to the page (``sahelmap.preload``).
Every page load runs this file as the script (``main()``).
"""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

if get_script_run_ctx() is None and hasattr(st, "App"):  # imported by the server at start
    import asyncio
    import contextlib

    @contextlib.asynccontextmanager
    async def _lifespan(_app):
        def warm() -> None:
            from sahelmap.dashboard import warm_up

            warm_up()

        # Finish the warm-up before the server accepts connections: run in a
        # thread alongside the page load, it held the GIL while the browser was
        # fetching Streamlit's frontend and slowed the first page more than it saved.
        await asyncio.to_thread(warm)
        yield

    def _middleware() -> list:
        # Preload hints for the frontend chunks and Leaflet the first page needs
        # (sahelmap.preload); without them the browser fetches them one step at a time.
        from pathlib import Path

        from starlette.middleware import Middleware

        from sahelmap.preload import PreloadHints, default_hints

        return [Middleware(PreloadHints, hints=default_hints(Path(__file__).resolve().parent / "static"))]

    app = st.App(__file__, lifespan=_lifespan, middleware=_middleware())
else:
    from sahelmap.dashboard import main

    main()
