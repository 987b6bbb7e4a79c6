"""Project settings from ``[tool.passerelle]`` in pyproject.toml, or a standalone passerelle.toml.

Settings are validated once, here: an unknown key or a locale babel does not know is an error
naming the file and the key, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle.check_settings import CheckSettings, parse_checks
from passerelle.confine import confined
from passerelle.engine_settings import EngineTable, parse_engines
from passerelle.errors import ConfigError
from passerelle.hints import hint_for, setting_error
from passerelle.languages import project_languages as project_languages
from passerelle.languages import validate_locale as validate_locale

SEGMENT_MODES = ("sentence", "paragraph")
OBSOLETE_POLICIES = ("keep", "drop")


@dataclass(frozen=True)
class Thresholds:
    """Per-language limits the ``check`` command enforces (shares in percent)."""

    max_fuzzy: float = 100.0
    max_untranslated: float = 100.0


@dataclass(frozen=True)
class Config:
    """A project's settings, with folders resolved against the project root."""

    root: Path
    source_lang: str = "fr"
    languages: tuple[str, ...] = ()
    source_dir: Path = Path("source")
    locales_dir: Path = Path("locales")
    build_dir: Path = Path("build")
    dist_dir: Path = Path("dist")
    cache_dir: Path = Path(".cache/passerelle")
    segment: str = "sentence"
    srx: Path | None = None
    its_rules: tuple[Path, ...] = ()
    release_threshold: float = 80.0
    draft_engine: str = "tm"
    draft_languages: tuple[str, ...] = ()
    obsolete: str = "keep"
    compendia: tuple[Path, ...] = ()
    #: Glossaries (TBX, or CSV as Weblate and DeepL write them; ``{lang}`` names a language's).
    terminology: tuple[Path, ...] = ()
    thresholds: dict[str, Thresholds] = field(default_factory=dict)
    allowed_hosts: tuple[str, ...] = ()
    checks: CheckSettings = CheckSettings()  # [tool.passerelle.checks]: disabled, severities
    config_file: Path | None = None
    #: ``follow-links = true``: take links below the project root that resolve inside it. Off by
    #: default, and a link that leads outside the root is refused either way (see confine.py).
    follow_links: bool = False
    #: Where the release is published (``https://example.org/news/``): alternates become absolute.
    base_url: str = ""
    #: ``Language-Team`` per language (``*`` for the others); ``{language}`` is its English name.
    language_teams: dict[str, str] = field(default_factory=dict)
    #: ``Project-Id-Version`` of every template and catalog: the project's name and version
    #: (pyproject's ``[project]``); "" means the name of the project's folder.
    project_id: str = ""
    #: ``[tool.passerelle.engines.<name>]``: model, server and style of engines that need them.
    engines: tuple[tuple[str, EngineTable], ...] = ()

    def engine_table(self, name: str) -> EngineTable:
        """The settings of engine ``name`` (defaults when the project sets none)."""
        return dict(self.engines).get(name) or EngineTable()

    def thresholds_for(self, lang: str) -> Thresholds:
        """Limits for ``lang``: its own entry, else the ``*`` entry, else none."""
        return self.thresholds.get(lang) or self.thresholds.get("*") or Thresholds()


def _default(attr: str) -> Any:
    """A setting's default: the dataclass's, so that no other place can say otherwise."""
    return Config.__dataclass_fields__[attr].default


_LIMIT_KEYS = {"max-fuzzy": "max_fuzzy", "max-untranslated": "max_untranslated"}
_PATH_KEYS = {
    "source-dir": "source_dir",
    "locales-dir": "locales_dir",
    "build-dir": "build_dir",
    "dist-dir": "dist_dir",
    "cache-dir": "cache_dir",
}
_KNOWN = set(_PATH_KEYS) | {
    "allowed-hosts",
    "checks",
    "source-lang",
    "languages",
    "segment",
    "srx",
    "its-rules",
    "release-threshold",
    "draft-engine",
    "draft-languages",
    "obsolete",
    "compendia",
    "terminology",
    "thresholds",
    "follow-links",
    "base-url",
    "language-teams",
    "project-id",
    "engines",
}


