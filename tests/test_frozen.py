"""quick_init: frozen dataclasses made faster stay what the dataclass made them."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from passerelle.frozen import quick_init
from passerelle.steps.extract import Segment
from passerelle.units import Block, Piece, Token, Unit


@quick_init
@dataclass(frozen=True)
class Pair:
    name: str
    count: int = 1
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlainPair:
    name: str
    count: int = 1
    tags: tuple[str, ...] = ()


def test_quick_init_replaces_the_generated_init() -> None:
    assert "instance_dict" in Pair.__init__.__code__.co_varnames
    assert "instance_dict" not in PlainPair.__init__.__code__.co_varnames
    assert Pair.__init__.__qualname__ == "Pair.__init__"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [(("a",), {}), (("a", 3), {}), (("a",), {"tags": ("x",)}), ((), {"name": "b", "count": 0})],
)
def test_quick_init_stores_what_the_dataclass_stores(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    quick, plain = Pair(*args, **kwargs), PlainPair(*args, **kwargs)  # type: ignore[arg-type]
    assert dataclasses.asdict(quick) == dataclasses.asdict(plain)
    assert repr(quick) == repr(plain).replace("PlainPair", "Pair")
    assert quick == Pair(*args, **kwargs)  # type: ignore[arg-type]
    assert hash(quick) == hash(Pair(*args, **kwargs))  # type: ignore[arg-type]
    assert pickle.loads(pickle.dumps(quick)) == quick
    assert dataclasses.replace(quick, count=7).count == 7


def test_quick_init_keeps_instances_frozen_and_checks_arguments() -> None:
    pair = Pair("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.name = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Pair("a", 1, (), "extra")  # type: ignore[call-arg]


def test_classes_it_cannot_serve_keep_their_own_init() -> None:
    @dataclass(frozen=True)
    class Factory:
        items: list[int] = field(default_factory=list)

    @dataclass(frozen=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclass(frozen=True, slots=True)
    class Slotted:
        value: int

    @dataclass(frozen=True, kw_only=True)
    class Keywords:
        value: int

    for cls in (Factory, Checked, Slotted, Keywords):
        before = cls.__init__
        assert quick_init(cls).__init__ is before
    with pytest.raises(ValueError):
        Checked(-1)


def test_units_and_segments_are_built_by_quick_init() -> None:
    for cls in (Block, Unit, Piece, Token, Segment):
        assert "instance_dict" in cls.__init__.__code__.co_varnames
    block = Block("Texte.", 3, "p", notes=("n",))
    assert (block.text, block.line, block.comment, block.context, block.segment) == (
        "Texte.",
        3,
        "p",
        None,
        True,
    )
    assert (block.notes, block.codes, block.locales) == (("n",), (), "")
