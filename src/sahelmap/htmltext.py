"""Visible text of HTML, one paragraph per block element (stdlib html.parser).

``html_to_text(markup)`` returns an :class:`HtmlText` with the article text
(paragraphs joined by a blank line), the title and the publication date
metadata.  Dropped: ``script``, ``style``, ``nav``, ``header``, ``footer``,
``aside``, ``noscript`` (and ``template``, ``svg``, ``iframe``).
Entities are decoded (``&nbsp;`` becomes U+00A0, kept as is); runs of ASCII
white space inside a paragraph become one space.  When the page has an
``<article>`` (else ``<main>``) element, only its text is kept.

Title: ``og:title``, else ``<title>``, else the first ``<h1>``.  Date: the
``article:published_time`` meta (or ``datePublished`` / ``pubdate`` /
``date`` metas), else the first ``<time datetime>``; only its leading
``YYYY-MM-DD`` is used.  ``og:site_name`` and ``og:url`` / canonical link give
``source`` and ``url``.

``fragment_text(markup)`` is the visible text of a fragment as one paragraph
(used for the Python-list-of-HTML-strings dumps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIP = frozenset(
    {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "iframe"}
)
_BLOCK = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "article", "main", "blockquote", "pre", "table", "tr", "td", "th",
        "figure", "figcaption", "dd", "dt", "dl", "hr", "body", "form", "fieldset",
        "address", "details", "summary", "caption",
    }
)
_ASCII_WS = re.compile(r"[ \t\n\r\f\v]+")
_DATE_PREFIX = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")
_DATE_METAS = ("article:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date")


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DD" as found in the markup
    source: str | None = None
    url: str | None = None


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.container = 0  # depth inside <article>/<main>
        self.paras: list[tuple[str, int]] = []  # (text, container kind: 2 article, 1 main, 0 none)
        self.buf: list[str] = []
        self.kinds: list[str] = []  # open article/main tags
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.h1_parts: list[str] | None = None
        self.h1: str | None = None
        self.time: str | None = None
        self.canonical: str | None = None

    # -- helpers
    def _flush(self) -> None:
        text = _ASCII_WS.sub(" ", "".join(self.buf)).strip(" ")
        self.buf = []
        if text.strip():
            level = 2 if "article" in self.kinds else 1 if "main" in self.kinds else 0
            self.paras.append((text.strip(), level))

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href") or None
            return
        if tag == "title":
            self.title_parts = []
            return
        if tag == "time" and self.time is None and a.get("datetime"):
            self.time = a["datetime"]
        if tag == "h1" and self.h1 is None:
            self.h1_parts = []
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._flush()
        if tag in ("article", "main"):
            self.kinds.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            # the first <title> is the page's (an <svg><title> later is not)
            self.title = self.title or _ASCII_WS.sub(" ", "".join(self.title_parts)).strip() or None
            self.title_parts = None
            return
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = _ASCII_WS.sub(" ", "".join(self.h1_parts)).strip() or None
            self.h1_parts = None
        if tag in _SKIP:
            if self.skip:
                self.skip -= 1
            return
        if tag in _BLOCK:
            self._flush()
        if tag in ("article", "main") and tag in self.kinds:
            self._flush()
            # close the innermost matching container
            idx = len(self.kinds) - 1 - self.kinds[::-1].index(tag)
            del self.kinds[idx]

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.skip:
            return
        self.buf.append(data)

    def finish(self) -> list[str]:
        self.close()
        self._flush()
        best = max((lvl for _, lvl in self.paras), default=0)
        return [t for t, lvl in self.paras if lvl == best]


def html_to_text(markup: str) -> HtmlText:
    """Visible text, title and date metadata of an HTML document."""
    p = _Extractor()
    p.feed(markup)
    paras = p.finish()
    title = p.meta.get("og:title") or p.title or p.h1
    published = None
    for key in _DATE_METAS:
        value = p.meta.get(key)
        if value and (m := _DATE_PREFIX.match(value)):
            published = m.group(1)
            break
    if published is None and p.time and (m := _DATE_PREFIX.match(p.time)):
        published = m.group(1)
    return HtmlText(
        text="\n\n".join(paras),
        title=(title or None),
        published=published,
        source=p.meta.get("og:site_name") or None,
        url=p.meta.get("og:url") or p.canonical or None,
    )


def fragment_text(markup: str) -> str:
    """The visible text of an HTML fragment as one line (block breaks become spaces)."""
    p = _Extractor()
    p.feed(markup)
    paras = p.finish()
    return " ".join(paras)
