"""The review app answers its translator's browser and nobody else.

A local web server is reachable by every page the browser opens and every process of the
machine, so each request must show the secret token the command printed (once in the URL, then
in an ``HttpOnly``, ``SameSite=Strict`` cookie that scripts cannot read and other sites cannot
send); its ``Host`` header must name the server's own address (a DNS-rebinding page reaches the
server under another name); and a request that changes anything must carry the CSRF token the
app hands to its own page, from a page of the same origin. Every answer forbids loading
anything from elsewhere (``Content-Security-Policy``) and being framed by another site.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD"})
CSRF_HEADER = "x-csrf-token"
POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
    "base-uri 'self'; form-action 'self'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"SAMEORIGIN"),
]


def csrf_token(token: str) -> str:
    """The CSRF token of a session: derived from its secret, so nothing more is kept."""
    return hmac.new(token.encode(), b"csrf", hashlib.sha256).hexdigest()


def loopback_hosts(port: int) -> set[str]:
    """The names a browser on this machine reaches a loopback server by."""
    return {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}


class Guard:
    """ASGI middleware: token, Host, CSRF and origin checks, and protective headers."""

    def __init__(self, app: ASGIApp, token: str, hosts: set[str], cookie: str) -> None:
        self.app = app
        self.token = token
        self.csrf = csrf_token(token)
        self.hosts = {host.lower() for host in hosts}
        self.cookie = cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "").lower() not in self.hosts:
            await _refuse(send, 421, "unknown Host: open the address the command printed")
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        given = dict(query).get("token")
        if given is not None and hmac.compare_digest(given, self.token):
            await self._enter(scope, query, send)
            return
        if not hmac.compare_digest(_cookie(headers.get("cookie", ""), self.cookie), self.token):
            await _refuse(send, 403, "no valid token: open the address the command printed")
            return
        if scope["method"] not in SAFE_METHODS and not self._same_site(headers):
            await _refuse(send, 403, "cross-site request refused")
            return

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, guarded)

    def _same_site(self, headers: dict[str, str]) -> bool:
        """A state-changing request from the app's own page: CSRF token, origin, fetch site."""
        if not hmac.compare_digest(headers.get(CSRF_HEADER, ""), self.csrf):
            return False
        origin = headers.get("origin")
        if origin is not None and origin.lower() != f"http://{headers['host'].lower()}":
            return False
        return headers.get("sec-fetch-site", "same-origin") == "same-origin"

    async def _enter(self, scope: Scope, query: list[tuple[str, str]], send: Send) -> None:
        """The token came in the URL: set the cookie and send the browser to the same page
        without it, so the token leaves the address bar and the history."""
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        # one leading slash: "//host" would be another site's address
        location = "/" + quote(scope["path"].lstrip("/")) + (f"?{rest}" if rest else "")
        cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("utf-8")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    *HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


async def _refuse(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
