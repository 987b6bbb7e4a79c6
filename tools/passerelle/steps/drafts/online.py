"""Online engines: deep-translator's services, and DeepL through its official client.

deep-translator gives many services one face but has sharp edges this layer files down: it sets
no timeouts (a hung server hangs the run), sends one request per string, strips whitespace, and
its DeepL backend speaks a retired API. So: every library call runs in a ``transport`` exchange
(a deadline for the whole call, a bounded answer, the response kept for ``Retry-After``);
several texts travel in one request as lines where the service keeps line breaks (one by one
again if it did not); whitespace is restored by the driver; and DeepL goes through the ``deepl``
package, batched, with XML tag handling for placeholders and the project's terms as a DeepL
glossary (:mod:`.deepl_glossary`).

Keys come from environment variables only. They are scrubbed from every message this module
produces and from the log records of requests/urllib3/deepl (``transport``), never reach a cache
key, and an answer holding one is never a draft (``answer``).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import deep_translator
import deep_translator.exceptions as dt_errors
import deepl
import requests

from passerelle.errors import EngineError
from passerelle.locale import base_language
from passerelle.steps.drafts.base import Draft, EngineFailure, EngineSettings
from passerelle.steps.drafts.deepl_glossary import GlossaryPlan, find_or_create, plan_glossary
from passerelle.steps.drafts.policy import parse_retry_after
from passerelle.steps.drafts.redact import scrub
from passerelle.steps.drafts.transport import exchange


@dataclass(frozen=True)
class Spec:
    """How to build one deep-translator engine and what it accepts."""

    cls: str  # class name in deep_translator
    keys: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (argument, env variables) pairs
    batch_size: int = 40
    batch_chars: int = 4500
    max_chars: int = 4999
    key_optional: bool = False


def _env(engine: str, suffix: str, *native: str) -> tuple[str, ...]:
    return (f"PASSERELLE_{engine.upper()}_{suffix}", *native)


ONLINE_ENGINES: dict[str, Spec] = {
    "google": Spec("GoogleTranslator"),
    "mymemory": Spec("MyMemoryTranslator", batch_size=1, batch_chars=499, max_chars=499),
    "libre": Spec(
        "LibreTranslator",
        (("api_key", _env("libre", "KEY", "LIBRE_API_KEY")),),
        batch_chars=1800,  # the text travels in the URL: keep it well under server limits
        key_optional=True,
    ),
    "microsoft": Spec(
        "MicrosoftTranslator",
        (
            ("api_key", _env("microsoft", "KEY", "MICROSOFT_API_KEY")),
            ("region", _env("microsoft", "REGION")),
        ),
    ),
    "yandex": Spec("YandexTranslator", (("api_key", _env("yandex", "KEY", "YANDEX_API_KEY")),)),
    "papago": Spec(
        "PapagoTranslator",
        (
            ("client_id", _env("papago", "CLIENT_ID")),
            ("secret_key", _env("papago", "SECRET_KEY")),
        ),
    ),
    "baidu": Spec(
        "BaiduTranslator",
        (
            ("appid", _env("baidu", "APPID", "BAIDU_APPID")),
            ("appkey", _env("baidu", "APPKEY", "BAIDU_APPKEY")),
        ),
    ),
    "qcri": Spec(
        "QcriTranslator", (("api_key", _env("qcri", "KEY", "QCRI_API_KEY")),), batch_size=1
    ),
    "deepl": Spec("", (("auth_key", _env("deepl", "KEY", "DEEPL_AUTH_KEY")),), 50, 30_000, 30_000),
}
_OPTIONAL_ARGS = {"region"}


def _status(response: requests.Response | None) -> tuple[int | None, float | None]:
    if response is None:
        return None, None
    return response.status_code, parse_retry_after(response.headers.get("Retry-After"))


def classify(
    exc: BaseException, timeout: float, response: requests.Response | None = None
) -> EngineFailure:
    """Turn what a library raised into a retryable, fatal or plain :class:`EngineFailure`."""
    status, retry_after = _status(response)
    code = getattr(exc, "http_status_code", None) or status
    if isinstance(exc, requests.exceptions.Timeout):
        return EngineFailure(f"no answer within {timeout:g} s", retryable=True)
    if isinstance(exc, requests.exceptions.ConnectionError):
        return EngineFailure("cannot connect to the server", retryable=True)
    if isinstance(exc, deepl.ConnectionException):
        timed_out = isinstance(exc.__cause__, requests.exceptions.Timeout)
        text = f"no answer within {timeout:g} s" if timed_out else "cannot connect to the server"
        return EngineFailure(text, retryable=exc.should_retry)
    if isinstance(exc, deepl.AuthorizationException | dt_errors.AuthorizationException) or (
        code in (401, 403)
    ):
        return EngineFailure("the server rejected the key (HTTP 403)", fatal=True)
    if isinstance(exc, deepl.QuotaExceededException) or code == 456:
        return EngineFailure("the account's character quota is used up", fatal=True)
    if code == 429 or isinstance(exc, dt_errors.TooManyRequests):
        return EngineFailure("HTTP 429 too many requests", retryable=True, retry_after=retry_after)
    if code is not None and code >= 500:
        return EngineFailure(f"HTTP {code} server error", retryable=True, retry_after=retry_after)
    if code is not None and code >= 400:
        return EngineFailure(f"HTTP {code} request refused")
    if isinstance(exc, ValueError | KeyError | TypeError | AttributeError | IndexError):
        return EngineFailure(f"unreadable answer ({type(exc).__name__})", retryable=True)
    if isinstance(exc, dt_errors.TranslationNotFound | dt_errors.ElementNotFoundInGetRequest):
        return EngineFailure("the answer held no translation", retryable=True)
    return EngineFailure(f"request failed: {type(exc).__name__}: {exc}")


def _read_keys(name: str, spec: Spec, needed: bool = True) -> dict[str, str]:
    """The keys the environment holds; a missing one is an error unless the engine can do
    without it, or nothing will be sent (``needed`` False: a dry run)."""
    found: dict[str, str] = {}
    for argument, variables in spec.keys:
        value = next((os.environ[v] for v in variables if os.environ.get(v)), None)
        if value:
            found[argument] = value
        elif needed and argument not in _OPTIONAL_ARGS and not spec.key_optional:
            raise EngineError(
                f"engine {name!r} needs {argument}",
                hint=f"set the environment variable {variables[0]}",
            )
    return found


def _candidates(lang: str) -> list[str]:
    dashed = lang.replace("_", "-")
    base = base_language(lang)
    return list(dict.fromkeys([lang, dashed, dashed.lower(), base]))


class OnlineEngine:
    """Shared plumbing: keys, timeouts, classification; subclasses send the requests."""

    wire = "token"
    online = True

    def __init__(self, name: str, spec: Spec, settings: EngineSettings) -> None:
        self.name = name
        self.spec = spec
        self.url = settings.url
        self.timeout = settings.timeout
        self.batch_size = spec.batch_size
        self.batch_chars = spec.batch_chars
        self.max_chars = spec.max_chars
        self.keys = _read_keys(name, spec, settings.need_key)
        self.secrets = tuple(v for k, v in self.keys.items() if k not in _OPTIONAL_ARGS)
        self._clients: dict[tuple[str, str, int], Any] = {}
        self._lock = threading.Lock()

    def options_key(self) -> str:
        return f"url={self.url or ''};wire={self.wire};v1"

    def _client(self, source: str, target: str) -> Any:
        """A client per thread: deep-translator clients keep per-request state on ``self``."""
        key = (source, target, threading.get_ident())
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._build(source, target)
            return self._clients[key]

    def _build(self, source: str, target: str) -> Any:
        raise NotImplementedError

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Draft | None]:
        raise NotImplementedError

    def _guarded(self, call: Callable[[], Any]) -> Any:
        """One library call under our deadline; failures classified and scrubbed of secrets."""
        with exchange(self.timeout) as current:
            try:
                return call()
            except EngineFailure:
                raise
            except Exception as exc:
                failure = current.failure() or classify(exc, self.timeout, current.response)
                failure.message = scrub(failure.message, self.secrets)
                raise failure from None

    def close(self) -> None:
        self._clients.clear()


class DeepTranslatorEngine(OnlineEngine):
    """A deep-translator service; a batch travels as lines of one text when it can."""

    def _build(self, source: str, target: str) -> Any:
        cls = getattr(deep_translator, self.spec.cls)
        kwargs: dict[str, Any] = dict(self.keys)
        if self.name == "libre":
            kwargs.setdefault("api_key", "unused")  # the class insists; removed below
            kwargs["use_free_api"] = "api_key" not in self.keys
            if self.url:
                kwargs["custom_url"] = self.url.rstrip("/") + "/"
        for src in _candidates(source):
            for dst in _candidates(target):
                try:
                    client = cls(source=src, target=dst, **kwargs)
                except (
                    dt_errors.LanguageNotSupportedException,
                    dt_errors.InvalidSourceOrTargetLanguage,
                ):
                    continue
                if self.name == "libre" and "api_key" not in self.keys:
                    client.api_key = None
                if self.url and self.name != "libre":
                    client._base_url = self.url
                return client
        raise EngineFailure(f"{self.name} does not translate {source} -> {target}", fatal=True)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Draft | None]:
        client = self._client(source, target)
        if len(texts) > 1:
            answer = self._guarded(lambda: client.translate("\n".join(texts)))
            lines = answer.strip("\n").split("\n") if isinstance(answer, str) else []
            if len(lines) == len(texts):
                return [Draft(line) for line in lines]
        results: list[Draft | None] = []
        for text in texts:
            answer = self._guarded(functools.partial(client.translate, text))
            if not isinstance(answer, str):
                raise EngineFailure("unreadable answer (no text)", retryable=True)
            results.append(Draft(answer))
        return results


def deepl_target(lang: str) -> str:
    """DeepL's target code: regional English and Portuguese, Chinese scripts."""
    lang = lang.replace("-", "_")
    base = base_language(lang).upper()
    special = {"en": "EN-US", "en_GB": "EN-GB", "en_US": "EN-US", "pt": "PT-PT"}
    special |= {"pt_BR": "PT-BR", "pt_PT": "PT-PT", "zh_TW": "ZH-HANT", "zh_Hant": "ZH-HANT"}
    return special.get(lang, "ZH-HANS" if base == "ZH" else base)


