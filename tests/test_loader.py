"""Tests for sahelmap.loader and sahelmap.manifest: formats, dates, titles and bad input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sahelmap.loader import find_dateline, load_articles
from sahelmap.manifest import read_manifest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
D = dt.date


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def only(result):
    assert len(result.articles) == 1, (result.articles, result.problems)
    return result.articles[0]


def problem_texts(result) -> list[str]:
    return [str(p) for p in result.problems]


def sentences(article) -> list[str]:
    return [article.text[s:e] for s, e in article.sentences]


def copy_seeds(tmp_path: Path, with_manifest: bool) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    if with_manifest:
        shutil.copy(SEEDS / "manifest.csv", folder / "manifest.csv")
    return folder


# -- plain text ---------------------------------------------------------------------


def test_plain_text_kept_exactly(tmp_path):
    """Plain text keeps typographic quotes and NBSP; only CRLF becomes LF; sentences are substrings."""
    body = "Mali’s junta\r\n\r\n“We leave,” he said.\u00a0Troops left Gao.\r\n"
    write(tmp_path, "a.txt", body)
    art = only(load_articles(tmp_path))
    assert art.text == body.replace("\r\n", "\n")
    assert sentences(art) == ["Mali’s junta", "“We leave,” he said.", "Troops left Gao."]
    assert art.file == "a.txt" and art.path == str(tmp_path / "a.txt")


def test_utf8_bom_is_stripped(tmp_path):
    """A UTF-8 byte order mark is not part of the text."""
    write(tmp_path, "a.txt", b"\xef\xbb\xbfTroops left.")
    assert only(load_articles(tmp_path)).text == "Troops left."


def test_title_is_short_first_line(tmp_path):
    """Without a manifest the short first line without a final period is the title; a sentence is not."""
    write(tmp_path, "a.txt", "UK leaves Mali\n\nTroops left.")
    write(tmp_path, "b.txt", "Troops left Gao on Monday.\nMore later.")
    write(tmp_path, "c.txt", ("word " * 50) + "\nnext")
    arts = {a.file: a for a in load_articles(tmp_path).articles}
    assert arts["a.txt"].title == "UK leaves Mali"
    assert arts["b.txt"].title is None
    assert arts["c.txt"].title is None


def test_date_line_gives_date_and_title(tmp_path):
    """A leading 'date YYYY-MM-DD' line gives the date (source text) and its remainder is the title."""
    write(tmp_path, "a.txt", " date 2021-09-27 Mali approaches Russia\n\nTroops left.")
    art = only(load_articles(tmp_path))
    assert art.published == D(2021, 9, 27) and art.published_source == "text"
    assert art.title == "Mali approaches Russia"
    assert art.text.startswith("Mali approaches Russia\n") and "2021-09-27" not in art.text


def test_invalid_date_line_is_left_alone(tmp_path):
    """A 'date' line with an impossible date is not taken as a date and the text is unchanged."""
    write(tmp_path, "a.txt", "date 2021-13-45 Something\nTroops left.")
    art = only(load_articles(tmp_path))
    assert art.published is None and art.published_source is None
    assert art.text.startswith("date 2021-13-45")


@pytest.mark.parametrize(
    "first, expected",
    [
        ("June 21, 2023", D(2023, 6, 21)),
        ("21 June 2023", D(2023, 6, 21)),
        ("Published: Monday, Jan. 5, 2022 10:30 GMT", D(2022, 1, 5)),
        ("2020-02-29", D(2020, 2, 29)),
        ("Mali said on June 21, 2023 that troops would leave", None),
        ("February 30, 2023", None),
    ],
)
def test_dateline_in_first_lines(tmp_path, first, expected):
    """A first line that is only a date sets published from the text; a date inside a sentence does not."""
    write(tmp_path, "a.txt", f"{first}\n\nHeadline here\n\nTroops left.")
    art = only(load_articles(tmp_path))
    assert art.published == expected
    assert art.published_source == ("text" if expected else None)


def test_dateline_is_not_the_title(tmp_path):
    """When the first line is a dateline, the next short line is the title."""
    write(tmp_path, "a.txt", "June 21, 2023\n\nJunta Seeks to Eject UN Force\n\nBody text.")
    assert only(load_articles(tmp_path)).title == "Junta Seeks to Eject UN Force"


def test_find_dateline_limited_to_first_lines():
    """A date-only line after the first few lines is not a dateline."""
    text = "\n".join(f"line {i}" for i in range(10)) + "\nJune 21, 2023\n"
    assert find_dateline(text) is None
    assert find_dateline("Title\nJune 21, 2023\nbody")[0] == D(2023, 6, 21)


# -- list of HTML strings -------------------------------------------------------


def test_list_of_html_strings(tmp_path):
    """A Python list literal of HTML strings becomes one paragraph per element with markup stripped."""
    write(
        tmp_path,
        "a.txt",
        "['<b class=\"x\">The UK is leaving Mali.</b>', 'France <a href=\"u\">formally ended</a> its presence. ', '', "
        "\"It&#39;s over, he said.\"]",
    )
    art = only(load_articles(tmp_path))
    assert [art.text[s:e] for s, e in art.paragraphs] == [
        "The UK is leaving Mali.",
        "France formally ended its presence.",
        "It's over, he said.",
    ]
    assert "<" not in art.text


def test_list_with_code_is_never_evaluated(tmp_path):
    """A list literal containing a call is read as plain text and the call is not executed."""
    marker = tmp_path / "pwned"
    code = f"[open({str(marker)!r}, 'w'), 'text']"
    write(tmp_path, "a.txt", code)
    art = only(load_articles(tmp_path))
    assert art.text == code
    assert not marker.exists()


# -- HTML ----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Junta expels UN - Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-06-21T08:00:00Z">
<style>p { color: red }</style><script>var s = "<p>hidden script</p>";</script></head>
<body><nav>Home | World</nav><header>Site header</header>
<p>Mali&rsquo;s junta has demanded the withdrawal of&nbsp;MINUSMA.
   It said so on Friday.</p>
<div>Second <b>block</b> here.<br>After the break.</div>
<ul><li>First item</li><li>Second item</li></ul>
<aside>Related stories</aside><noscript>Enable JS</noscript><footer>Copyright</footer>
</body></html>"""


