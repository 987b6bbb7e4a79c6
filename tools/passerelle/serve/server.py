"""Starting the review app: a fresh token, a socket on loopback, uvicorn behind the guard.

The socket is bound before the app is made, so the ``Host`` names the guard accepts carry the
real port (``--port 0`` picks a free one), and the printed address is the one that answers.
"""

from __future__ import annotations

import secrets
import socket
import threading
from dataclasses import dataclass

import uvicorn

from passerelle.config import Config
from passerelle.serve.app import Session, create_app
from passerelle.serve.security import loopback_hosts
from passerelle.serve.suggest import Suggester
from passerelle.serve.workspace import Workspace
from passerelle.steps.drafts.base import EngineSettings

LOOPBACK = "127.0.0.1"


@dataclass
class Running:
    """A server bound and ready to run: its address (with the token) and uvicorn's handle."""

    server: uvicorn.Server
    sock: socket.socket
    url: str  # the address to open, token included
    base: str  # the address without the token
    token: str

    def run(self) -> None:
        """Serve until interrupted (Ctrl+C) or :meth:`stop`."""
        self.server.run(sockets=[self.sock])

    def start(self) -> threading.Thread:
        """Serve on a thread (tests, benchmarks); returns once the server answers."""
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        while not self.server.started and thread.is_alive():
            threading.Event().wait(0.01)
        return thread

    def stop(self, thread: threading.Thread | None = None) -> None:
        self.server.should_exit = True
        if thread is not None:
            thread.join(10)


def make_server(
    config: Config,
    *,
    host: str = LOOPBACK,
    port: int = 0,
    translator: str = "",
    settings: EngineSettings | None = None,
    engine: str | None = None,
    token: str | None = None,
) -> Running:
    """A server for the project of ``config`` on ``host:port`` (port 0: any free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    token = token or secrets.token_urlsafe(24)
    hosts = loopback_hosts(port)
    shown = f"[{host}]" if ":" in host else host
    hosts.add(f"{shown}:{port}")
    workspace = Workspace(config)
    suggester = Suggester(workspace.layout, settings or EngineSettings(), engine)
    session = Session(workspace, suggester, token, translator)
    app = create_app(session, hosts, cookie=f"passerelle-{port}")
    name = "127.0.0.1" if host in (LOOPBACK, "0.0.0.0", "::") else shown
    base = f"http://{name}:{port}/"
    uconfig = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return Running(uvicorn.Server(uconfig), sock, f"{base}?token={token}", base, token)
