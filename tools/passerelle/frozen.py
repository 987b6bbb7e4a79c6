"""Frozen dataclasses that are as quick to make as plain ones.

A frozen dataclass guards its fields by refusing ``setattr``, so the ``__init__`` that
:func:`dataclasses.dataclass` writes for it stores each field through ``object.__setattr__``:
twice the cost of making a plain instance. Extraction makes hundreds of thousands of small
frozen values per documentation tree (blocks, segments, units, placeholder tokens), where that
was a few hundredths of every command. :func:`quick_init` gives such a class an ``__init__``
that stores the fields in the instance's ``__dict__`` at once; the class stays frozen, equal,
hashable and printable exactly as the dataclass made it.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")
#: The generated ``__init__``'s name for the instance's ``__dict__`` (no field may have it).
_STORE = "instance_dict"


def quick_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of frozen dataclass ``cls`` (applied above ``@dataclass``).

    Only plain fields are supported (defaults, no factories, init-only or keyword-only fields,
    no ``__post_init__``, no slots): anything else keeps the dataclass's own ``__init__``.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    simple = (
        "__slots__" not in cls.__dict__
        and len(fields) == len(cls.__dataclass_fields__)  # type: ignore[attr-defined]
        and not {f.name for f in fields} & {"self", _STORE}
        and not hasattr(cls, "__post_init__")
        and all(
            f.init and not f.kw_only and f.default_factory is dataclasses.MISSING for f in fields
        )
    )
    if not simple:
        return cls
    namespace: dict[str, Any] = {}
    params = []
    for field in fields:
        if field.default is dataclasses.MISSING:
            params.append(field.name)
        else:
            namespace[f"_default_{field.name}"] = field.default
            params.append(f"{field.name}=_default_{field.name}")
    stores = "".join(f"    {_STORE}[{f.name!r}] = {f.name}\n" for f in fields)
    source = f"def __init__(self, {', '.join(params)}):\n    {_STORE} = self.__dict__\n{stores}"
    exec(source, namespace)  # from the class's own field names, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