def test_html_file_visible_text_title_and_date(tmp_path):
    """HTML loses script/style/nav/header/footer/aside/noscript, decodes entities and keeps blocks as paragraphs."""
    write(tmp_path, "a.html", PAGE)
    art = only(load_articles(tmp_path))
    paras = [art.text[s:e] for s, e in art.paragraphs]
    assert paras == [
        "Mali’s junta has demanded the withdrawal of\u00a0MINUSMA. It said so on Friday.",
        "Second block here.",
        "After the break.",
        "First item",
        "Second item",
    ]
    for hidden in ("hidden script", "color", "Home", "Site header", "Related", "Enable JS", "Copyright"):
        assert hidden not in art.text
    assert art.title == "Junta expels UN - Example News"
    assert art.published == D(2023, 6, 21) and art.published_source == "text"
    assert art.source == "Example News"


def test_html_og_title_h1_time_and_article_element(tmp_path):
    """og:title wins over <title>, <time datetime> gives the date and only <article> text is kept."""
    page = (
        '<html><head><title>Site</title><meta property="og:title" content="Real headline"></head><body>'
        "<div>Menu text</div><article><h1>Headline</h1><time datetime=\"2022-11-14\">Monday</time>"
        "<p>Troops left.</p></article><div>Sidebar</div></body></html>"
    )
    write(tmp_path, "a.htm", page)
    write(tmp_path, "b.htm", "<html><body><h1>Only heading</h1><p>Text.</p></body></html>")
    arts = {a.file: a for a in load_articles(tmp_path).articles}
    a = arts["a.htm"]
    assert a.title == "Real headline" and a.published == D(2022, 11, 14)
    assert "Menu" not in a.text and "Sidebar" not in a.text and "Troops left." in a.text
    assert arts["b.htm"].title == "Only heading"


def test_txt_holding_an_html_document_is_parsed_as_html(tmp_path):
    """A .txt file that is a full HTML document is read as HTML."""
    write(tmp_path, "a.txt", "<!doctype html><html><body><p>Troops left.</p><script>x()</script></body></html>")
    assert only(load_articles(tmp_path)).text == "Troops left."


def test_html_without_text_is_a_problem(tmp_path):
    """An HTML page with no visible text is skipped with a reason."""
    write(tmp_path, "a.html", "<html><body><script>x()</script></body></html>")
    write(tmp_path, "b.txt", "Fine.")
    result = load_articles(tmp_path)
    assert [a.file for a in result.articles] == ["b.txt"]
    assert problem_texts(result) == [f"{tmp_path / 'a.html'}: no visible text in the HTML"]


