"""A table of the open data, as Table Schema describes it: its columns and its rows (pdh.plan.opendata)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.i18n import N_

IDS, LINES = ";", "\n"  # list separators in CSV: ids and codes never hold a « ; », one-line texts may


@dataclass(frozen=True)
class Column:
    """One column of a table, as Table Schema describes it (its description is French: a message id)."""

    name: str
    type: str  # Table Schema type: string, date, datetime or list
    description: str
    required: bool = False
    format: str = ""  # « uri » for web addresses
    delimiter: str = ""  # list columns: IDS between identifiers, LINES between free texts
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One resource of the data package: its name (file names), words, columns and rows."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...] = ()
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, table whose `id` it names)


def _id(description: str) -> Column:
    return Column("id", "string", description, required=True)


def _ids(name: str, description: str) -> Column:
    return Column(name, "list", description, delimiter=IDS)


def _en(name: str) -> Column:
    return Column(f"{name}_en", "string", N_("Version anglaise de la colonne précédente (vide s'il n'y en a pas)"))