def find_config(start: Path) -> Path | None:
    """The nearest passerelle.toml, or pyproject.toml with a [tool.passerelle] table."""
    for folder in (start, *start.parents):
        standalone = folder / "passerelle.toml"
        if standalone.is_file():
            return standalone
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "passerelle" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {exc}", path=path, line=line) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=path) from None


def load_config(start: Path | None = None, path: Path | None = None) -> Config:
    """Load the project settings found from ``start`` upward (or exactly ``path``)."""
    start = (start or Path.cwd()).resolve()
    path = path or find_config(start)
    if path is None:
        raise ConfigError(
            "no project configuration found",
            path=start,
            hint="add a [tool.passerelle] table to pyproject.toml or a passerelle.toml",
        )
    data = _read_toml(path)
    table = data if path.name == "passerelle.toml" else data.get("tool", {}).get("passerelle")
    if not isinstance(table, dict):
        raise ConfigError("no [tool.passerelle] table", path=path)
    if path.name != "passerelle.toml" and "project-id" not in table:
        table = {**table, "project-id": _project_id(data.get("project"), path)}
    return parse_config(table, root=path.parent, config_file=path)


def _project_id(project: Any, path: Path) -> str:
    """``name version`` from pyproject's ``[project]`` (the folder's name when there is none),
    so catalogs say which project they belong to instead of GNU's "PACKAGE VERSION"."""
    if not isinstance(project, dict) or not isinstance(project.get("name"), str):
        return path.parent.name
    version = project.get("version")
    return f"{project['name']} {version}" if isinstance(version, str) else project["name"]


def _str_list(table: dict[str, Any], key: str, path: Path | None) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise setting_error(f"{key} must be a list of strings", path, key)
    return tuple(value)


def parse_config(table: dict[str, Any], *, root: Path, config_file: Path | None = None) -> Config:
    """Validate a settings table (already read from TOML) into a :class:`Config`."""
    where = config_file
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        hint = hint_for(unknown[0], _KNOWN, "known settings: " + ", ".join(sorted(_KNOWN)))
        raise setting_error(f"unknown setting {unknown[0]!r}", where, unknown[0], hint=hint)
    kwargs: dict[str, Any] = {"root": root, "config_file": config_file}
    source_lang = table.get("source-lang", _default("source_lang"))
    kwargs["source_lang"] = validate_locale(str(source_lang), where=where, key="source-lang")
    kwargs["languages"] = tuple(
        validate_locale(code, where=where) for code in _str_list(table, "languages", where)
    )
    kwargs["draft_languages"] = tuple(
        validate_locale(code, where=where, key="draft-languages")
        for code in _str_list(table, "draft-languages", where)
    )
    follow = table.get("follow-links", _default("follow_links"))
    if not isinstance(follow, bool):
        raise setting_error("follow-links must be true or false", where, "follow-links")
    kwargs["follow_links"] = follow
    for key, attr in _PATH_KEYS.items():
        kwargs[attr] = _project_path(root, str(table.get(key, _default(attr))))
    kwargs["segment"] = _choice(table, "segment", SEGMENT_MODES, where)
    named = _project_path_setting(root, follow)
    if "srx" in table:
        kwargs["srx"] = named(str(table["srx"]))
    kwargs["its_rules"] = tuple(named(p) for p in _str_list(table, "its-rules", where))
    kwargs["compendia"] = tuple(named(p) for p in _str_list(table, "compendia", where))
    kwargs["terminology"] = tuple(named(p) for p in _str_list(table, "terminology", where))
    threshold = table.get("release-threshold", _default("release_threshold"))
    if not isinstance(threshold, int | float) or not 0 <= threshold <= 100:
        raise setting_error(
            "release-threshold must be a number from 0 to 100", where, "release-threshold"
        )
    kwargs["release_threshold"] = float(threshold)
    kwargs["draft_engine"] = str(table.get("draft-engine", _default("draft_engine")))
    kwargs["obsolete"] = _choice(table, "obsolete", OBSOLETE_POLICIES, where)
    kwargs["thresholds"] = _parse_thresholds(table.get("thresholds", {}), where)
    kwargs["allowed_hosts"] = _parse_hosts(_str_list(table, "allowed-hosts", where), where)
    kwargs["checks"] = parse_checks(table.get("checks", {}), where)
    kwargs["base_url"] = _parse_base_url(table.get("base-url", ""), where)
    kwargs["language_teams"] = _parse_teams(table.get("language-teams", {}), where)
    kwargs["project_id"] = str(table.get("project-id", _default("project_id")))
    kwargs["engines"] = parse_engines(table.get("engines", {}), where)
    return Config(**kwargs)


