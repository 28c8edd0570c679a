"""Structured reference figures for an event: the facts a release published.

A story may carry reference sheets (``[[reference]]`` in its manifest) for
events its coverage reports instead of the primary's, such as the previous
year's operation. Measures compare an article on that event with the sheet,
not with the wrong primary. The file format is documented in
``corpus/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InputError

QUALIFIERS = (
    "", "exactly", "more than", "over", "at least", "nearly", "almost",
    "about", "roughly", "approximately", "just under", "under", "fewer than",
    "less than", "up to", "some",
)


@dataclass(frozen=True)
class ReferenceFigure:
    """One published figure: ``value`` with its ``qualifier`` ("more than")."""

    quantity: str
    text: str
    value: float
    qualifier: str
    counted: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceEvent:
    """An event as its own release described it."""

    id: str
    name: str
    operation: str
    year: int
    months: tuple[int, ...]
    period: str
    published: str
    source: str
    officials: tuple[str, ...]
    figures: tuple[ReferenceFigure, ...]
    file: str


def _need(table: dict, key: str, kind: type, path: Path, where: str):
    value = table.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise InputError(path, f"{where}.{key} must be a {kind.__name__}")
    return value


def load_reference(path: Path) -> ReferenceEvent:
    """Load and validate one reference sheet.

    Raises:
        InputError: the file is missing, not TOML, or a field is absent or of
            the wrong type.
    """
    from corpus.reading import read_toml

    data = read_toml(path)
    event = data.get("event")
    if not isinstance(event, dict):
        raise InputError(path, "has no [event] table")
    figures = []
    for index, item in enumerate(data.get("figure", [])):
        where = f"figure[{index}]"
        value = item.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise InputError(path, f"{where}.value must be a number")
        qualifier = item.get("qualifier", "")
        if qualifier not in QUALIFIERS:
            raise InputError(path, f"{where}.qualifier {qualifier!r} is not one of {list(QUALIFIERS)}")
        figures.append(ReferenceFigure(
            quantity=_need(item, "quantity", str, path, where),
            text=_need(item, "text", str, path, where),
            value=float(value),
            qualifier=qualifier,
            counted=item.get("counted", ""),
            keywords=tuple(item.get("keywords", ())),
        ))
    months = tuple(event.get("months", ()))
    if not all(isinstance(m, int) and 1 <= m <= 12 for m in months):
        raise InputError(path, "event.months must list month numbers 1-12")
    return ReferenceEvent(
        id=_need(event, "id", str, path, "event"),
        name=_need(event, "name", str, path, "event"),
        operation=event.get("operation", ""),
        year=_need(event, "year", int, path, "event"),
        months=months,
        period=event.get("period", ""),
        published=event.get("published", ""),
        source=event.get("source", ""),
        officials=tuple(event.get("officials", ())),
        figures=tuple(figures),
        file=path.name,
    )
