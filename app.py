"""Streamlit entry point: ``streamlit run app.py`` (also Streamlit Community Cloud)."""

from sahelmap.dashboard import main

main()
