"""Read article files into :class:`~sahelmap.records.Article` records.

``load_articles(paths, manifest=None, max_bytes=5_000_000)`` reads files and
folders and returns a :class:`LoadResult`; a bad file never stops the others.
``load_text(name, text, ...)`` builds an Article from text already in memory
(uploads, tests): it cleans nothing, it only segments.

What is read
    A path is a file or a folder.  A folder contributes its ``*.txt``,
    ``*.html`` and ``*.htm`` files (not recursive, sorted by name; hidden
    files and ``manifest.csv`` are ignored).  ``Article.file`` is the name
    relative to that folder (``000_35e7ae14e58d559b.txt``), ``Article.path``
    the path it was read from.

Formats
    * Plain text: the text is kept exactly as in the file (typographic quotes,
      non-breaking spaces...), so sentences are exact substrings of the file;
      only line endings are normalised (CRLF/CR -> LF) and a UTF-8 BOM is
      dropped.  A leading ``date YYYY-MM-DD`` line gives the date; the
      ``date YYYY-MM-DD`` prefix is removed from the text and the rest of that
      line (kept as the first line of the text) is the title.
    * A Python list literal of HTML strings (``['<b>..</b>', '...']``): parsed
      with :mod:`ast` only after checking it is a list of string literals
      (never evaluated); each element's markup is stripped with an HTML
      parser and becomes one paragraph.
    * HTML (``.html``/``.htm``, or a ``.txt`` that starts with
      ``<!DOCTYPE html`` / ``<html``): visible text with one paragraph per
      block element, see :mod:`sahelmap.htmltext`.

Publication date (``published`` / ``published_source``), first found wins
    1. the manifest (``manifest.csv`` beside the files, or ``manifest=PATH``)
       -> ``"manifest"``;
    2. the text: a leading ``date YYYY-MM-DD`` line, a dateline among the
       first lines that is only a date (``June 21, 2023``, ``21 June 2023``,
       ``Published: Monday, Jan 5, 2022 10:30``), or the HTML
       ``article:published_time`` meta / ``<time datetime>`` -> ``"text"``;
    3. otherwise ``None``: no date is ever guessed.

Title, first found wins
    the manifest title; the format's title (HTML ``og:title``/``<title>``/
    ``<h1>``, or the rest of a ``date`` line); else the first non-empty line
    of the text (not counting a dateline) when it is shorter than 200
    characters and does not end with a period; else ``None``.

Problems (one-line :class:`InputError`, ``name: reason``; the file is skipped)
    not found; a folder with no articles; a file over ``max_bytes``
    (``x.txt: 6.1 MB exceeds the 5.0 MB limit``); an empty or whitespace-only
    file; a binary file (NUL bytes or a known signature, e.g.
    ``binary file (PNG image)``); bytes that are neither UTF-8 nor cp1252
    (``x.txt: not UTF-8 text (byte 0x81 at offset 10)``); HTML without
    visible text.  Text that is not UTF-8 but decodes as cp1252 is read and a
    *warning* is recorded.  Bad manifest rows are problems too (see
    :mod:`sahelmap.manifest`) but do not skip any article.
"""

from __future__ import annotations

import ast
import datetime as _dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from sahelmap.errors import InputError
from sahelmap.htmltext import fragment_text, html_to_text
from sahelmap.manifest import Manifest, ManifestEntry, read_manifest
from sahelmap.records import Article
from sahelmap.segment import segment

__all__ = ["ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "LoadResult", "load_articles", "load_text", "read_article"]

DEFAULT_MAX_BYTES = 5_000_000
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST_NAME = "manifest.csv"
TITLE_MAX_CHARS = 200

_BOM = b"\xef\xbb\xbf"
# Cheap signatures of common binary formats (checked on the first bytes); only
# prefixes no English text starts with. Other binaries are caught by NUL bytes.
_SIGNATURES = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"SQLite format 3", "SQLite database"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
)
_DATE_LINE = re.compile(r"\A[ \t\n]*date[ \t]+(\d{4}-\d{2}-\d{2})(?![\d-])[ \t]*", re.IGNORECASE)
_HTML_DOC = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


@dataclass(slots=True)
class LoadResult:
    """Articles read, one-line problems (skipped inputs, bad manifest rows) and warnings."""

    articles: list[Article] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    #: number of article inputs tried (files found, plus paths not found)
    attempted: int = 0

    @property
    def read(self) -> int:
        """How many articles were read."""
        return len(self.articles)

    @property
    def skipped(self) -> int:
        """How many article inputs could not be read."""
        return self.attempted - len(self.articles)

    def summary(self) -> str:
        """``N read, M skipped`` (the CLI's first stderr line)."""
        return f"{self.read} read, {self.skipped} skipped"


def _as_date(value: _dt.date | str | None, name: str) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(name, f"malformed date {value!r} (expected YYYY-MM-DD)") from None


