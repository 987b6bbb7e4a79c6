"""The header fields a project owns in its templates and catalogs.

GNU ``msgfmt -c`` warns about the placeholders ``xgettext`` leaves (``PACKAGE VERSION``,
``LANGUAGE <LL@li.org>``), and a reader of a catalog wants to know which project and tool wrote
it. The project's name and version, its language teams (``language-teams`` in the settings) and
the generator are therefore set on every write; what a translator wrote about themselves
(``Last-Translator``) is theirs and never touched.
"""

from __future__ import annotations

from passerelle import __version__
from passerelle.config import Config
from passerelle.po.catalog import Catalog, language_header

#: Team values that only hold a place: replaced when the settings name no team.
_PLACEHOLDER_TEAMS = ("", "LANGUAGE <LL@li.org>")


def generator() -> str:
    return f"Passerelle {__version__}"


def template_fields(config: Config) -> dict[str, str]:
    """What a template's header says about the project."""
    project = config.project_id or config.root.name
    return {"Project-Id-Version": project, "X-Generator": generator()}


def language_team(config: Config, lang: str) -> str | None:
    """The team the settings name for ``lang`` (``{language}`` is its English name), else None."""
    template = config.language_teams.get(lang) or config.language_teams.get("*")
    if template is None:
        return None
    return template.replace("{language}", english_name(lang)).replace("{code}", lang)


def english_name(lang: str) -> str:
    try:
        return language_header(lang).get("Language-Team", lang)
    except (ValueError, TypeError, LookupError):
        return lang


def catalog_fields(config: Config, lang: str, current: dict[str, str]) -> dict[str, str]:
    """The fields a catalog of ``lang`` should carry, given its ``current`` header.

    A team from the settings always wins; without one, a placeholder (anything at ``LL@li.org``,
    the list GNU's templates name) becomes the language's English name, and a real team a
    translator wrote stays.
    """
    fields = template_fields(config)
    team = language_team(config, lang)
    old = current.get("Language-Team", "").strip()
    if team is not None:
        fields["Language-Team"] = team
    elif old in _PLACEHOLDER_TEAMS or "LL@li.org" in old:
        fields["Language-Team"] = english_name(lang)
    return fields


def refresh_header(catalog: Catalog, fields: dict[str, str]) -> bool:
    """Set ``fields`` in the catalog's header (new ones at the end); True if any changed."""
    changed = False
    for key, value in fields.items():
        if catalog.metadata.get(key) != value:
            catalog.metadata[key] = value
            changed = True
    return changed
