"""The review app's defences: CSRF tokens, the access token, allowed Host names and response headers.

State-changing requests carry a CSRF token: a random nonce signed with the
app's secret (HMAC-SHA256), sent both in a cookie and in the form's hidden
field; a POST whose two copies are missing, differ or are not signed by this
app is refused with 403.  On a loopback address only Host names of the
loopback are accepted (a page elsewhere cannot reach the app through DNS
rebinding).  When the app is given an access token (required off loopback),
every request must present it: once as ``?token=`` (which is then swapped for
a cookie and dropped from the address), as that cookie, or as an
``Authorization: Bearer`` header; anything else gets 401.  Every response
carries a strict Content-Security-Policy: the pages run no script at all.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Mapping
from urllib.parse import urlencode

from starlette.datastructures import URL, Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_FIELD = "csrf_token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

SECURITY_HEADERS = {
    # No script, no plugin, nothing from elsewhere; forms post only here; no framing (clickjacking).
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # Links to articles must not tell their sites where the reader came from.  Not "no-referrer": with
    # it, browsers send "Origin: null" on the app's own form posts, which the Origin check refuses.
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


def is_loopback(host: str) -> bool:
    """True for 'localhost' and loopback IP addresses (127.0.0.0/8, ::1); a bracketed IPv6 is accepted."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(header: str | None) -> str:
    """The name part of a Host header: 'a.b:8000' -> 'a.b', '[::1]:8000' -> '::1'."""
    value = (header or "").strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value[1:]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _mac(secret: bytes, purpose: str, value: str) -> str:
    return hmac.new(secret, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


def same(given: str, expected: str) -> bool:
    """Constant-time comparison that also takes non-ASCII input (compare_digest refuses it in str)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


class Csrf:
    """Signed double-submit tokens: the cookie and the hidden field must carry the same signed nonce."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        # Cookies are shared by every port of a host: a name of its own keeps two apps from clashing.
        self.cookie = "checker_csrf_" + _mac(secret, "cookie-name", "csrf")[:8]

    def new_token(self) -> str:
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{_mac(self._secret, 'csrf', nonce)}"

    def valid(self, token: str | None) -> bool:
        if not token or "." not in token:
            return False
        nonce, signature = token.rsplit(".", 1)
        return same(signature, _mac(self._secret, "csrf", nonce))

    def token_for(self, request: Request) -> tuple[str, bool]:
        """The token for a page's forms, and whether the cookie must be (re)set to carry it."""
        current = request.cookies.get(self.cookie)
        if self.valid(current):
            return str(current), False
        return self.new_token(), True

    def set_cookie(self, response: Response, token: str) -> None:
        response.set_cookie(self.cookie, token, httponly=True, samesite="strict", path="/")

    def accepts(self, request: Request, form: Mapping[str, object]) -> bool:
        cookie = request.cookies.get(self.cookie)
        field = form.get(CSRF_FIELD)
        if not isinstance(field, str) or not self.valid(cookie) or not self.valid(field):
            return False
        return same(str(cookie), field)


class Guard:
    """ASGI middleware: Host check, access token, and the security headers on every response."""

    def __init__(
        self, app: ASGIApp, *, secret: bytes, token: str | None, allowed_hosts: frozenset[str] | None
    ) -> None:
        self.app = app
        self.token = token
        self.allowed_hosts = allowed_hosts
        # The cookie holds a value derived from the token, so a copied cookie does not reveal it.
        self.cookie = "checker_access_" + _mac(secret, "cookie-name", "access")[:8]
        self._cookie_value = _mac(secret, "access", token) if token else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = Headers(raw=message.get("headers", []))
                extra = [
                    (name.encode(), value.encode())
                    for name, value in SECURITY_HEADERS.items()
                    if name not in headers
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, request: Request) -> Response | None:
        host = host_name(request.headers.get("host"))
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return PlainTextResponse("Unexpected Host name: open the address `checker review` printed.", 400)
        if not self.token:
            return None
        given = request.query_params.get("token")
        if given is not None and same(given, self.token):
            # Swap the token in the address for a cookie, so it leaves no trace in history or logs.
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = URL(path=request.url.path, query=urlencode(rest))
            response = RedirectResponse(str(target), status_code=303)
            response.set_cookie(self.cookie, self._cookie_value, httponly=True, samesite="strict", path="/")
            return response
        if self._presented(request):
            return None
        return PlainTextResponse(
            "This review app needs its access token: open the address `checker review` printed "
            "(it ends in ?token=...), or send an Authorization: Bearer header.",
            401,
            headers={"www-authenticate": 'Bearer realm="checker review"'},
        )

    def _presented(self, request: Request) -> bool:
        assert self.token is not None
        authorization = request.headers.get("authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and same(credentials.strip(), self.token):
            return True
        cookie = request.cookies.get(self.cookie)
        return bool(cookie) and same(str(cookie), self._cookie_value)