def _deepl_source(lang: str) -> str:
    return base_language(lang).upper()


class DeeplEngine(OnlineEngine):
    """DeepL through the official client; placeholders travel as XML with tag handling, and
    the project's terms as a DeepL glossary (:mod:`.deepl_glossary`)."""

    wire = "xml"

    def __init__(self, name: str, spec: Spec, settings: EngineSettings, target: str) -> None:
        super().__init__(name, spec, settings)
        deepl.http_client.max_network_retries = 0  # our policy retries, honouring Retry-After
        deepl.http_client.min_connection_timeout = self.timeout
        self.target = target
        self.terminology = settings.terminology
        self.report = settings.report
        self._plans: dict[str, GlossaryPlan | None] = {}
        self._glossaries: dict[tuple[str, str], str | None] = {}
        self._glossary_lock = threading.Lock()

    def options_key(self) -> str:
        """The glossary's digest too: changed terms are new drafts, not cached ones."""
        plan = self.glossary_plan(self.target)
        return super().options_key() + (f";glossary={plan.digest[:16]}" if plan else "")

    def glossary_plan(self, target: str) -> GlossaryPlan | None:
        """The glossary drafts into ``target`` use; None without terms for it. Worked out
        once per language: the cache key, the glossary lookup and every batch's answer ask."""
        if target not in self._plans:
            terms = self.terminology
            pairs = terms.pairs(target) if terms is not None else []
            self._plans[target] = plan_glossary(pairs, deepl_target(target))
        return self._plans[target]

    def dry_run_note(self, source: str, target: str) -> str | None:
        """What a dry run says of the glossary it would use (nothing is asked of DeepL)."""
        plan = self.glossary_plan(target)
        if plan is None:
            return None
        return f"{self.name} would use glossary {plan.describe(_deepl_source(source))}"

    def _glossary_id(self, client: Any, source: str, target: str) -> str | None:
        """Found or made once per language, whichever thread asks first."""
        with self._glossary_lock:
            if (source, target) not in self._glossaries:
                plan = self.glossary_plan(target)
                found = None
                if plan is not None:

                    def report(line: str) -> None:
                        self.report(scrub(line, self.secrets))

                    code = _deepl_source(source)
                    found = find_or_create(client, plan, code, self._guarded, report)
                self._glossaries[(source, target)] = found
            return self._glossaries[(source, target)]

    def _build(self, source: str, target: str) -> Any:
        return deepl.Translator(self.keys["auth_key"], server_url=self.url or None)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Draft | None]:
        client = self._client(source, target)
        glossary = self._glossary_id(client, source, target)
        results = self._guarded(
            lambda: client.translate_text(
                list(texts),
                source_lang=_deepl_source(source),
                target_lang=deepl_target(target),
                tag_handling="xml",
                ignore_tags=["x"],
                glossary=glossary,
            )
        )
        if not isinstance(results, list) or len(results) != len(texts):
            raise EngineFailure("unreadable answer (wrong number of texts)", retryable=True)
        keep = glossary is not None or self.glossary_plan(target) is None
        return [Draft(result.text, keep=keep) for result in results]


def make_online_engine(name: str, settings: EngineSettings, target: str) -> OnlineEngine:
    """Build online engine ``name`` for drafting into ``target`` (keys read from the
    environment now)."""
    spec = ONLINE_ENGINES[name]
    if name == "deepl":
        return DeeplEngine(name, spec, settings, target)
    return DeepTranslatorEngine(name, spec, settings)
