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

from babel import Locale, UnknownLocaleError

from passerelle.check_settings import CheckSettings, parse_checks
from passerelle.confine import confined
from passerelle.engine_settings import EngineTable, parse_engines
from passerelle.errors import ConfigError

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
    "thresholds",
    "follow-links",
    "base-url",
    "language-teams",
    "project-id",
    "engines",
}

#: A locale identifier as folders and catalogs name it: language, then ``_`` parts (script,
#: territory), then an optional ``@modifier`` (``en``, ``zh_CN``, ``pt_BR``, ``sr@latin``). It is
#: a folder name under locales/ and build/, so nothing else (no ``/``, ``.``, ``-``) gets through.
_LOCALE_FORM = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*(?:@[A-Za-z0-9]{1,16})?")


def validate_locale(code: str, *, where: Path | None = None, key: str = "languages") -> str:
    """Return ``code`` if it is a locale identifier babel knows (``zh_CN``, ``pt_BR``,
    ``sr@latin``; ``qps`` for pseudo), else fail: a code becomes a folder name, so it must be
    one."""
    if code == "qps":
        return code
    try:
        if not _LOCALE_FORM.fullmatch(code):
            raise ValueError(code)
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        raise ConfigError(
            f"{key}: {code!r} is not a known locale code",
            path=where,
            hint="use codes such as en, zh_CN, pt_BR",
        ) from None
    return code


def project_languages(
    config: Config, given: tuple[str, ...], *, key: str = "--lang", also: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """``given`` if every code is one of the project's languages (its ``languages``, its
    ``draft-languages`` such as ``qps``, and ``also``); else a one-line error listing them.

    A language names folders under locales/ and build/: one the settings do not list would
    start catalogs nobody keeps, and one that is no locale code could name any folder.
    """
    known = tuple(dict.fromkeys((*config.languages, *config.draft_languages, *also)))
    where = f" in {config.config_file.name}" if config.config_file else ""
    for code in given:
        try:
            validate_locale(code, key=key)
        except ConfigError as exc:
            message = exc.message
        else:
            if code in known:
                continue
            message = f"{key}: {code!r} is not a language of this project"
        raise ConfigError(message, hint=f"languages{where}: " + (", ".join(known) or "none"))
    return given


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
        raise ConfigError(f"{key} must be a list of strings", path=path)
    return tuple(value)


def parse_config(table: dict[str, Any], *, root: Path, config_file: Path | None = None) -> Config:
    """Validate a settings table (already read from TOML) into a :class:`Config`."""
    where = config_file
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise ConfigError(
            f"unknown setting {unknown[0]!r}",
            path=where,
            hint="known settings: " + ", ".join(sorted(_KNOWN)),
        )
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
        raise ConfigError("follow-links must be true or false", path=where)
    kwargs["follow_links"] = follow
    for key, attr in _PATH_KEYS.items():
        kwargs[attr] = _project_path(root, str(table.get(key, _default(attr))))
    segment = table.get("segment", _default("segment"))
    if segment not in SEGMENT_MODES:
        raise ConfigError(f"segment must be one of {', '.join(SEGMENT_MODES)}", path=where)
    kwargs["segment"] = segment
    named = _project_path_setting(root, follow)
    if "srx" in table:
        kwargs["srx"] = named(str(table["srx"]))
    kwargs["its_rules"] = tuple(named(p) for p in _str_list(table, "its-rules", where))
    kwargs["compendia"] = tuple(named(p) for p in _str_list(table, "compendia", where))
    threshold = table.get("release-threshold", _default("release_threshold"))
    if not isinstance(threshold, int | float) or not 0 <= threshold <= 100:
        raise ConfigError("release-threshold must be a number from 0 to 100", path=where)
    kwargs["release_threshold"] = float(threshold)
    kwargs["draft_engine"] = str(table.get("draft-engine", _default("draft_engine")))
    obsolete = table.get("obsolete", _default("obsolete"))
    if obsolete not in OBSOLETE_POLICIES:
        raise ConfigError(f"obsolete must be one of {', '.join(OBSOLETE_POLICIES)}", path=where)
    kwargs["obsolete"] = obsolete
    kwargs["thresholds"] = _parse_thresholds(table.get("thresholds", {}), where)
    kwargs["allowed_hosts"] = _parse_hosts(_str_list(table, "allowed-hosts", where), where)
    kwargs["checks"] = parse_checks(table.get("checks", {}), where)
    kwargs["base_url"] = _parse_base_url(table.get("base-url", ""), where)
    kwargs["language_teams"] = _parse_teams(table.get("language-teams", {}), where)
    kwargs["project_id"] = str(table.get("project-id", _default("project_id")))
    kwargs["engines"] = parse_engines(table.get("engines", {}), where)
    return Config(**kwargs)


_BASE_URL_RE = re.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?")


def _parse_base_url(value: Any, where: Path | None) -> str:
    """An absolute http(s) URL ending in ``/`` (one is added), or "" for relative alternates."""
    if value == "":
        return ""
    if not isinstance(value, str) or not _BASE_URL_RE.fullmatch(value):
        raise ConfigError(
            f"base-url: {value!r} is not an absolute http(s) URL",
            path=where,
            hint='write it as "https://example.org/news/"',
        )
    return value if value.endswith("/") else value + "/"


def _parse_teams(value: Any, where: Path | None) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError('language-teams must be a table of language = "team"', path=where)
    for lang, team in value.items():
        if lang != "*":
            validate_locale(lang, where=where, key="language-teams")
        if not team.strip() or "\n" in team or "LL@li.org" in team:
            raise ConfigError(
                f"language-teams.{lang}: {team!r} is not a team",
                path=where,
                hint='write a name and an address, e.g. "French <fr@example.org>"',
            )
    return dict(value)


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
            raise ConfigError(
                f"allowed-hosts: {host!r} is not a host name",
                path=where,
                hint='write a bare name such as "example.org" or "*.example.org" (no scheme)',
            )
        parsed.append(name)
    return tuple(parsed)


def _parse_thresholds(value: Any, where: Path | None) -> dict[str, Thresholds]:
    if not isinstance(value, dict):
        raise ConfigError("thresholds must be a table of languages", path=where)
    result: dict[str, Thresholds] = {}
    for lang, limits in value.items():
        if lang != "*":
            validate_locale(lang, where=where, key="thresholds")
        numbers = isinstance(limits, dict) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in limits.values()
        )
        if not numbers or set(limits) - set(_LIMIT_KEYS):
            raise ConfigError(
                f"thresholds.{lang} takes max-fuzzy and max-untranslated (percent)", path=where
            )
        result[lang] = Thresholds(
            **{attr: float(limits[key]) for key, attr in _LIMIT_KEYS.items() if key in limits}
        )
    return result
