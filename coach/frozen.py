"""Frozen value records: the small immutable classes the routine core passes around.

They behave like ``@dataclass(frozen=True)`` classes: fields are the annotated names in
order, a class attribute is a field's default, construction works by position or keyword,
and equality, hashing, ``repr`` and immutability come for free. They exist because
``coach routines validate`` must start fast, and ``dataclasses`` does not: importing it pulls
in ``inspect``, ``ast`` and ``dis``, and every class it makes compiles fresh methods with
``exec``, which together cost more than reading and checking a routine. A record class costs
no more to create than a plain class. Type checkers see records as dataclasses through
``dataclass_transform``, so constructor calls and assignments are still checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, dataclass_transform

__all__ = ["FrozenInstanceError", "Record", "as_dict", "fields"]

_MISSING: Any = object()
_ATOMIC = (str, int, float, bool, bytes, type(None))
"""Values :func:`as_dict` returns as they are: copying them would give the same value."""


class FrozenInstanceError(AttributeError):
    """Assigning to or deleting a record's attribute: records never change once made."""


@dataclass_transform(frozen_default=True, kw_only_default=False)
class Record:
    """Base of every record class; a subclass lists its fields as annotations.

    A field without a default may not follow one with a default, as in a dataclass.
    Mutable defaults (lists, dicts, sets) are refused: every record would share one.
    """

    __slots__ = ()
    _record_fields: ClassVar[tuple[str, ...]] = ()
    _record_defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = list(cls._record_fields)
        defaults = dict(cls._record_defaults)
        namespace = cls.__dict__
        for name, annotation in namespace.get("__annotations__", {}).items():
            if _is_class_var(annotation):
                continue
            if name not in names:
                names.append(name)
            if name in namespace:
                default = namespace[name]
                if isinstance(default, list | dict | set):
                    raise ValueError(
                        f"mutable default {type(default).__name__} for field {name!r} of "
                        f"{cls.__qualname__} is not allowed"
                    )
                defaults[name] = default
            else:
                defaults.pop(name, None)
        after_default = ""
        for name in names:
            if name in defaults:
                after_default = name
            elif after_default:
                raise TypeError(
                    f"{cls.__qualname__}: field {name!r} without a default follows "
                    f"{after_default!r}, which has one"
                )
        cls._record_fields = tuple(names)
        cls._record_defaults = defaults
        type.__setattr__(cls, "__match_args__", cls._record_fields)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._record_fields
        given = len(args)
        if given > len(names):
            raise TypeError(
                f"{type(self).__qualname__}() takes {len(names)} positional arguments but "
                f"{given} were given"
            )
        assign = object.__setattr__
        for name, value in zip(names, args, strict=False):
            assign(self, name, value)
        if given < len(names):
            defaults = self._record_defaults
            for name in names[given:]:
                value = kwargs.pop(name, _MISSING)
                if value is _MISSING:
                    value = defaults.get(name, _MISSING)
                    if value is _MISSING:
                        raise TypeError(
                            f"{type(self).__qualname__}() missing required argument: {name!r}"
                        )
                assign(self, name, value)
        if kwargs:
            name = next(iter(kwargs))
            if name in names:
                problem = "got multiple values for argument"
            else:
                problem = "got an unexpected keyword argument"
            raise TypeError(f"{type(self).__qualname__}() {problem} {name!r}")

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_fields)
        return f"{type(self).__qualname__}({values})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash(_values(self))

    if not TYPE_CHECKING:
        # Hidden from type checkers: a class with __setattr__ lets them accept assignment
        # to any name, where a frozen dataclass reports a misspelt one.

        def __setattr__(self, name: str, value: Any) -> None:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete field {name!r}")


def _is_class_var(annotation: object) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or getattr(annotation, "__origin__", None) is ClassVar


def _values(record: Any) -> tuple[Any, ...]:
    return tuple([getattr(record, name) for name in record._record_fields])


def fields(record: Record | type[Record]) -> tuple[str, ...]:
    """The names of a record's (or record class's) fields, in order."""
    return record._record_fields


def as_dict(record: Record) -> dict[str, Any]:
    """A record as a dict of its fields, like ``dataclasses.asdict``.

    Records inside it become dicts too, lists, tuples and dicts are rebuilt with their items
    converted, and any other value that is not a plain str, number, bool, bytes or None is
    deep-copied, so changing the result never reaches the record.
    """
    return {name: _plain(getattr(record, name)) for name in record._record_fields}


def _plain(value: Any) -> Any:
    if isinstance(value, _ATOMIC):
        return value
    if isinstance(value, Record):
        return as_dict(value)
    if isinstance(value, tuple):
        items = [_plain(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, list):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return type(value)((_plain(key), _plain(item)) for key, item in value.items())
    import copy

    return copy.deepcopy(value)
