"""What HTML and XML share under ITS: local markup over global rules, and what a block carries.

A vocabulary answers per category with the element's local markup, else the rules' value
(:class:`passerelle.formats.its.ItsData`); categories that inherit (allowed characters, locale
filter) are looked up the ancestors. A block then carries, as extracted comments, its storage
size, allowed characters, the terms marked in it and the locales it is for; its ITS ID Value
becomes its context (msgctxt), so a unit keeps its identity however the page around it moves.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from passerelle.annotations import locale_note, locale_ranges, term_note
from passerelle.formats.inline import Vocabulary
from passerelle.formats.its import ItsData
from passerelle.formats.markup import Attr, Element, MarkupTree, Node, collapse

_TAG_RE = re.compile(r"<[^>]*>")
#: Categories a block's extra comments come from.
EXTRA = ("storage", "allowed", "term", "locale")


class ItsVocabulary(Vocabulary):
    """A vocabulary with ITS data: subclasses say how local markup is read."""

    def __init__(self, doc: MarkupTree, source_lang: str, rules: ItsData) -> None:
        super().__init__(doc, source_lang)
        self.rules = rules
        self._local: dict[int, dict[str, str]] = {}
        self._local_categories: frozenset[str] | None = None
        #: Answers of :meth:`present`, asked for every block: the rules are complete by then.
        self._present: dict[str, bool] = {}
        self._extras: bool | None = None

    @property
    def local_markup(self) -> bool:
        """Whether the document may hold ITS local markup at all (a cheap test)."""
        return False

    def read_local(self, element: Element) -> dict[str, str]:
        """The element's local markup as category values (uncached)."""
        return {}

    def local_its(self, element: Element) -> dict[str, str]:
        found = self._local.get(element.index)
        if found is None:
            found = self._local[element.index] = (
                self.read_local(element) if self.local_markup else {}
            )
        return found

    def present(self, category: str) -> bool:
        """Whether any element or attribute of the document has a value for ``category``."""
        found = self._present.get(category)
        if found is None:
            found = self._present[category] = self._find_present(category)
        return found

    def _find_present(self, category: str) -> bool:
        if category in self.rules.element or category in self.rules.attribute:
            return True
        if not self.local_markup:
            return False
        if self._local_categories is None:
            found = {c for e in self.doc.elements for c in self.local_its(e)}
            self._local_categories = frozenset(found)
        return category in self._local_categories

    def its(self, category: str, element: Element) -> str | None:
        """Local value, else the rules' value, of one non-inherited category.

        Asked of every element for several categories, most of which no document uses: one
        look at :meth:`present` answers those.
        """
        present = self._present.get(category)
        if not (self.present(category) if present is None else present):
            return None
        if self.local_markup:
            local = self.local_its(element).get(category)
            if local is not None:
                return local
        return self.rules.get(category, element.index)

    def inherited_its(self, category: str, element: Element | None) -> str | None:
        node = element
        while node is not None:
            found = self.its(category, node)
            if found is not None:
                return found
            node = node.parent
        return None

    @property
    def has_notes(self) -> bool:
        return self.present("note")

    def notes(self, element: Element) -> tuple[str, ...]:
        note = self.its("note", element)
        return (note,) if note else ()

    def extras_wanted(self) -> bool:
        if self._extras is None:
            self._extras = any(self.present(category) for category in EXTRA)
        return self._extras

    def block_notes(
        self, container: Element | None, items: Sequence[Node], text: str
    ) -> tuple[str, ...]:
        if container is None or not self.extras_wanted():
            return ()
        found: list[str] = []
        storage = self.its("storage", container) if self.present("storage") else None
        if storage:
            found.append(storage)
        allowed = self.inherited_its("allowed", container) if self.present("allowed") else None
        if allowed:
            found.append(allowed)
        terms = self.present("term")
        if terms and self.its("term", container) == "yes":
            found.append(term_note(text, self.its("terminfo", container) or ""))
        for element in _inner_elements(items) if terms else ():
            if self.its("term", element) == "yes":
                found.append(
                    term_note(self.element_text(element), self.its("terminfo", element) or "")
                )
        locale = self.locales(container)
        if locale:
            kind, _, ranges = locale.partition("|")
            found.append(locale_note(locale_ranges(ranges), kind != "exclude"))
        return tuple(dict.fromkeys(found))

    def locales(self, element: Element | None) -> str:
        """The locale filter over ``element`` (``include|de, fr``), or "" for every locale."""
        if element is None or not self.present("locale"):
            return ""
        return self.inherited_its("locale", element) or ""

    def attribute_notes(self, element: Element, attr: Attr) -> tuple[str, ...]:
        if not self.rules.attribute:
            return ()
        found = [
            value
            for category in ("note", "storage", "allowed")
            if (value := self.rules.get_attr(category, element.index, attr.name))
        ]
        if self.rules.get_attr("term", element.index, attr.name) == "yes":
            info = self.rules.get_attr("terminfo", element.index, attr.name) or ""
            found.append(term_note(collapse(html.unescape(attr.raw)).strip(), info))
        return tuple(found)

    def context(self, element: Element | None) -> str | None:
        if element is None or "id" not in self.rules.element:
            return None
        return self.rules.get("id", element.index)

    def element_text(self, element: Element) -> str:
        """An element's text, tags left out and whitespace collapsed."""
        raw = self.source[element.tag_end : element.close_start]
        return collapse(html.unescape(_TAG_RE.sub("", raw))).strip()


def _inner_elements(items: Sequence[Node]) -> list[Element]:
    found: list[Element] = []
    for node in items:
        if isinstance(node, Element):
            found.extend(node.iter())
    return found
