"""What a language model is told, and how its answer is read.

The instructions are fixed text (their version is :data:`.context.PROMPT_VERSION`, part of every
cache key); the units travel as JSON in the last user message, and the answer is asked for as
JSON ``{"translations": [{"id", "text"}]}``, through the server's structured-output option
where it has one. An answer is read strictly: valid JSON of that shape, every id sent given
back exactly once, nothing else. Anything else is a malformed answer, asked again once.
"""

from __future__ import annotations

import json
from typing import Any

#: The answer's JSON schema (OpenAI's ``response_format``, Anthropic's tool input).
ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "translations": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
                "required": ["id", "text"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["translations"],
    "additionalProperties": False,
}


def _language_name(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return f"{Locale.parse(code.replace('-', '_')).english_name} ({code})"
    except (UnknownLocaleError, ValueError, TypeError):
        return code


def system_prompt(source: str, target: str) -> str:
    """The instructions: what to translate, what to keep, how to answer."""
    return (
        f"You translate units of one document from {_language_name(source)} into "
        f"{_language_name(target)}. The last user message is JSON: `units` to translate (in "
        "document order), `context` "
        "(the source text just before and after them, translations a reviewer already approved "
        "in this document: keep their terms, and a style note), `glossary` (required renderings "
        "of terms) and `notes` (what a unit is; for a plural form, which counts it is used for). "
        "Keep every token of the form [X1X] exactly once, unchanged; keep numbers, names and "
        "line breaks. Translate every unit; never merge or split units. Answer with JSON only: "
        '{"translations": [{"id": "<unit id>", "text": "<translation>"}]}, one item per unit.'
    )


def user_message(payload: dict[str, Any]) -> str:
    """The units and their context, as the last user message carries them."""
    return json.dumps(payload, ensure_ascii=False)


def read_answer(answer: Any, ids: tuple[str, ...]) -> tuple[dict[str, str], str | None]:
    """``(id -> text, None)`` from an answer (JSON text or an already decoded object), or
    ``({}, why)`` when it is not exactly the translations of ``ids``."""
    if isinstance(answer, str):
        text = answer.strip()
        if text.startswith("```"):  # a fenced block, as chat models like to write
            text = text.strip("`").removeprefix("json").strip()
        try:
            answer = json.loads(text)
        except ValueError:
            return {}, "the answer is not JSON"
    items = answer.get("translations") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        return {}, "the answer has no translations list"
    found: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            return {}, "a translation is not an object"
        key, value = item.get("id"), item.get("text")
        if not isinstance(key, str) or not isinstance(value, str):
            return {}, "a translation lacks its id or text"
        if key in found:
            return {}, f"unit {key} is translated twice"
        found[key] = value
    missing = [key for key in ids if key not in found]
    extra = sorted(set(found) - set(ids))
    if missing:
        return {}, f"unit(s) {', '.join(missing[:5])} missing from the answer"
    if extra:
        return {}, f"unknown unit(s) {', '.join(extra[:5])} in the answer"
    return found, None