def load_text(
    name: str,
    text: str,
    *,
    published: _dt.date | str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published_source: str | None = None,
) -> Article:
    """An Article for ``text`` as given (no cleaning), with segment offsets.

    ``published`` may be a ``date`` or a ``YYYY-MM-DD`` string (a malformed
    string raises :class:`InputError`).  When a date is given without
    ``published_source`` the source is recorded as ``"manifest"`` (metadata
    supplied from outside the text).
    """
    date = _as_date(published, name)
    if date is not None and published_source is None:
        published_source = "manifest"
    if date is None:
        published_source = None
    paragraphs, sentences = segment(text)
    return Article(
        file=name,
        text=text,
        title=title,
        published=date,
        published_source=published_source,
        source=source,
        url=url,
        paragraphs=paragraphs,
        sentences=sentences,
    )


# -- dates and titles found in the text ----------------------------------------


@lru_cache(maxsize=1)
def _dateline_rules() -> tuple[re.Pattern[str], dict[str, int], int, int]:
    data = json.loads(files("sahelmap").joinpath("data/dateline.json").read_text("utf-8"))
    months: dict[str, int] = {k.lower(): int(v) for k, v in data["months"].items()}
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    month = rf"(?P<mon{{n}}>{alt(months)})\.?"
    prefix = rf"(?:(?:{alt(data['prefixes'])})\s*:?\s*)?"
    weekday = rf"(?:(?:{alt(data['weekdays'])})\.?,?\s+)?"
    forms = (
        rf"{month.format(n=1)}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})",
        rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{month.format(n=2)},?\s+(?P<y2>\d{{4}})",
        r"(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})",
    )
    time = r"(?:\s*(?:[,|·•\-–—]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?"
    pattern = re.compile(rf"{prefix}{weekday}(?:{'|'.join(forms)}){time}\s*", re.IGNORECASE)
    return pattern, months, int(data["max_lines"]), int(data["max_line_chars"])


def _parse_dateline(line: str) -> _dt.date | None:
    """The date when ``line`` is nothing but a date (with optional prefix/weekday/time)."""
    pattern, months, _, max_chars = _dateline_rules()
    if len(line) > max_chars:
        return None
    m = pattern.fullmatch(line.strip())
    if not m:
        return None
    g = m.groupdict()
    try:
        for n in ("1", "2"):
            if g[f"y{n}"]:
                return _dt.date(int(g[f"y{n}"]), months[g[f"mon{n}"].lower()], int(g[f"d{n}"]))
        return _dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except (ValueError, KeyError):
        return None


def find_dateline(text: str) -> tuple[_dt.date, int, int] | None:
    """A dateline among the first lines: (date, line start, line end), or None."""
    _, _, max_lines, _ = _dateline_rules()
    seen = 0
    pos = 0
    while pos < len(text) and seen < max_lines:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.strip():
            seen += 1
            date = _parse_dateline(line)
            if date is not None:
                return date, pos, end
        pos = end + 1
    return None


def _first_line_title(text: str, skip: tuple[int, int] | None) -> str | None:
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end].strip()
        if line and not (skip and skip[0] == pos):
            if len(line) < TITLE_MAX_CHARS and not line.endswith("."):
                return line
            return None
        pos = end + 1
    return None


# -- decoding ----------------------------------------------------------------------


def _size(n: int) -> str:
    """A human size: ``6.1 MB``, ``1.5 kB`` or ``900 bytes``."""
    if n >= 100_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def decode_bytes(name: str, data: bytes) -> tuple[str, str | None]:
    """(text, warning) for article bytes; raises InputError for unusable bytes."""
    if not data.strip():
        raise InputError(name, "empty file" if not data else "empty file (only white space)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16 (byte order mark)"
        except UnicodeDecodeError:
            raise InputError(name, "not text (invalid UTF-16 after a UTF-16 byte order mark)") from None
    for sig, kind in _SIGNATURES:
        if data.startswith(sig):
            raise InputError(name, f"binary file ({kind})")
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes)")
    base = 0
    if data.startswith(_BOM):
        data, base = data[3:], 3
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start + base}"
    try:
        return data.decode("cp1252"), f"not UTF-8 ({where}); decoded as cp1252 (Windows-1252)"
    except UnicodeDecodeError:
        raise InputError(name, f"not UTF-8 text ({where})") from None


# -- one file ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Parsed:
    text: str
    title: str | None = None
    published: _dt.date | None = None  # found in the text
    source: str | None = None
    url: str | None = None
    dateline: tuple[int, int] | None = None  # a dateline line to skip for the title


