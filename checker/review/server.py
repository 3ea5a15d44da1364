"""Serving the review app with uvicorn: bind checks, the printed address, and the run itself.

The socket is bound here before uvicorn starts, so that the address printed is
the one actually served (``--port 0`` picks a free port) and a port already in
use is a clear error rather than a log line.  Serving on anything but a
loopback address without an access token is refused: the app shows article
text and lets whoever reaches it change verdicts.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import uvicorn

from checker.errors import CheckerError

from .app import create_app
from .security import is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MIN_TOKEN = 16


class ReviewError(CheckerError):
    """The review app cannot start as asked (unsafe address, weak token, port taken)."""

    code = "E030"


def check_bind(host: str, token: str | None) -> None:
    """Refuse a non-loopback address without a token, and a token too short to resist guessing."""
    if token is not None and len(token) < MIN_TOKEN:
        raise ReviewError(
            f"--token must be at least {MIN_TOKEN} characters; "
            'make one with: python -c "import secrets; print(secrets.token_urlsafe())"'
        )
    if not is_loopback(host) and not token:
        raise ReviewError(
            f"refusing to serve the review app on {host}, which is not a loopback address, without an "
            "access token: anyone who can reach it could read the articles and change verdicts. "
            "Give --token TOKEN (or CHECKER_REVIEW_TOKEN), or serve on 127.0.0.1."
        )


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ReviewError(f"cannot serve on {host}: {exc}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        # Listening now: a browser opened on the printed address waits in the backlog, not refused.
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ReviewError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def address_of(sock: socket.socket, host: str, token: str | None = None) -> str:
    """The address to open: http://HOST:PORT/, with ?token=... when one is required."""
    port = sock.getsockname()[1]
    name = f"[{host.strip('[]')}]" if ":" in host else host
    url = f"http://{name}:{port}/"
    return url + (f"?token={quote(token, safe='')}" if token else "")


def serve(
    db: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    token: str | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Run the review app over ``db`` until interrupted; ``announce`` receives the address once bound."""
    check_bind(host, token)
    app = create_app(db, token=token, host=host)
    sock = bind(host, port)
    announce(address_of(sock, host, token))
    # No access log: the first request of a token-protected app carries the token in its query.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
