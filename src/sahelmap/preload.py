"""Preload hints for the dashboard's first page (an ASGI middleware for ``st.App``).

Streamlit's frontend loads the code of each element type lazily, when the
first element of that type arrives over the websocket: the first page of the
dashboard waits for the script run, then fetches ~30 chunks for the slider,
multiselects, checkboxes and the component frame, and only then creates the
map's iframe, which fetches its own script and then Leaflet.  Those fetches
are sequential steps on the way to the first marker.

:class:`PreloadHints` adds ``<link rel="modulepreload">`` tags for those
chunks (and ``<link rel="prefetch">`` for the vendored Leaflet files) to the
HTML document Streamlit serves, so the browser fetches them while it is still
loading the frontend and the script runs.  Nothing else changes: the frontend
imports the same files, only from the browser's cache.  (Measured with
headless chromium on a 2-core host, 30 alternated cold starts: median time
to the first marker about 0.2 s shorter.)

The chunk names are read from Streamlit's own static folder at server
start (content-hashed file names, plus every file they import statically),
so a Streamlit upgrade that renames or drops a chunk drops its hint; it
never breaks the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["FIRST_PAGE_CHUNKS", "PreloadHints", "chunk_closure", "hint_tags", "vendor_files"]

#: Streamlit frontend chunks (file name before the content hash) the
#: dashboard's first page renders: the period slider, the checkboxes and
#: toggle, the multiselect filters and the custom-component frame of the map.
FIRST_PAGE_CHUNKS = ("Checkbox", "Slider", "Multiselect", "ComponentInstance")

# A static import inside a built chunk: import{a as b}from"./x.AbC12.js" or import"./x.js"
_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"\./([\w$.-]+\.js)"')
# Path parts that never serve Streamlit's HTML document (the SPA fallback serves it for any
# other path); matched as substrings, so "/static/" covers the app's "/app/static/" too.
_NOT_DOCUMENT = ("/_stcore/", "/static/", "/component/", "/media/")


def chunk_closure(js_dir: Path, entries: Iterable[str]) -> list[str]:
    """File names of the chunks named ``entries`` in ``js_dir`` and of every chunk they import statically.

    Entries without a file (another Streamlit version) are skipped.  Order:
    breadth-first from the entries, so the entries' own files come first.
    """
    files = {p.name for p in js_dir.glob("*.js")} if js_dir.is_dir() else set()
    todo = [f for e in entries for f in sorted(files) if f.startswith(e + ".") and f.count(".") == 2]
    seen: list[str] = []
    while todo:
        name = todo.pop(0)
        if name in seen or name not in files:
            continue
        seen.append(name)
        text = (js_dir / name).read_text(encoding="utf-8", errors="replace")
        todo.extend(m.group(1) for m in _IMPORT.finditer(text))
    return seen


def vendor_files(static_dir: Path) -> list[str]:
    """Paths (relative to the app's ``static/`` folder) of the vendored Leaflet script and style."""
    out = []
    for rel in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"):
        if (static_dir / rel).is_file():
            out.append(rel)
    return out


def hint_tags(chunks: Iterable[str], vendored: Iterable[str], already: str = "") -> str:
    """The ``<link>`` tags: a modulepreload per chunk not already in ``already`` (the page), a prefetch per vendored file."""
    tags = [f'<link rel="modulepreload" crossorigin href="./static/js/{html.escape(c)}">'
            for c in chunks if f"./static/js/{c}" not in already]
    tags += [f'<link rel="prefetch" href="./app/static/{html.escape(v)}">' for v in vendored]
    return "\n    ".join(tags)


def default_hints(app_static_dir: Path) -> str:
    """The hint tags for the installed Streamlit frontend and the app's vendored files.

    (The map component's own script is not hinted: Streamlit serves component
    files as ``Cache-Control: public`` with no validator, so the frame fetched it
    again anyway.)
    """
    from streamlit import file_util

    static = Path(file_util.get_static_dir())
    index = static / "index.html"
    page = index.read_text(encoding="utf-8") if index.is_file() else ""
    return hint_tags(chunk_closure(static / "static" / "js", FIRST_PAGE_CHUNKS), vendor_files(app_static_dir), page)


class PreloadHints:
    """ASGI middleware: insert ``hints`` before ``</head>`` of the HTML document Streamlit serves.

    Only plain (not content-encoded) ``text/html`` answers to GET requests
    outside Streamlit's asset, API and component routes are touched; every
    other request and response passes through unchanged.
    """

    def __init__(self, app: Any, hints: str) -> None:
        self.app, self.hints = app, hints.encode("utf-8")

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if (not self.hints or scope.get("type") != "http" or scope.get("method") != "GET"
                or any(p in path for p in _NOT_DOCUMENT)):
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        body: list[bytes] = []

        async def capture(message: dict) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                    start = message  # hold it: the length changes
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await _send_with_hints(send, start, b"".join(body), self.hints)
            else:
                await send(message)

        await self.app(scope, receive, capture)


async def _send_with_hints(send: Any, start: dict, body: bytes, hints: bytes) -> None:
    """Send the held response with ``hints`` before ``</head>`` (unchanged when it has none)."""
    k = body.find(b"</head>")
    if k >= 0:
        body = body[:k] + b"    " + hints + b"\n  " + body[k:]
    headers = [(n, str(len(body)).encode() if n.lower() == b"content-length" else v)
               for n, v in start.get("headers", [])]
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
