"""Frozen records behave like frozen dataclasses, without importing ``dataclasses``."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest

from coach.frozen import FrozenInstanceError, Record, as_dict, fields
from coach.routine.catalog import Catalog, CatalogEntry
from coach.routine.durations import StepTime
from coach.routine.loader import Problem
from coach.routine.model import Group, Routine, Step
from coach.routine.timeline import Timeline, TimelineStep, TotalTime


class Point(Record):
    x: int
    y: int
    label: str = ""
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class DataPoint:
    x: int
    y: int
    label: str = ""
    tags: tuple[str, ...] = ()


class Segment(Record):
    start: Point
    end: Point
    notes: list[str] | None = None


@dataclasses.dataclass(frozen=True)
class DataSegment:
    start: DataPoint
    end: DataPoint
    notes: list[str] | None = None


# -- construction ------------------------------------------------------------------------


def test_positional_and_keyword_construction_in_field_order() -> None:
    assert Point(1, 2) == Point(x=1, y=2) == Point(1, y=2)
    point = Point(1, 2, "a", ("t",))
    assert (point.x, point.y, point.label, point.tags) == (1, 2, "a", ("t",))


def test_defaults_fill_missing_fields() -> None:
    point = Point(1, 2)
    assert point.label == ""
    assert point.tags == ()
    assert Point(1, 2, tags=("t",)).label == ""


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((1,), {}, "missing required argument: 'y'"),
        ((), {"y": 2}, "missing required argument: 'x'"),
        ((1, 2, "a", (), "extra"), {}, "takes 4 positional arguments but 5 were given"),
        ((1, 2), {"colour": "red"}, "unexpected keyword argument 'colour'"),
        ((1, 2), {"x": 3}, "multiple values for argument 'x'"),
    ],
)
def test_wrong_arguments_raise_type_error(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        DataPoint(*args, **kwargs)  # type: ignore[arg-type]


def test_a_field_without_a_default_may_not_follow_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="'b' without a default follows 'a'"):

        class Bad(Record):
            a: int = 1
            b: int  # type: ignore[misc]


def test_mutable_defaults_are_refused() -> None:
    with pytest.raises(ValueError, match="mutable default list"):

        class Bad(Record):
            items: list[int] = []


def test_class_vars_are_not_fields() -> None:
    class Counted(Record):
        unit: ClassVar[str] = "s"
        amount: int

    assert fields(Counted) == ("amount",)
    assert Counted(3).amount == 3
    assert Counted.unit == "s"


def test_subclasses_add_fields_after_their_parents() -> None:
    class Labelled(Point):
        colour: str = "red"

    point = Labelled(1, 2, "a", (), "blue")
    assert fields(point) == ("x", "y", "label", "tags", "colour")
    assert point.colour == "blue"
    assert Labelled(1, 2).colour == "red"
    assert isinstance(point, Point)


# -- value behaviour ---------------------------------------------------------------------


def test_equality_compares_fields_of_the_same_class_only() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(1, 3)
    assert Point(1, 2) != DataPoint(1, 2)
    assert Point(1, 2) != (1, 2, "", ())
    assert Point(1, 2).__eq__(object()) is NotImplemented


def test_hash_follows_equality_and_matches_dataclasses() -> None:
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert hash(Point(1, 2, "a")) == hash(DataPoint(1, 2, "a"))
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    assert {Point(1, 2): "a"}[Point(1, 2)] == "a"


def test_repr_matches_dataclasses() -> None:
    assert repr(Point(1, 2, "a")) == "Point(x=1, y=2, label='a', tags=())"
    assert repr(Point(1, 2, "a")) == repr(DataPoint(1, 2, "a")).replace("DataPoint", "Point")
    assert repr(StepTime(30, None)) == "StepTime(minimum=30, maximum=None)"


def test_records_are_frozen() -> None:
    point = Point(1, 2)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.colour = "red"  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'y'"):
        del point.y
    assert point == Point(1, 2)


def test_records_copy() -> None:
    point = Point(1, 2, "a")
    assert copy.copy(point) == point
    assert copy.deepcopy(point) == point


def test_match_args_follow_the_field_order() -> None:
    assert Point.__match_args__ == ("x", "y", "label", "tags")
    match Point(1, 2):
        case Point(x, y):
            assert (x, y) == (1, 2)
        case _:
            pytest.fail("no match")


# -- as_dict -----------------------------------------------------------------------------


def test_as_dict_matches_dataclasses_asdict() -> None:
    record = Segment(Point(1, 2, tags=("a",)), Point(3, 4), ["n"])
    data = DataSegment(DataPoint(1, 2, tags=("a",)), DataPoint(3, 4), ["n"])
    assert as_dict(record) == dataclasses.asdict(data)


def test_as_dict_copies_mutable_values() -> None:
    notes = ["first"]
    converted = as_dict(Segment(Point(1, 2), Point(3, 4), notes))
    converted["notes"].append("second")
    assert notes == ["first"]

    class Holder(Record):
        values: set[int]

    values = {1}
    held = as_dict(Holder(values))["values"]
    assert held == values and held is not values


def test_timeline_step_to_dict_is_unchanged() -> None:
    step = TimelineStep(index=0, name="Calf stretch", kind="stretch", time=StepTime(30, 30),
                        side="left", entry=1)
    assert step.to_dict() == {
        "index": 0, "name": "Calf stretch", "kind": "stretch", "time": "30s", "cue": "",
        "side": "left", "switch": False, "round": None, "rounds": None, "group": None,
        "entry": 1, "sound": None, "countdown": 3,
    }
    assert TimelineStep.from_dict(step.to_dict()) == step


# -- the routine core --------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [StepTime, Step, Group, Routine, TimelineStep, TotalTime, Timeline, Problem, CatalogEntry,
     Catalog],
)
def test_the_routine_core_uses_records(cls: type[Record]) -> None:
    assert issubclass(cls, Record)
    assert not dataclasses.is_dataclass(cls)


def test_core_field_orders_are_unchanged() -> None:
    assert fields(StepTime) == ("minimum", "maximum")
    assert fields(Step) == ("name", "kind", "time", "cue", "sides", "sound", "countdown")
    assert fields(Group) == ("name", "repeat", "steps")
    assert fields(Routine) == ("id", "name", "kind", "summary", "steps", "countdown", "switch",
                               "source", "builtin")
    assert fields(TimelineStep) == ("index", "name", "kind", "time", "cue", "side", "switch",
                                    "round", "rounds", "group", "entry", "sound", "countdown")
    assert fields(TotalTime) == ("minimum", "maximum", "open_steps")
    assert fields(Timeline) == ("routine_id", "routine_name", "routine_kind", "steps")
    assert fields(Problem) == ("path", "message", "step", "field", "example", "line",
                               "column")
    assert fields(CatalogEntry) == ("id", "path", "builtin", "routine", "error",
                                    "overrides_builtin")
    assert fields(Catalog) == ("entries",)


def test_validating_a_routine_never_imports_dataclasses(tmp_path: Path) -> None:
    path = tmp_path / "walk.toml"
    path.write_text('name = "Walk"\n[[steps]]\nname = "Walk"\ntime = "1m"\n', encoding="utf-8")
    code = textwrap.dedent(f"""
        import contextlib, io, sys
        from coach.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(['routines', 'validate', {str(path)!r}]) == 0
        assert 'dataclasses' not in sys.modules, 'dataclasses was imported'
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
