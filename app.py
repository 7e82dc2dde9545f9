"""Streamlit entry point: ``streamlit run app.py`` (also Streamlit Community Cloud).

Streamlit >= 1.52 finds ``app`` (an ``st.App`` serving this same file) and imports
this module once when the server starts, outside any script run. The app's
``lifespan`` hook (Streamlit's documented start-up hook) then starts
:func:`sahelmap.dashboard.warm_up` in a background thread, so the first visitor
does not wait for the pandas/folium imports, the extraction of the seeds and the
map templates. Every page load runs this file as the script (``main()``).
"""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

if get_script_run_ctx() is None and hasattr(st, "App"):  # imported by the server at start
    import contextlib
    import threading

    @contextlib.asynccontextmanager
    async def _lifespan(_app):
        def warm() -> None:
            from sahelmap.dashboard import warm_up

            warm_up()

        threading.Thread(target=warm, name="sahelmap-warm-up", daemon=True).start()
        yield

    app = st.App(__file__, lifespan=_lifespan)
else:
    from sahelmap.dashboard import main

    main()