def _list_of_strings(text: str) -> list[str] | None:
    """The elements when ``text`` is a Python list literal of strings, else None (never evaluates)."""
    body = text.strip()
    if not (body.startswith("[") and body.endswith("]")):
        return None
    try:
        tree = ast.parse(body, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    node = tree.body
    if not isinstance(node, ast.List):
        return None
    if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return None
    return [e.value for e in node.elts]  # type: ignore[attr-defined]


def _iso(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_text(name: str, text: str, *, html: bool = False) -> _Parsed:
    """Clean decoded file ``text`` by format (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if html or _HTML_DOC.match(text):
        page = html_to_text(text)
        if not page.text.strip():
            raise InputError(name, "no visible text in the HTML")
        return _Parsed(page.text, page.title, _iso(page.published), page.source, page.url)
    items = _list_of_strings(text)
    if items is not None:
        paras = [p for p in (fragment_text(item) for item in items) if p]
        if not paras:
            raise InputError(name, "no text in the list of HTML strings")
        return _Parsed("\n\n".join(paras))
    m = _DATE_LINE.match(text)
    if m and (date := _iso(m.group(1))) is not None:
        rest_end = text.find("\n", m.end())
        rest = text[m.end() : len(text) if rest_end < 0 else rest_end].strip()
        cleaned = text[m.end() :] if rest else text[m.end() :].lstrip("\n")
        return _Parsed(cleaned, rest or None, date)
    found = find_dateline(text)
    if found:
        return _Parsed(text, None, found[0], dateline=(found[1], found[2]))
    return _Parsed(text)


def read_article(
    path: str | Path,
    *,
    file: str | None = None,
    entry: ManifestEntry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Article, str | None]:
    """Read one article file: (Article, warning or None); raises InputError.

    ``file`` is the name recorded in ``Article.file`` (default: the file
    name); ``entry`` is its manifest row, whose values take precedence.
    """
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(name, "not found") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    if size > max_bytes:
        got, limit = _size(size), _size(max_bytes)
        if got == limit:
            got, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
        raise InputError(name, f"{got} exceeds the {limit} limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    text, warning = decode_bytes(name, data)
    parsed = parse_text(name, text, html=path.suffix.lower() in (".html", ".htm"))
    if not parsed.text.strip():
        raise InputError(name, "empty file (only white space)")
    published, published_source = parsed.published, ("text" if parsed.published else None)
    if entry is not None and entry.published is not None:
        published, published_source = entry.published, "manifest"
    title = (entry.title if entry else None) or parsed.title or _first_line_title(parsed.text, parsed.dateline)
    paragraphs, sentences = segment(parsed.text)
    article = Article(
        file=file or path.name,
        text=parsed.text,
        title=title,
        published=published,
        published_source=published_source,
        source=(entry.source if entry else None) or parsed.source,
        url=(entry.url if entry else None) or parsed.url,
        paragraphs=paragraphs,
        sentences=sentences,
        path=name,
    )
    return article, warning


# -- many files --------------------------------------------------------------------


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file()
            and not p.name.startswith(".")
            and p.name.lower() != MANIFEST_NAME
            and p.suffix.lower() in ARTICLE_SUFFIXES
        ),
        key=lambda p: p.name,
    )


def load_articles(
    paths: str | Path | Iterable[str | Path],
    *,
    manifest: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadResult:
    """Read the article files and folders in ``paths`` (see the module docstring).

    ``manifest`` is an explicit manifest CSV whose ``file`` column is relative
    to the folder(s) of ``paths``; without it, a ``manifest.csv`` beside the
    files is used.  Never raises for bad inputs: each becomes one problem.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = LoadResult()
    # (corpus folder, file path) in order, without duplicates
    jobs: list[tuple[Path, Path]] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = _folder_files(p)
            if not found:
                result.problems.append(InputError(str(p), "no .txt, .html or .htm articles in this folder"))
                result.attempted += 1
            for f in found:
                key = f.resolve()
                if key not in seen:
                    seen.add(key)
                    jobs.append((p, f))
        elif p.is_file():
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                jobs.append((p.parent, p))
        else:
            result.problems.append(InputError(str(p), "not found"))
            result.attempted += 1

    folders = list(dict.fromkeys(folder for folder, _ in jobs))
    manifests: dict[Path, Manifest] = {}
    if manifest is not None:
        shared = read_manifest(manifest, folders or [Path(manifest).parent])
        result.problems.extend(shared.problems)
        manifests = {folder: shared for folder in folders}
    else:
        for folder in folders:
            candidate = folder / MANIFEST_NAME
            if candidate.is_file():
                own = read_manifest(candidate, [folder])
                result.problems.extend(own.problems)
                manifests[folder] = own

    for folder, f in jobs:
        result.attempted += 1
        rel = f.relative_to(folder).as_posix()
        man = manifests.get(folder)
        try:
            article, warning = read_article(
                f, file=rel, entry=man.get(rel) if man else None, max_bytes=max_bytes
            )
        except InputError as err:
            result.problems.append(err)
            continue
        if warning:
            result.warnings.append(InputError(str(f), warning))
        result.articles.append(article)
    return result
