"""The review app's routes: the page, its JSON API, and the previews of documents.

Handlers are plain functions (Starlette runs them on its thread pool): each reads what it needs
from the project as it is now and answers JSON, so the page and a test see the same thing.
Everything a request names (a language, a document, a figure) is looked up among what the
project has; anything else is a 404, and no path leaves the project.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from passerelle.errors import PasserelleError
from passerelle.po.catalog import Entry
from passerelle.serve.saving import Conflict, Edit, Malformed, Refused, current_texts, save_edit
from passerelle.serve.security import Guard, csrf_token
from passerelle.serve.suggest import Suggester
from passerelle.serve.workspace import NotFound, Workspace, finding_rows, unit_row

Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Session:
    """What one ``passerelle serve`` serves, and for whom."""

    workspace: Workspace
    suggester: Suggester
    token: str
    translator: str


def static_folder() -> Path:
    """The page's files, shipped inside the package: nothing is loaded from the network."""
    return Path(str(resources.files("passerelle.serve") / "static"))


def create_app(session: Session, hosts: set[str], cookie: str) -> Guard:
    """The app behind its guard (see :mod:`passerelle.serve.security`)."""
    api = _Api(session)
    routes = [
        Route("/", api.index),
        Route("/api/session", api.session_info),
        Route("/api/documents", api.documents),
        Route("/api/units", api.units),
        Route("/api/search", api.search),
        Route("/api/suggest", api.suggest),
        Route("/api/draft", api.draft),
        Route("/api/check", api.check, methods=["POST"]),
        Route("/api/save", api.save, methods=["POST"]),
        Route("/preview/{lang}/{path:path}", api.preview),
        Mount("/static", StaticFiles(directory=static_folder()), name="static"),
    ]
    handlers = {NotFound: _not_found, PasserelleError: _refused_input}
    app = Starlette(routes=routes, exception_handlers=handlers)
    return Guard(app, session.token, hosts, cookie)


