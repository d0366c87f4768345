"""The shapes of the records the views give to JSON and CSV beyond the core's results (core/results.py): one runtime
TypedDict each. Like core/results.py, imported under `TYPE_CHECKING` by the views, so no command builds them at
start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from vold_cli.core.newer import Status
    from vold_cli.kb.schema import Design, Evidence, Measure, Phase


class MapItem(TypedDict):
    """One intervention of a map cell as the map's JSON and CSV show it: named, with its own level and designs."""
    id: str
    name: str
    level: Evidence
    level_label: str
    not_recommended: bool
    designs: list[Design]
    design_label: str


class MapRecord(TypedDict):
    """One cell of the map as its JSON and CSV show it (query.MapCell with each intervention named)."""
    id: str
    target_group: str
    phase: Phase
    interventions: list[MapItem]
    strongest: Evidence | None
    gap: bool


class FigureRecord(TypedDict):
    """A national figure of one year, the note's or a newer one, for JSON and the figures table."""
    id: str
    year: int
    from_note: bool
    measure: Measure | None
    label: str
    national: int | None
    percent: float | None
    source: str  # the data file (for scripts)
    source_title: str  # its title in the chosen language (for people)


class TimeRecord(TypedDict):
    """The time fields of an initiative's JSON record (newer.InitiativeTime), with the status in words."""
    period_end: int | None
    status: Status
    status_date: str
    contacts_as_of: int | None
    status_text: str