def _choice(table: dict[str, Any], key: str, choices: tuple[str, ...], where: Path | None) -> str:
    """Setting ``key``, one of ``choices`` (the dataclass's default when absent)."""
    value = table.get(key, _default(key))
    if value not in choices:
        listed = f"{key} is one of {', '.join(choices)}"
        hint = hint_for(str(value), choices, listed) if isinstance(value, str) else listed
        raise setting_error(f"{key}: {value!r} is not allowed", where, str(value), key, hint=hint)
    return str(value)


_BASE_URL_RE = re.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?")


def _parse_base_url(value: Any, where: Path | None) -> str:
    """An absolute http(s) URL ending in ``/`` (one is added), or "" for relative alternates."""
    if value == "":
        return ""
    if not isinstance(value, str) or not _BASE_URL_RE.fullmatch(value):
        raise setting_error(
            f"base-url: {value!r} is not an absolute http(s) URL",
            where,
            "base-url",
            hint='write it as "https://example.org/news/"',
        )
    return value if value.endswith("/") else value + "/"


def _parse_teams(value: Any, where: Path | None) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise setting_error(
            'language-teams must be a table of language = "team"', where, "language-teams"
        )
    teams = {}
    for lang, team in value.items():
        if not team.strip() or "\n" in team or "LL@li.org" in team:
            raise setting_error(
                f"language-teams.{lang}: {team!r} is not a team",
                where,
                team,
                table="language-teams",
                hint='write a name and an address, e.g. "French <fr@example.org>"',
            )
        code = lang if lang == "*" else validate_locale(lang, where=where, key="language-teams")
        teams[code] = team
    return teams


def _project_path(root: Path, value: str) -> Path:
    """``root/value`` with ``..`` worked out by name, so that where the system goes is where the
    name says (``a/../b`` through a link ``a`` would go elsewhere)."""
    return Path(os.path.normpath(root / value))


def _project_path_setting(root: Path, follow: bool) -> Callable[[str], Path]:
    """A reader of file settings (srx, its-rules, compendia): a file inside the project is not
    reached through a link that leads out."""

    def named(value: str) -> Path:
        return confined(root, _project_path(root, value), follow)

    return named


_HOST_RE = re.compile(r"(?:\*\.)?[^\s/\\:@?#*\[\]]+")


def _parse_hosts(hosts: tuple[str, ...], where: Path | None) -> tuple[str, ...]:
    """Hosts a translated link may lead to besides its source's: names, or ``*.domain``."""
    parsed = []
    for host in hosts:
        name = host.strip().lower().rstrip(".")
        if not _HOST_RE.fullmatch(name):
            raise setting_error(
                f"allowed-hosts: {host!r} is not a host name",
                where,
                host,
                hint='write a bare name such as "example.org" or "*.example.org" (no scheme)',
            )
        parsed.append(name)
    return tuple(parsed)


def _parse_thresholds(value: Any, where: Path | None) -> dict[str, Thresholds]:
    if not isinstance(value, dict):
        raise setting_error("thresholds must be a table of languages", where, "thresholds")
    result: dict[str, Thresholds] = {}
    for lang, limits in value.items():
        code = lang if lang == "*" else validate_locale(lang, where=where, key="thresholds")
        numbers = isinstance(limits, dict) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in limits.values()
        )
        if not numbers or set(limits) - set(_LIMIT_KEYS):
            bad = sorted(set(limits) - set(_LIMIT_KEYS)) if isinstance(limits, dict) else []
            takes = "takes max-fuzzy and max-untranslated (percent)"
            raise setting_error(
                f"thresholds.{lang} {takes}",
                where,
                *bad[:1],
                lang,
                table="thresholds",
                hint=hint_for(bad[0], _LIMIT_KEYS, takes) if bad else None,
            )
        result[code] = Thresholds(
            **{attr: float(limits[key]) for key, attr in _LIMIT_KEYS.items() if key in limits}
        )
    return result
