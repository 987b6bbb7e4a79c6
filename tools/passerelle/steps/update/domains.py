"""Which old domain merges with which template domain, as GNU msgmerge 0.21 pairs them.

A PO file may hold several domains (see :mod:`passerelle.po.domains`). Without ``-m`` msgmerge
merges each of REF's domains with DEF's domain of the same name (an empty one when DEF has
none), then keeps DEF's other domains with every entry obsolete, header included. With ``-m``
(``--multi-domain``) REF's default domain is the template of every DEF domain, of the default
one only when it holds something. The result lists the default domain first, as GNU's does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from passerelle.po.catalog import Catalog, header_entry

#: An old domain and the template it is merged with; None: REF does not name it.
Pairing = tuple[Catalog, Catalog | None]


def pair_domains(
    olds: Sequence[Catalog], templates: Sequence[Catalog], multi: bool
) -> list[Pairing]:
    """The merges msgmerge makes, in the order of its result (the default domain first)."""
    if multi:
        template = templates[0]  # REF's default domain
        pairs: list[Pairing] = [
            (old, template) for old in olds if old.domain is not None or _holds(old)
        ]
        if not pairs or pairs[0][0].domain is not None:
            pairs.insert(0, (Catalog(), None))  # the default domain, empty
        return pairs
    by_name = {old.domain: old for old in olds}
    pairs = []
    for template in templates:
        old = by_name.pop(template.domain, None)
        pairs.append((Catalog(domain=template.domain) if old is None else old, template))
    return pairs + [(old, None) for old in by_name.values()]


def _holds(catalog: Catalog) -> bool:
    return bool(len(catalog)) or catalog.original_header is not None or bool(catalog.metadata)


def retire_domain(old: Catalog) -> Catalog:
    """A DEF domain REF does not name, as msgmerge keeps it: every entry obsolete, the header
    among them, in DEF's order, without extracted comments and references."""
    head = header_entry(old)
    retired = Catalog(domain=old.domain, path=old.path)
    for entry in [head, *old] if head is not None else old:
        retired.append(
            dataclasses.replace(
                entry,
                obsolete=True,
                comment=entry.comment if entry.obsolete else "",
                occurrences=list(entry.occurrences) if entry.obsolete else [],
            )
        )
    return retired
