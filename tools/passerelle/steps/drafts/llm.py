"""Language-model engines: ``openai`` (any OpenAI-compatible server) and ``anthropic``.

Both go through their official clients, with the clients' own retries off (the request policy
retries, honouring ``Retry-After``) and a timeout per request. The answer is asked for as JSON
through each server's structured-output option - OpenAI's ``response_format`` with a JSON
schema, Anthropic's forced tool use - and read strictly (:mod:`.prompt`); a malformed answer is
asked again once, then reported as the batch's failure.

Keys come from the environment only (``PASSERELLE_OPENAI_KEY`` or ``OPENAI_API_KEY``,
``PASSERELLE_ANTHROPIC_KEY`` or ``ANTHROPIC_API_KEY``). They are scrubbed from every message this
module produces and from the clients' log records, never reach a cache key, and an answer
holding one is never a draft. An OpenAI-compatible server given by ``--engine-url`` may need no
key (a local server); a dry run needs none, since it sends nothing.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from passerelle.errors import EngineError
from passerelle.steps.drafts.base import EngineFailure, EngineSettings, UnitRequest
from passerelle.steps.drafts.context import PROMPT_VERSION
from passerelle.steps.drafts.policy import parse_retry_after
from passerelle.steps.drafts.prompt import ANSWER_SCHEMA, read_answer, system_prompt, user_message
from passerelle.steps.drafts.redact import redacted_logs, scrub

MODEL_ENGINES = {
    "openai": ("PASSERELLE_OPENAI_KEY", "OPENAI_API_KEY"),
    "anthropic": ("PASSERELLE_ANTHROPIC_KEY", "ANTHROPIC_API_KEY"),
}
_LOGGERS = ("openai", "anthropic", "httpx", "httpx2", "httpcore")
_TOOL = "submit_translations"
#: Sent as the key to an OpenAI-compatible server that asks for none (the client insists).
NO_KEY = "no-key"


def _retry_after(headers: Any) -> float | None:
    """Seconds the server asks to wait: ``retry-after-ms`` (OpenAI's) or ``Retry-After``."""
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    with contextlib.suppress(TypeError, ValueError):
        if millis is not None:
            return float(millis) / 1000
    return parse_retry_after(headers.get("retry-after"))


def classify_client_error(exc: Exception, timeout: float) -> EngineFailure:
    """What an official client raised, as a retryable, fatal or plain failure.

    Both clients share the exception names (``APIStatusError``, ``APITimeoutError``...), so
    they are matched by name: this module imports neither client at import time."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    status = getattr(exc, "status_code", None)
    response = getattr(exc, "response", None)
    if "APITimeoutError" in names:
        return EngineFailure(f"no answer within {timeout:g} s", retryable=True)
    if "APIConnectionError" in names:
        return EngineFailure("cannot connect to the server", retryable=True)
    if not isinstance(status, int):
        return EngineFailure(f"request failed: {type(exc).__name__}: {exc}")
    retry_after = _retry_after(getattr(response, "headers", None))
    if status in (401, 403):
        return EngineFailure(f"the server rejected the key (HTTP {status})", fatal=True)
    if status == 429:
        return EngineFailure("HTTP 429 too many requests", retryable=True, retry_after=retry_after)
    if status >= 500:
        return EngineFailure(f"HTTP {status} server error", retryable=True, retry_after=retry_after)
    return EngineFailure(f"HTTP {status} request refused: {exc}")


def read_key(name: str, settings: EngineSettings) -> str | None:
    """The engine's key from the environment; None where none is needed."""
    variables = MODEL_ENGINES[name]
    key = next((os.environ[v] for v in variables if os.environ.get(v)), None)
    if key or not settings.need_key:
        return key
    if name == "openai" and (settings.url or settings.table.url):
        return None  # a local OpenAI-compatible server
    raise EngineError(
        f"engine {name!r} needs a key", hint=f"set the environment variable {variables[0]}"
    )


class ModelEngine:
    """The plumbing both engines share: settings, key hygiene, the malformed-answer retry."""

    wire = "token"
    online = True
    context = True
    batch_size = 40
    batch_chars = 1_000_000
    max_chars = 20_000

    def __init__(self, name: str, target: str, settings: EngineSettings) -> None:
        table = settings.table
        self.name = name
        self.model = settings.model or table.model
        if not self.model:
            raise EngineError(
                f"engine {name!r} needs a model",
                hint=f"pass --model, or set model in [tool.passerelle.engines.{name}]",
            )
        self.url = settings.url or table.url or None
        self.timeout = settings.timeout
        self.context_tokens = table.context_tokens
        self.max_output_tokens = table.max_output_tokens
        self.temperature = table.temperature
        self.style = table.style_for(target)
        self.key = read_key(name, settings)
        self.secrets: tuple[str, ...] = (self.key,) if self.key else ()
        self._client: Any = None

    def options_key(self) -> str:
        return (
            f"model={self.model};url={self.url or ''};prompt={PROMPT_VERSION};"
            f"temperature={self.temperature:g}"
        )

    def draft(self, request: UnitRequest) -> dict[str, str]:
        """Drafts for every unit of ``request``; a malformed answer is asked again once."""
        problem = ""
        for _ in range(2):
            answer = self._guarded(lambda: self._ask(request))
            found, problem_or_none = read_answer(answer, request.ids)
            if problem_or_none is None:
                return found
            problem = problem_or_none
        raise EngineFailure(f"malformed answer, asked twice: {problem}")

    def _ask(self, request: UnitRequest) -> Any:
        raise NotImplementedError

    def _guarded(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except EngineFailure as failure:
            failure.message = scrub(failure.message, self.secrets)
            raise
        except Exception as exc:
            classified = classify_client_error(exc, self.timeout)
            classified.message = scrub(classified.message, self.secrets)
            raise classified from None

    def _client_from(self, make: Callable[..., Any]) -> Any:
        """The official client, made once: our own policy retries, so the client does not."""
        if self._client is None:
            self._client = make(
                api_key=self.key or NO_KEY, base_url=self.url, timeout=self.timeout, max_retries=0
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def log_guard(secrets: tuple[str, ...]) -> contextlib.AbstractContextManager[None]:
    """While open, the clients' log records (and their HTTP libraries') carry no key."""
    return redacted_logs(_LOGGERS, secrets)


class OpenAIEngine(ModelEngine):
    """Chat completions with a strict JSON schema as ``response_format``."""

    def _chat(self) -> Any:
        import openai

        return self._client_from(openai.OpenAI)

    def _ask(self, request: UnitRequest) -> Any:
        response = self._chat().chat.completions.create(
            model=self.model,
            messages=[
                {"role": "system", "content": system_prompt(request.source, request.target)},
                {"role": "user", "content": user_message(request.payload)},
            ],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "translations", "strict": True, "schema": ANSWER_SCHEMA},
            },
            temperature=self.temperature,
            max_tokens=request.max_output_tokens,
        )
        message = response.choices[0].message if response.choices else None
        if message is None:
            return None
        if getattr(message, "refusal", None):
            raise EngineFailure(f"the model refused: {message.refusal}")
        return message.content or ""


class AnthropicEngine(ModelEngine):
    """Messages with one forced tool whose input is the answer's schema."""

    def _messages(self) -> Any:
        import anthropic

        return self._client_from(anthropic.Anthropic)

    def _ask(self, request: UnitRequest) -> Any:
        response = self._messages().messages.create(
            model=self.model,
            max_tokens=request.max_output_tokens,
            system=system_prompt(request.source, request.target),
            messages=[{"role": "user", "content": user_message(request.payload)}],
            tools=[
                {
                    "name": _TOOL,
                    "description": "Hand in the translation of every unit.",
                    "input_schema": ANSWER_SCHEMA,
                }
            ],
            tool_choice={"type": "tool", "name": _TOOL},
        )
        for block in response.content:
            if getattr(block, "type", None) == "tool_use" and block.name == _TOOL:
                return block.input
        texts = [block.text for block in response.content if getattr(block, "type", None) == "text"]
        return "".join(texts)  # a server without tool use may answer the JSON as text


def make_model_engine(name: str, target: str, settings: EngineSettings) -> ModelEngine:
    """Build language-model engine ``name`` for ``target``."""
    if name == "anthropic":
        return AnthropicEngine(name, target, settings)
    return OpenAIEngine(name, target, settings)
