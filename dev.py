#!/usr/bin/env python3
"""Set everything up, then run the dashboard or the test suite.

    python3 dev.py run     # venv + install + `streamlit run app.py` on the seeds
    python3 dev.py test    # venv + install (with test extras) + the whole test suite

Needs only Python 3.11+. The virtual environment lives in .venv/ and is
reinstalled when pyproject.toml changes. Extra arguments after `test` go to
pytest, after `run` to streamlit (e.g. `python3 dev.py run --server.port 8600`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".sahelmap-installed"


def _say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def ensure_env(extras: str) -> None:
    """Create .venv and install the package (editable) if anything changed."""
    if sys.version_info < (3, 11):
        sys.exit(f"sahelmap needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and PY.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PY.exists():
        _say(f"creating virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    spec = f".[{extras}]" if extras else "."
    _say(f"installing sahelmap{'[' + extras + ']' if extras else ''} and its dependencies")
    subprocess.run([str(PY), "-m", "pip", "install", "--upgrade", "--quiet", "pip"], check=True, cwd=ROOT)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", spec], check=True, cwd=ROOT)
    STAMP.write_text(wanted + "\n")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "run":
        ensure_env("test")  # same env for both commands: no reinstall when switching
        return subprocess.call([str(PY), "-m", "streamlit", "run", "app.py", *rest], cwd=ROOT)
    ensure_env("test")
    return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
