"""What a check is and what it reports.

A check is a plain function with a code and a severity; the registry is a list of them. Three
kinds exist because they look at different things: an *entry* check compares one source text
with its translation, a *catalog* check looks at a whole PO file (header, staleness, shares), a
*source* check reads the French text itself so its author hears about a typo.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from passerelle.config import Thresholds
from passerelle.exchange.glossary import Glossary
from passerelle.po.catalog import Catalog, Stats, catalog_stats

ERROR = "error"
WARNING = "warning"
SEVERITIES = (WARNING, ERROR)  # in increasing order


def severity_rank(severity: str) -> int:
    """Order severities so that ``--fail-on`` can compare them."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    """One problem, located well enough for an editor or a CI annotation to jump to it."""

    path: str  # file as given relative to the project root
    line: int  # 1-based line of the entry (0 if not applicable)
    severity: str  # "error" | "warning"
    code: str  # e.g. "placeholder-missing"
    message: str
    lang: str | None = None
    document: str | None = None  # project.Document.name


@dataclass(frozen=True)
class Pair:
    """A source text and its translation, as an entry check sees them."""

    source: str
    translation: str
    lang: str
    source_lang: str = "fr"
    comments: tuple[str, ...] = ()  # the entry's extracted comments: what the unit is (a@href)
    allowed_hosts: tuple[str, ...] = ()  # hosts a translated link may lead to
    flags: tuple[str, ...] = ()  # the entry's flags (``c-format``, ``no-python-format``...)
    plural: bool = False  # a plural form: it may leave out the count it does not show
    glossary: Glossary | None = None  # the project's terminology, when it has one


@dataclass(frozen=True)
class EntryCheck:
    """Compares one source text with its translation; returns one message per problem."""

    code: str
    severity: str
    func: Callable[[Pair], list[str]]
    summary: str


@dataclass(frozen=True)
class CatalogContext:
    """What a catalog check may look at."""

    path: Path
    catalog: Catalog
    lang: str
    template: Catalog | None = None
    thresholds: Thresholds = Thresholds()

    @functools.cached_property
    def stats(self) -> Stats:
        """The catalog's counts, shared by the checks that need them."""
        return catalog_stats(self.catalog)


@dataclass(frozen=True)
class CatalogCheck:
    """Looks at a whole catalog; returns ``(line, message)`` per problem (line 0: the file)."""

    code: str
    severity: str
    func: Callable[[CatalogContext], list[tuple[int, str]]]
    summary: str


@dataclass(frozen=True)
class SourceCheck:
    """Reads one source text (a template msgid) in its language.

    Returns ``(snippet, message)`` per problem; the snippet locates it in the source file.
    """

    code: str
    severity: str
    func: Callable[[str, str], list[tuple[str, str]]]
    summary: str
