"""The peers' virtual environment: created on first use, then reused; runs the peer adapters inside it.

Recognizers-Text's last Python release (1.0.2a2) imports ``UNICODE_EMOJI``, which the ``emoji`` package
dropped in 2.0, so the peers cannot share the project's environment.  The bench creates a separate
venv (``python -m venv``, packages from the package index with pip) under
``~/.cache/figure-checker/peers-venv``, or ``CHECKER_PEERS_VENV`` when set, and records the
requirements it installed so that a later run with the same pins reuses it.  Any failure is a
``PeerUnavailable`` with a one-line reason, which the table shows in the peers' cells.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Pinned so the table can be reproduced: emoji < 1.0 still has a flat UNICODE_EMOJI (what the peer
# expects); quantulum3's shipped unit classifier was pickled with scikit-learn 1.8.0.
REQUIREMENTS = (
    "recognizers-text-suite==1.0.2a2",
    "emoji==0.6.0",
    "quantulum3[classifier]==0.10.0",
    "scikit-learn==1.8.0",
)
MARKER = "figure-checker-peers.json"
ADAPTERS = Path(__file__).resolve().parent / "peers"
INSTALL_TIMEOUT = 1800
RUN_TIMEOUT = 3600


class PeerUnavailable(Exception):
    """The peers' environment could not be created or an adapter could not run."""


def venv_dir() -> Path:
    override = os.environ.get("CHECKER_PEERS_VENV")
    if override:
        return Path(override).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "figure-checker" / "peers-venv"


def _python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"


def ensure_venv(log: Callable[[str], None] | None = None) -> Path:
    """The peers venv's python, creating and filling the venv first when needed."""
    venv = venv_dir()
    python = _python(venv)
    marker = venv / MARKER
    wanted = {"requirements": list(REQUIREMENTS)}
    if python.exists() and marker.exists():
        try:
            if json.loads(marker.read_text(encoding="utf-8")) == wanted:
                return python
        except (OSError, ValueError):
            pass
    if log:
        log(f"Setting up the peers' environment in {venv} (first use; needs the package index)...")
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *REQUIREMENTS],
    ]
    for cmd in steps:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PeerUnavailable(f"{Path(cmd[0]).name} {cmd[2]} failed: {exc}") from exc
        if done.returncode != 0:
            raise PeerUnavailable(f"{' '.join(cmd[1:3])} failed: {_last_line(done.stderr or done.stdout)}")
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    return python


def adapter_versions(python: Path, adapter: str) -> dict[str, str]:
    done = subprocess.run(
        [str(python), str(ADAPTERS / adapter), "--versions"], capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise PeerUnavailable(f"{adapter} does not start: {_last_line(done.stderr)}")
    return json.loads(done.stdout)


def run_adapter(python: Path, adapter: str, cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Run ``adapter`` on ``cases`` in the venv; {case id: {mentions, seconds[, error]}}."""
    keep = ("id", "text", "lang", "kind", "source", "reference_date")
    payload = "".join(json.dumps({k: c.get(k) for k in keep}, ensure_ascii=False) + "\n" for c in cases)
    try:
        done = subprocess.run(
            [str(python), str(ADAPTERS / adapter)],
            input=payload,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=RUN_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PeerUnavailable(f"{adapter} failed: {exc}") from exc
    if done.returncode != 0:
        raise PeerUnavailable(f"{adapter} failed: {_last_line(done.stderr)}")
    out = {}
    for line in done.stdout.splitlines():
        if line.strip():
            item = json.loads(line)
            out[item["id"]] = item
    return out
