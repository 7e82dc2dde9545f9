"""Preload hints for the dashboard's first page (sahelmap.preload)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sahelmap.preload import FIRST_PAGE_CHUNKS, PreloadHints, chunk_closure, default_hints, hint_tags, vendor_files

ROOT = Path(__file__).resolve().parents[1]


def _asgi(body: bytes, content_type: bytes = b"text/html; charset=utf-8", extra: list | None = None):
    """An ASGI app answering every request with ``body`` in two chunks."""

    async def app(scope, receive, send):
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())] + (extra or [])
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:], "more_body": False})

    return app


def _get(app, path: str, method: str = "GET") -> tuple[dict, bytes]:
    """Run one request through ``app``; the response headers and the whole body."""
    out: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        out.append(message)

    asyncio.run(app({"type": "http", "method": method, "path": path, "headers": []}, receive, send))
    start = out[0]
    body = b"".join(m.get("body", b"") for m in out[1:])
    return {k: v for k, v in start["headers"]}, body


PAGE = b"<html><head><title>x</title></head><body></body></html>"


def test_middleware_inserts_the_hints_before_head_end_and_fixes_the_length():
    """The HTML document gets the hints before </head>, and content-length matches the new body."""
    headers, body = _get(PreloadHints(_asgi(PAGE), hints='<link rel="prefetch" href="./a.js">'), "/")
    assert body == b'<html><head><title>x</title>    <link rel="prefetch" href="./a.js">\n  </head><body></body></html>'
    assert int(headers[b"content-length"]) == len(body)


def test_middleware_leaves_assets_other_methods_and_encoded_answers_alone():
    """Scripts, component files, HEAD requests and gzip-encoded HTML pass through byte for byte."""
    hints = "<link>"
    assert _get(PreloadHints(_asgi(PAGE), hints), "/static/js/x.js")[1] == PAGE
    assert _get(PreloadHints(_asgi(PAGE), hints), "/component/streamlit_folium.st_folium/index.html")[1] == PAGE
    assert _get(PreloadHints(_asgi(PAGE), hints), "/", method="HEAD")[1] == PAGE
    assert _get(PreloadHints(_asgi(PAGE, b"application/javascript"), hints), "/")[1] == PAGE
    gz = PreloadHints(_asgi(PAGE, extra=[(b"content-encoding", b"gzip")]), hints)
    assert _get(gz, "/")[1] == PAGE


def test_chunk_closure_follows_static_imports_and_skips_missing_entries(tmp_path):
    """An entry's chunk and the chunks it imports (transitively) are listed once; unknown entries are skipped."""
    (tmp_path / "Slider.AbC1.js").write_text('import{a as b}from"./moment.X9.js";import"./shared.Q.js";')
    (tmp_path / "moment.X9.js").write_text('import{c}from"./shared.Q.js";')
    (tmp_path / "shared.Q.js").write_text("export const c=1;")
    (tmp_path / "SliderOther.Z.js").write_text("")
    assert chunk_closure(tmp_path, ["Slider", "Nope"]) == ["Slider.AbC1.js", "moment.X9.js", "shared.Q.js"]


def test_hint_tags_skip_chunks_the_page_already_preloads():
    """A chunk the page already names is not hinted twice; vendored files become prefetches."""
    tags = hint_tags(["a.1.js", "b.2.js"], ["vendor/leaflet/leaflet.js"], already='href="./static/js/a.1.js"')
    assert "a.1.js" not in tags
    assert '<link rel="modulepreload" crossorigin href="./static/js/b.2.js">' in tags
    assert '<link rel="prefetch" href="./app/static/vendor/leaflet/leaflet.js">' in tags


def test_default_hints_name_existing_streamlit_chunks_and_the_vendored_leaflet():
    """With the installed Streamlit, every entry chunk is found and every hinted file exists."""
    from streamlit import file_util

    js = Path(file_util.get_static_dir()) / "static" / "js"
    hints = default_hints(ROOT / "static")
    for entry in FIRST_PAGE_CHUNKS:
        assert f"./static/js/{entry}." in hints, entry
    for name in [h.split("./static/js/")[1].split('"')[0] for h in hints.split("\n") if "modulepreload" in h]:
        assert (js / name).is_file(), name
    assert vendor_files(ROOT / "static") == ["vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"]

