"""Read a corpus manifest: ``file,published,title,source,url`` per article.

The manifest is a UTF-8 CSV with a header row naming at least the ``file``
column; ``published`` (``YYYY-MM-DD``), ``title``, ``source`` and ``url`` are
optional, extra columns are ignored and empty cells become ``None``.  ``file``
is a path relative to the corpus folder (``000_x.txt`` or ``sub/x.txt``).

Each bad row is skipped and reported as one :class:`InputError` naming the
manifest and the row's line number, e.g.
``seeds/manifest.csv line 4: malformed date '2022-13-40' (expected YYYY-MM-DD)``;
the other rows are still used.  Bad rows: no file name, a path that leaves the
corpus folder (``../x.txt``, absolute paths), a file that does not exist in
the corpus folder(s), a malformed date, a file listed twice.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sahelmap.errors import InputError

COLUMNS = ("file", "published", "title", "source", "url")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One usable manifest row."""

    file: str  # normalised POSIX path relative to the corpus folder
    published: _dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    line: int = 0  # line number in the manifest file (header is line 1)


@dataclass(slots=True)
class Manifest:
    """Usable entries keyed by relative file path, plus the row problems."""

    path: str
    entries: dict[str, ManifestEntry]
    problems: list[InputError]

    def get(self, file: str) -> ManifestEntry | None:
        return self.entries.get(file)


def normalise_name(value: str) -> str | None:
    """The manifest ``file`` value as a clean relative POSIX path, or None if it escapes."""
    raw = value.strip().replace("\\", "/")
    if not raw or raw.startswith("/") or re.match(r"^[A-Za-z]:", raw):
        return None
    parts = [p for p in PurePosixPath(raw).parts if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def parse_date(value: str) -> _dt.date:
    """A strict ``YYYY-MM-DD`` date; ValueError otherwise."""
    value = value.strip()
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(value)
    return _dt.date.fromisoformat(value)


def read_manifest(path: str | Path, corpus_dirs: Iterable[str | Path] | None = None) -> Manifest:
    """Parse the manifest at ``path``.

    ``corpus_dirs`` are the folders a listed file may live in (default: the
    manifest's own folder); a row whose file exists in none of them is
    reported as missing.  A manifest that cannot be read at all (not found,
    not UTF-8, no header with a ``file`` column) yields no entries and one
    problem naming the manifest.
    """
    path = Path(path)
    name = str(path)
    dirs = [Path(d) for d in (corpus_dirs or [path.parent])]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Manifest(name, {}, [InputError(name, f"cannot read manifest ({exc.strerror or exc})")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"manifest is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        return Manifest(name, {}, [InputError(name, reason)])
    return parse_manifest(text, name=name, corpus_dirs=dirs)


def parse_manifest(text: str, *, name: str, corpus_dirs: Iterable[Path]) -> Manifest:
    """Parse manifest CSV ``text`` (see :func:`read_manifest`)."""
    dirs = list(corpus_dirs)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return Manifest(name, {}, [InputError(name, "empty manifest (a header row file,published,title,source,url is required)")])
    except csv.Error as exc:
        return Manifest(name, {}, [InputError(name, f"malformed CSV ({exc})")])
    cols = [h.strip().lower() for h in header]
    if "file" not in cols:
        return Manifest(
            name,
            {},
            [InputError(name, "no 'file' column in the header (expected file,published,title,source,url)")],
        )
    index = {c: cols.index(c) for c in COLUMNS if c in cols}
    entries: dict[str, ManifestEntry] = {}
    problems: list[InputError] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(InputError(f"{name} line {reader.line_num}", f"malformed CSV ({exc})"))
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def cell(col: str) -> str | None:
            i = index.get(col)
            if i is None or i >= len(row):
                return None
            v = row[i].strip()
            return v or None

        where = f"{name} line {line}"
        raw_file = cell("file")
        if raw_file is None:
            problems.append(InputError(where, "no file name"))
            continue
        rel = normalise_name(raw_file)
        if rel is None:
            problems.append(InputError(where, f"{raw_file!r} is outside the corpus folder"))
            continue
        if dirs and not any((d / rel).is_file() for d in dirs):
            problems.append(InputError(where, f"file {raw_file!r} not found"))
            continue
        published = None
        raw_date = cell("published")
        if raw_date is not None:
            try:
                published = parse_date(raw_date)
            except ValueError:
                problems.append(InputError(where, f"malformed date {raw_date!r} (expected YYYY-MM-DD)"))
                continue
        if rel in entries:
            problems.append(
                InputError(where, f"file {raw_file!r} is listed twice (first on line {entries[rel].line})")
            )
            continue
        entries[rel] = ManifestEntry(
            file=rel,
            published=published,
            title=cell("title"),
            source=cell("source"),
            url=cell("url"),
            line=line,
        )
    return Manifest(name, entries, problems)