# -- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file (only white space)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n", "binary file (PDF document)"),
        (b"text\x00with\x00nul", "binary file (contains NUL bytes)"),
        (b"abcdefghij\x81 text", "not UTF-8 text (byte 0x81 at offset 10)"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "nul", "not-utf8"],
)
def test_bad_file_is_reported_and_others_read(tmp_path, content, reason):
    """A bad file gives one line naming the file and the reason, and the good file is still read."""
    write(tmp_path, "bad.txt", content)
    write(tmp_path, "good.txt", "Troops left Gao.")
    result = load_articles(tmp_path)
    assert [a.file for a in result.articles] == ["good.txt"]
    assert problem_texts(result) == [f"{tmp_path / 'bad.txt'}: {reason}"]
    assert (result.read, result.skipped) == (1, 1)
    assert "\n" not in problem_texts(result)[0]


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    """Text that is not UTF-8 but is cp1252 is read (curly quotes decoded) and a warning is recorded."""
    write(tmp_path, "a.txt", "“Mali” – troops".encode("cp1252"))
    result = load_articles(tmp_path)
    assert only(result).text == "“Mali” – troops"
    assert result.problems == []
    assert len(result.warnings) == 1
    assert str(result.warnings[0]).startswith(f"{tmp_path / 'a.txt'}: not UTF-8 (byte 0x93 at offset 0)")
    assert "cp1252" in str(result.warnings[0])


def test_file_over_size_limit(tmp_path):
    """A file over the limit is skipped with its size and the limit; the limit is configurable."""
    big = tmp_path / "x.txt"
    with big.open("wb") as fh:
        fh.truncate(6_100_000)
    write(tmp_path, "small.txt", "a" * 1500)
    result = load_articles(tmp_path)
    assert problem_texts(result) == [f"{big}: 6.1 MB exceeds the 5.0 MB limit"]
    assert [a.file for a in result.articles] == ["small.txt"]
    result = load_articles(tmp_path / "small.txt", max_bytes=1000)
    assert problem_texts(result) == [f"{tmp_path / 'small.txt'}: 1.5 kB exceeds the 1.0 kB limit"]


def test_missing_path_and_empty_folder(tmp_path):
    """A path that does not exist and a folder without articles are problems; other paths are still read."""
    empty = tmp_path / "empty"
    empty.mkdir()
    write(empty, "notes.md", "x")
    good = write(tmp_path, "good.txt", "Fine.")
    result = load_articles([tmp_path / "nope.txt", empty, good])
    assert [a.file for a in result.articles] == ["good.txt"]
    assert problem_texts(result) == [
        f"{tmp_path / 'nope.txt'}: not found",
        f"{empty}: no .txt, .html or .htm articles in this folder",
    ]
    assert result.summary() == "1 read, 2 skipped"


def test_folder_listing_is_sorted_and_filtered(tmp_path):
    """Folders give their .txt/.html/.htm files sorted; hidden files, manifest.csv and other types are ignored."""
    for name in ("b.txt", "a.html", "c.htm", ".hidden.txt", "notes.md"):
        write(tmp_path, name, "<p>Text.</p>" if name.endswith(("html", "htm")) else "Text.")
    write(tmp_path, "manifest.csv", "file,published\n")
    result = load_articles(tmp_path)
    assert [a.file for a in result.articles] == ["a.html", "b.txt", "c.htm"]
    assert result.problems == []


# -- manifest -------------------------------------------------------------------------


def test_manifest_values_take_precedence(tmp_path):
    """Manifest date, title, source and url override the text's; empty cells become None; extra columns are ignored."""
    write(tmp_path, "a.txt", "date 2021-09-27 Text title\n\nTroops left.")
    write(tmp_path, "b.txt", "June 21, 2023\n\nB title\n\nBody.")
    write(
        tmp_path,
        "manifest.csv",
        "file,published,title,source,url,notes\n"
        "a.txt,2021-10-01,Manifest title,AFP,https://example.org/a,ignored\n"
        "b.txt,,,,,\n",
    )
    arts = {a.file: a for a in load_articles(tmp_path).articles}
    a, b = arts["a.txt"], arts["b.txt"]
    assert (a.published, a.published_source, a.title, a.source, a.url) == (
        D(2021, 10, 1), "manifest", "Manifest title", "AFP", "https://example.org/a",
    )
    assert (b.published, b.published_source, b.title, b.source, b.url) == (
        D(2023, 6, 21), "text", "B title", None, None,
    )


