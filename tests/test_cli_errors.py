"""Library and OS errors reach the user as one-line CLI errors, not tracebacks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sahelmap.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_unwritable_output_is_a_clean_error(tmp_path):
    """extract --out under a regular file fails with exit 1 and an 'Error:' line naming the path."""
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    r = CliRunner().invoke(main, ["extract", str(SEEDS / "000_35e7ae14e58d559b.txt"), "--out", str(blocker / "out")])
    assert r.exit_code == 1
    assert "Error:" in r.output and "Traceback" not in r.output
    assert str(blocker) in r.output
    assert not isinstance(r.exception, OSError)  # mapped, not leaked


def test_missing_gazetteer_is_a_clean_error(tmp_path, monkeypatch):
    """A missing gazetteer folder becomes a one-line error instead of a traceback."""
    monkeypatch.setenv("SAHELMAP_GEO_DIR", str(tmp_path / "nowhere"))
    # Gazetteers are cached per folder, so a new folder really is opened.
    r = CliRunner().invoke(main, ["places", str(SEEDS / "000_35e7ae14e58d559b.txt")])
    assert r.exit_code == 1
    assert "Error:" in r.output and "nowhere" in r.output
