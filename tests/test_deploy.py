"""Deployment checks: the file Streamlit Community Cloud installs really works."""

from __future__ import annotations

import subprocess
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Community Cloud takes the first of these it finds (app folder, then up).
CLOUD_ORDER = ["uv.lock", "Pipfile", "environment.yml", "requirements.txt", "pyproject.toml"]


def test_requirements_txt_is_the_file_cloud_picks():
    """requirements.txt is the first dependency file Community Cloud finds, and it installs the package."""
    present = [name for name in CLOUD_ORDER if (ROOT / name).exists()]
    assert present[0] == "requirements.txt"
    lines = [
        ln.split("#")[0].strip()
        for ln in (ROOT / "requirements.txt").read_text().splitlines()
    ]
    assert "." in lines or "-e ." in lines


@pytest.mark.slow
def test_fresh_venv_from_requirements_runs_the_app_stack(tmp_path):
    """A new venv built from requirements.txt alone imports the app's stack and finds the bundled gazetteer."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    probe = textwrap.dedent(
        """
        import folium, geopy, pandas, streamlit, streamlit_folium
        import sahelmap, sahelmap.dashboard, sahelmap.pipeline
        from sahelmap.gazetteer import Gazetteer
        g = Gazetteer.load()
        assert g.country("ML") is not None
        # installed copy, not the checkout
        assert "site-packages" in sahelmap.__file__, sahelmap.__file__
        print("ok", len(g.countries()))
        """
    )
    # Run from an empty folder so nothing from the checkout can leak in.
    run = subprocess.run(
        [str(py), "-c", probe], cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": str(env_dir / "bin"), "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.startswith("ok")


def test_wheel_ships_every_gazetteer_file_and_no_cache():
    """The wheel's force-include list names exactly the data files in geo/ (never the cache)."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = conf["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    on_disk = {
        f"geo/{p.name}" for p in (ROOT / "geo").iterdir() if p.is_file() and not p.name.startswith(".")
    }
    assert set(shipped) == on_disk
    assert not any("cache" in k for k in shipped)