def test_manifest_bad_rows_are_reported_and_skipped(tmp_path):
    """Missing files, malformed dates and paths leaving the corpus are one-line row errors; good rows still apply."""
    write(tmp_path, "a.txt", "Troops left.")
    write(tmp_path, "b.txt", "Troops came.")
    write(tmp_path.parent, "outside.txt", "Out.")
    manifest = write(
        tmp_path,
        "manifest.csv",
        "file,published,title\n"
        "a.txt,2022-11-14,A\n"
        "missing.txt,2022-11-14,M\n"
        "b.txt,14/11/2022,B\n"
        "../outside.txt,2022-11-14,O\n"
        "/etc/passwd,2022-11-14,P\n",
    )
    result = load_articles(tmp_path)
    arts = {a.file: a for a in result.articles}
    assert arts["a.txt"].published == D(2022, 11, 14) and arts["a.txt"].title == "A"
    assert arts["b.txt"].published is None and arts["b.txt"].published_source is None
    assert problem_texts(result) == [
        f"{manifest} line 3: file 'missing.txt' not found",
        f"{manifest} line 4: malformed date '14/11/2022' (expected YYYY-MM-DD)",
        f"{manifest} line 5: '../outside.txt' is outside the corpus folder",
        f"{manifest} line 6: '/etc/passwd' is outside the corpus folder",
    ]
    assert result.skipped == 0


def test_manifest_without_file_column(tmp_path):
    """A manifest whose header lacks a file column is one problem and articles are still read."""
    write(tmp_path, "a.txt", "Troops left.")
    manifest = write(tmp_path, "manifest.csv", "a.txt,2022-11-14\n")
    result = load_articles(tmp_path)
    assert only(result).published is None
    assert len(result.problems) == 1 and str(result.problems[0]).startswith(f"{manifest}: no 'file' column")


def test_explicit_manifest_path(tmp_path):
    """An explicit manifest elsewhere applies to the articles by their names in the corpus folder."""
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Troops left.")
    write(corpus, "manifest.csv", "file,published\na.txt,2000-01-01\n")
    meta = write(tmp_path / "meta", "dates.csv", "file,published,source\na.txt,2022-11-14,BBC\n")
    art = only(load_articles(corpus, manifest=meta))
    assert (art.published, art.source) == (D(2022, 11, 14), "BBC")


def test_read_manifest_duplicate_rows(tmp_path):
    """A file listed twice keeps its first row and the second is reported."""
    write(tmp_path, "a.txt", "x")
    path = write(tmp_path, "m.csv", "file,published\na.txt,2022-01-01\n./a.txt,2022-02-02\n")
    man = read_manifest(path)
    assert man.get("a.txt").published == D(2022, 1, 1)
    assert [str(p) for p in man.problems] == [f"{path} line 3: file './a.txt' is listed twice (first on line 2)"]


# -- the seeds --------------------------------------------------------------------


def test_seeds_load_with_manifest_dates():
    """All five seeds load with the manifest's dates and no problem."""
    result = load_articles(SEEDS)
    assert result.problems == [] and result.warnings == []
    got = {a.file: (a.published, a.published_source) for a in result.articles}
    expected = {}
    for line in (SEEDS / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        name, date = line.split(",")[:2]
        expected[name] = (dt.date.fromisoformat(date), "manifest")
    assert got == expected


def test_seed_003_list_dump_sentences():
    """Seed 003 (a list of HTML strings) yields visible text with its first sentence intact."""
    art = only(load_articles(next(SEEDS.glob("003_*.txt"))))
    assert "<" not in art.text and "ssrcss" not in art.text
    assert (
        "The UK is withdrawing troops from Mali earlier than planned due to political instability "
        "in the country, Defence Minister James Heappey has said."
    ) in sentences(art)
    assert art.source == "BBC"


def test_seeds_without_manifest_use_text_dates(tmp_path):
    """Without the manifest, 004 takes its date line and 002 its first-line date; the others have none."""
    folder = copy_seeds(tmp_path, with_manifest=False)
    arts = {a.file[:3]: a for a in load_articles(folder).articles}
    assert (arts["004"].published, arts["004"].published_source) == (D(2021, 9, 27), "text")
    assert arts["004"].title == "Mali approaches Russian security, criticizes France"
    assert (arts["002"].published, arts["002"].published_source) == (D(2023, 6, 21), "text")
    assert [arts[k].published for k in ("000", "001", "003")] == [None, None, None]


def test_seed_plain_text_sentences_are_file_substrings():
    """For the plain-text seeds, every sentence is an exact substring of the file."""
    for art in load_articles(SEEDS).articles:
        if art.file.startswith("003"):
            continue
        raw = Path(art.path).read_text(encoding="utf-8")
        for s in sentences(art):
            assert s in raw
