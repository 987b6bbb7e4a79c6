"""Every HTTP request an engine's library makes: a deadline, a size limit, no secret in the logs.

deep-translator and DeepL's client both speak through ``requests``, which knows only per-read
timeouts: a server trickling a byte a second never times out. While :func:`http_guard` is open,
a library call made inside :func:`exchange` gets

- a deadline: the whole call (connecting, sending, every byte of the answer, redirects) must end
  within the timeout. A watchdog thread shuts down the sockets the call uses once it passes, which
  wakes a read blocked on them; the call then fails as "no answer", is retried under the policy
  with a fresh deadline, and nothing is left running (the watchdog is joined when the call ends);
- a size limit: the body is read by us, at most :data:`MAX_ANSWER_BYTES` (decompressed), and a
  larger answer is refused without reading further;
- its response remembered (status and ``Retry-After`` for the retry policy);
- log records of requests/urllib3/deepl with secrets masked (urllib3 logs URLs, which may hold
  a key).

The hooks are installed on the library classes while any guard is open, and act only on threads
inside an exchange, so other users of ``requests`` in the process are unaffected.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import requests
import urllib3.connectionpool

from passerelle.steps.drafts.base import EngineFailure
from passerelle.steps.drafts.redact import redacted_logs

MAX_ANSWER_BYTES = 2 * 1024 * 1024
_CUT_INTERVAL = 0.05  # how often a late call's sockets are cut again (one may open meanwhile)


class Exchange:
    """One library call under a deadline: its connections, its last response, what went wrong."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.response: requests.Response | None = None
        self.problem: str | None = None  # a refusal of ours (too large), not the server's
        self.expired = False
        self.done = threading.Event()
        self._connections: list[Any] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def track(self, connection: Any) -> None:
        with self._lock:
            self._connections.append(connection)

    def cut(self) -> None:
        """Shut down every socket of the call: a blocked read returns at once."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if isinstance(sock, socket.socket):
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def failure(self) -> EngineFailure | None:
        """What the call failed of on our side, if anything."""
        if self.problem is not None:
            return EngineFailure(self.problem)
        if self.expired:
            return EngineFailure(f"no answer within {self.timeout:g} s", retryable=True)
        return None


def _watch(current: Exchange) -> None:
    if current.done.wait(max(0.0, current.remaining())):
        return
    current.expired = True
    while True:
        current.cut()
        if current.done.wait(_CUT_INTERVAL):
            return


_local = threading.local()


@contextlib.contextmanager
def exchange(timeout: float) -> Iterator[Exchange]:
    """Run the enclosed library call under a deadline of ``timeout`` seconds."""
    current = Exchange(timeout)
    watchdog = threading.Thread(
        target=_watch, args=(current,), name="passerelle-deadline", daemon=True
    )
    _local.exchange = current
    watchdog.start()
    try:
        yield current
    finally:
        _local.exchange = None
        current.done.set()
        watchdog.join()


def _current() -> Exchange | None:
    return getattr(_local, "exchange", None)


def _read_body(response: requests.Response, current: Exchange) -> None:
    """Read the body as ``requests`` would, but never more than the limit."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(64 * 1024):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            current.problem = f"the answer is larger than {MAX_ANSWER_BYTES // 2**20} MiB"
            response.close()
            raise requests.exceptions.RequestException(current.problem)
        chunks.append(chunk)
    response._content = b"".join(chunks)
    response._content_consumed = True


_original_send: Callable[..., Any] | None = None
_original_make_request: Callable[..., Any] | None = None


def _send(self: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> Any:
    assert _original_send is not None
    current = _current()
    if current is None:
        return _original_send(self, request, **kwargs)
    left = current.remaining()
    if left <= 0:
        current.expired = True
        raise requests.exceptions.Timeout("deadline passed")
    streamed = kwargs.get("stream", False)
    kwargs["timeout"] = left
    kwargs["stream"] = True
    response = _original_send(self, request, **kwargs)
    current.response = response
    if not streamed:
        _read_body(response, current)
    return response


def _make_request(self: Any, conn: Any, *args: Any, **kwargs: Any) -> Any:
    assert _original_make_request is not None
    current = _current()
    if current is not None:
        current.track(conn)
    return _original_make_request(self, conn, *args, **kwargs)


_LOGGERS = ("urllib3.connectionpool", "urllib3.connection", "requests", "deepl")
_install_lock = threading.Lock()
_installed = 0


def _install() -> None:
    global _installed, _original_send, _original_make_request
    pool = urllib3.connectionpool.HTTPConnectionPool
    with _install_lock:
        if _installed == 0:
            _original_send, _original_make_request = requests.Session.send, pool._make_request
            requests.Session.send = _send  # type: ignore[method-assign]
            pool._make_request = _make_request  # type: ignore[method-assign]
        _installed += 1


def _uninstall() -> None:
    global _installed
    with _install_lock:
        _installed -= 1
        if _installed or _original_send is None or _original_make_request is None:
            return
        requests.Session.send = _original_send  # type: ignore[method-assign]
        pool = urllib3.connectionpool.HTTPConnectionPool
        pool._make_request = _original_make_request  # type: ignore[method-assign]


@contextlib.contextmanager
def http_guard(secrets: Sequence[str]) -> Iterator[None]:
    """While open: requests get deadlines and size limits, and secrets leave the logs."""
    _install()
    try:
        with redacted_logs(_LOGGERS, secrets):
            yield
    finally:
        _uninstall()
