"""Reading JSON-like documents into typed values, collecting every field error on the way.

A parser walks the document with ``FieldReader``s that share one ``Errors``; each read returns a
typed value or ``None`` after recording a ``FieldError`` under the field's path
(``energy_before[0].unit``), so the user sees every problem at once. ``Errors.raise_if_any()``
turns them into one ``ValidationError``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Collection, Iterable, Mapping, TypeVar

from registry.domain.errors import N_, FieldError, Listed, Message, UNKNOWN_VALUE, ValidationError
from registry.domain.numbers import decimal_from

T = TypeVar("T")


class Errors:
    """Field errors gathered while reading one document."""

    def __init__(self) -> None:
        self.field_errors: list[FieldError] = []

    def add(self, field: str, msgid: str, **params: Any) -> None:
        self.field_errors.append(FieldError(field, Message(msgid, params)))

    def capture(self, fn: Callable[..., T], *args: Any) -> T | None:
        """``fn(*args)``, or ``None`` after recording the ``ValidationError`` it raised."""
        try:
            return fn(*args)
        except ValidationError as exc:
            self.field_errors.extend(exc.field_errors)
            return None

    def check(self, fn: Callable[..., Any], *args: Any) -> bool:
        """Run the check ``fn(*args)``; ``False`` after recording the error it raised."""
        before = len(self.field_errors)
        self.capture(fn, *args)
        return len(self.field_errors) == before

    def raise_if_any(self) -> None:
        if self.field_errors:
            raise ValidationError(self.field_errors)

    def __bool__(self) -> bool:
        return bool(self.field_errors)


def join(path: str, name: str) -> str:
    """The path of field ``name`` inside the object at ``path``."""
    return f"{path}.{name}" if path else name


@dataclass(frozen=True)
class Range:
    """An allowed interval for a number and the message that explains it."""

    msgid: str
    minimum: Decimal | None = None
    minimum_inclusive: bool = True
    maximum: Decimal | None = None

    def allows(self, value: Decimal) -> bool:
        if self.minimum is not None:
            if value < self.minimum or (value == self.minimum and not self.minimum_inclusive):
                return False
        return self.maximum is None or value <= self.maximum


NON_NEGATIVE = Range(N_("must not be negative"), minimum=Decimal(0))
POSITIVE = Range(N_("must be greater than zero"), minimum=Decimal(0), minimum_inclusive=False)
FRACTION = Range(N_("must be greater than 0 and at most 1"), minimum=Decimal(0),
                 minimum_inclusive=False, maximum=Decimal(1))


class FieldReader:
    """Reads the fields of one JSON object at ``path``; problems go to ``errors``."""

    def __init__(self, data: Mapping[Any, Any], path: str, errors: Errors) -> None:
        self.data = data
        self.path = path
        self.errors = errors

    def field(self, name: str) -> str:
        return join(self.path, name)

    def present(self, name: str) -> bool:
        """Whether ``name`` is given (JSON ``null`` counts as absent)."""
        return self.data.get(name) is not None

    def _raw(self, name: str, required: bool) -> Any:
        value = self.data.get(name)
        if value is None and required:
            self.errors.add(self.field(name), N_("is required"))
        return value

    def decimal(self, name: str, allowed: Range | None = None, required: bool = True) -> Decimal | None:
        raw = self._raw(name, required)
        if raw is None:
            return None
        value = self.errors.capture(decimal_from, raw, self.field(name))
        if value is not None and allowed is not None and not allowed.allows(value):
            self.errors.add(self.field(name), allowed.msgid)
            return None
        return value

    def integer(self, name: str, minimum: int, maximum: int, required: bool = True) -> int | None:
        raw = self._raw(name, required)
        if raw is None:
            return None
        value = self.errors.capture(decimal_from, raw, self.field(name))
        if value is None:
            return None
        if value != value.to_integral_value() or not minimum <= value <= maximum:
            self.errors.add(self.field(name), N_("must be a whole number from %(minimum)s to %(maximum)s"),
                            minimum=minimum, maximum=maximum)
            return None
        return int(value)

    def parsed(self, name: str, parse: Callable[[Any, str], T], required: bool = True) -> T | None:
        """``parse(value, path)`` of the field's value; its ``ValidationError`` is recorded."""
        raw = self._raw(name, required)
        if raw is None:
            return None
        return self.errors.capture(parse, raw, self.field(name))

    def text(self, name: str, required: bool = True, max_length: int = 2000) -> str | None:
        raw = self._raw(name, required)
        if raw is None:
            return None
        if not isinstance(raw, str) or not raw.strip() or len(raw) > max_length:
            self.errors.add(self.field(name), N_("must be text of 1 to %(length)s characters"),
                            length=max_length)
            return None
        return raw.strip()

    def choice(self, name: str, choices: Collection[str], required: bool = True,
               default: str | None = None) -> str | None:
        raw = self._raw(name, required)
        if raw is None:
            return default
        if not isinstance(raw, str) or raw not in choices:
            self.errors.add(self.field(name), UNKNOWN_VALUE,
                            value=str(raw)[:40], allowed=Listed(tuple(choices)))
            return None
        return raw

    def boolean(self, name: str, default: bool) -> bool | None:
        raw = self.data.get(name)
        if raw is None:
            return default
        if not isinstance(raw, bool):
            self.errors.add(self.field(name), N_("must be true or false"))
            return None
        return raw

    def objects(self, name: str, required: bool = True,
                nonempty: bool = True) -> list[tuple[str, Mapping[Any, Any]]] | None:
        """The list of JSON objects under ``name`` as (path, object) pairs."""
        raw = self._raw(name, required)
        if raw is None:
            return None
        if not isinstance(raw, (list, tuple)):
            self.errors.add(self.field(name), N_("must be a list"))
            return None
        if nonempty and not raw:
            self.errors.add(self.field(name), N_("must not be empty"))
            return None
        items = []
        for index, item in enumerate(raw):
            path = f"{self.field(name)}[{index}]"
            if isinstance(item, Mapping):
                items.append((path, item))
            else:
                self.errors.add(path, N_("must be an object"))
        return items

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        """Record every key of the object that is not in ``allowed``."""
        allowed = sorted(set(allowed))
        for key in self.data:
            if not isinstance(key, str):
                self.errors.add(self.path or "document", N_("field names must be text"))
            elif key not in allowed:
                self.errors.add(self.field(key), N_("not allowed here (allowed: %(allowed)s)"),
                                allowed=Listed(tuple(allowed)))
