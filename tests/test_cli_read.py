"""Tests for the `sahelmap read` verb and the shared article-loading helpers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sahelmap import __version__
from sahelmap.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_read_seeds_prints_one_json_object_per_article():
    """Reading the seeds prints five JSON lines with metadata and counts, and the summary on stderr."""
    result = run("read", str(SEEDS))
    assert result.exit_code == 0, result.stderr
    rows = records(result.stdout)
    assert [r["file"][:3] for r in rows] == ["000", "001", "002", "003", "004"]
    assert set(rows[0]) == {
        "file", "title", "published", "published_source", "source", "url", "chars", "paragraphs", "sentences",
    }
    r4 = rows[4]
    assert (r4["published"], r4["published_source"], r4["source"]) == ("2021-09-27", "manifest", "AFP")
    assert all(r["sentences"] >= r["paragraphs"] > 0 and r["chars"] > 1000 for r in rows)
    assert result.stderr.splitlines() == ["5 read, 0 skipped"]


def test_read_partial_failure_exits_zero_and_lists_problems(tmp_path):
    """With one good and two bad inputs the exit code is 0 and stderr names each problem on one line."""
    (tmp_path / "good.txt").write_text("Troops left Gao.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("read", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.exit_code == 0
    assert [r["file"] for r in records(result.stdout)] == ["good.txt"]
    assert result.stderr.splitlines() == [
        "1 read, 2 skipped",
        f"{tmp_path / 'missing.txt'}: not found",
        f"{tmp_path / 'empty.txt'}: empty file",
    ]


def test_read_nothing_readable_fails(tmp_path):
    """When no article can be read the exit code is non-zero and stdout is empty."""
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run("read", str(tmp_path / "bad.txt"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "0 read, 1 skipped" in result.stderr
    assert "binary file (PNG image)" in result.stderr
    assert "Error: no article could be read" in result.stderr


def test_read_manifest_and_max_bytes_options(tmp_path):
    """--manifest supplies dates and --max-bytes skips larger files."""
    (tmp_path / "a.txt").write_text("Troops left.", encoding="utf-8")
    (tmp_path / "big.txt").write_text("x" * 500, encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text("file,published,title\na.txt,2022-11-14,From manifest\n", encoding="utf-8")
    result = run("read", "--manifest", str(meta), "--max-bytes", "100", str(tmp_path))
    assert result.exit_code == 0
    rows = records(result.stdout)
    assert [(r["file"], r["published"], r["title"]) for r in rows] == [("a.txt", "2022-11-14", "From manifest")]
    assert f"{tmp_path / 'big.txt'}: 500 bytes exceeds the 100 bytes limit" in result.stderr.splitlines()


def test_read_warning_for_cp1252(tmp_path):
    """A cp1252 file is read and a warning line is printed."""
    (tmp_path / "a.txt").write_bytes("“Mali” troops".encode("cp1252"))
    result = run("read", str(tmp_path))
    assert result.exit_code == 0
    assert any(line.startswith("warning: ") and "cp1252" in line for line in result.stderr.splitlines())


def test_read_requires_a_path():
    """Calling read without a path is a usage error."""
    assert run("read").exit_code == 2


def test_help_has_examples_and_version():
    """The group and the read verb show an example in their help; --version prints the version."""
    assert "sahelmap read seeds/" in run("--help").output
    assert "Example:" in run("read", "--help").output
    assert __version__ in run("--version").output


def test_python_m_sahelmap_runs():
    """`python -m sahelmap read` works as a module entry point."""
    proc = subprocess.run(
        [sys.executable, "-m", "sahelmap", "read", str(SEEDS / "000_35e7ae14e58d559b.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert records(proc.stdout)[0]["published"] == "2022-11-14"