def _not_found(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": "not found"}, status_code=404)


def _refused_input(request: Request, exc: Exception) -> Response:
    """A project the command line would refuse too (a broken catalog, a link): its message."""
    return JSONResponse({"error": str(exc)}, status_code=400)


def _failure(exc: PasserelleError) -> Response:
    return JSONResponse({"error": str(exc)}, status_code=400)


class _Api:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.ws = session.workspace

    def index(self, request: Request) -> Response:
        return FileResponse(static_folder() / "index.html", media_type="text/html")

    def session_info(self, request: Request) -> Response:
        info = self.ws.summary()
        info["csrf"] = csrf_token(self.session.token)
        info["translator"] = self.session.translator
        info["project"] = self.ws.config.root.name
        return JSONResponse(info)

    def documents(self, request: Request) -> Response:
        lang = self.ws.language(request.query_params.get("lang", ""))
        try:
            return JSONResponse({"lang": lang, "documents": self.ws.documents(lang)})
        except PasserelleError as exc:
            return _failure(exc)

    def units(self, request: Request) -> Response:
        lang, doc = self._target(request.query_params)
        try:
            return JSONResponse(self.ws.units(doc, lang))
        except PasserelleError as exc:
            return _failure(exc)

    def search(self, request: Request) -> Response:
        lang = self.ws.language(request.query_params.get("lang", ""))
        query = request.query_params.get("q", "")
        try:
            return JSONResponse({"results": self.ws.search(lang, query)})
        except PasserelleError as exc:
            return _failure(exc)

    def suggest(self, request: Request) -> Response:
        lang = self.ws.language(request.query_params.get("lang", ""))
        msgid = request.query_params.get("msgid", "")
        current = request.query_params.get("current", "")
        try:
            return JSONResponse({"matches": self.session.suggester.matches(lang, msgid, current)})
        except PasserelleError as exc:
            return _failure(exc)

    def draft(self, request: Request) -> Response:
        lang = self.ws.language(request.query_params.get("lang", ""))
        msgid = request.query_params.get("msgid", "")
        return JSONResponse(self.session.suggester.draft(lang, msgid))

    async def check(self, request: Request) -> Response:
        body = await _json(request)
        result: Response = await run_in_threadpool(self._check, body)
        return result

    def _check(self, body: dict[str, Any]) -> Response:
        lang = self.ws.language(str(body.get("lang", "")))
        try:
            forms = _forms(body, "forms")
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        entry = Entry(
            msgid=str(body.get("msgid", "")),
            msgctxt=body.get("msgctxt") if isinstance(body.get("msgctxt"), str) else None,
            msgstr=str(body.get("msgstr", "")),
            comment=str(body.get("comment", "")),
            flags=["fuzzy"] if body.get("fuzzy") else [],
        )
        if forms is not None:
            entry.msgid_plural = str(body.get("msgid_plural", "")) or entry.msgid
            entry.msgstr_plural = dict(enumerate(forms))
        return JSONResponse({"findings": finding_rows(entry, lang, self.ws.config)})

    async def save(self, request: Request) -> Response:
        body = await _json(request)
        result: Response = await run_in_threadpool(self._save, body)
        return result

    def _save(self, body: dict[str, Any]) -> Response:
        lang, doc = self._target(body)
        try:
            edit = Edit(
                msgctxt=_text_or_none(body.get("msgctxt")),
                msgid=_text(body, "msgid"),
                msgstr=_text(body, "msgstr"),
                fuzzy=bool(body.get("fuzzy")),
                base_msgstr=_text(body, "base_msgstr"),
                base_fuzzy=bool(body.get("base_fuzzy")),
                forms=_forms(body, "forms"),
                base_forms=_forms(body, "base_forms"),
            )
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        path = self.ws.catalog_path(doc, lang)
        try:
            entry, digest = save_edit(self.ws.layout, path, edit, self.session.translator, lang)
        except (Refused, Malformed) as exc:
            code = 400 if isinstance(exc, Malformed) else 422
            return JSONResponse({"error": str(exc)}, status_code=code)
        except Conflict as exc:
            return self._conflict(exc, edit, doc, lang)
        except PasserelleError as exc:
            return _failure(exc)
        index = int(body.get("id", 0) or 0)
        forms = self.ws.plural_rows(doc, lang) if entry.msgid_plural else None
        row = unit_row(index, entry, lang, self.ws.config, forms)
        return JSONResponse({"unit": row, "digest": digest})

    def _conflict(self, exc: Conflict, edit: Edit, doc: Any, lang: str) -> Response:
        """Both versions, so the translator can keep either; the forms too for a plural."""
        theirs: dict[str, Any] | None = None
        if exc.theirs is not None:
            theirs = {"msgstr": exc.theirs.msgstr, "fuzzy": exc.theirs.fuzzy}
            if exc.theirs.msgid_plural:
                catalog = self.ws.open(doc, lang).catalog
                theirs["forms"] = list(current_texts(exc.theirs, catalog, lang))
        yours: dict[str, Any] = {"msgstr": edit.msgstr, "fuzzy": edit.fuzzy}
        if edit.forms is not None:
            yours["forms"] = list(edit.forms)
        return JSONResponse({"conflict": True, "theirs": theirs, "yours": yours}, status_code=409)

    def preview(self, request: Request) -> Response:
        lang = self.ws.language(request.path_params["lang"])
        path: str = request.path_params["path"]
        french = request.query_params.get("french") == "1"
        try:
            docs = self.ws.layout.documents()
        except PasserelleError:
            docs = []  # a source tree the project refuses (a link): its files are not served
        for doc in docs:
            if path == f"{doc.name}.html":
                try:
                    page = self.ws.preview(doc, lang, french=french)
                except PasserelleError as exc:
                    return _failure(exc)
                return HTMLResponse(page)
        return FileResponse(self.ws.source_file(path))

    def _target(self, params: Any) -> tuple[str, Any]:
        lang = self.ws.language(str(params.get("lang", "")))
        return lang, self.ws.document(str(params.get("doc", "")))


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        body = None
    return body if isinstance(body, dict) else {}


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a string")
    return value


def _forms(body: dict[str, Any], key: str) -> tuple[str, ...] | None:
    """A plural entry's forms: a list of strings, or absent for a singular entry."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings, one per plural form")
    return tuple(value)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
