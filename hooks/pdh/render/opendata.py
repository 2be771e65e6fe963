"""Open data files: each table in CSV and JSON, and datapackage.json (Frictionless Data Package v2)
describing them with the very columns the /donnees/ page documents."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

from ..plan.datatable import Column, Table
from ..plan.edition import Edition
from ..plan.opendata import FORMATS, LICENCE, PACKAGE
from ..plan.urls import FR, data_file, src_to_url

# A spreadsheet runs a cell that starts with one of these as a formula (« =HYPERLINK(…) »): in CSV such a
# cell gets an apostrophe in front, and so does one that starts with an apostrophe, so that removing the
# first apostrophe of any cell that has one always gives the value back. JSON keeps every value as it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def open_data_files(tables: list[Table], owner: str, site_url: str, now: datetime, ed: Edition) -> dict[str, bytes]:
    """Every open data file by its site path; `owner` (the coalition's id) names the data package, `ed`
    (the French edition) words it."""
    files = {}
    for table in tables:
        files[data_file(f"{table.name}.csv")] = table_csv(table)
        files[data_file(f"{table.name}.json")] = table_json(table)
    files[data_file(PACKAGE)] = data_package(tables, owner, site_url, now, ed)
    return files


def table_csv(table: Table) -> bytes:
    """UTF-8, comma-separated, a header row, quoted as RFC 4180 says (CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(c, row[c.name]) for c in table.columns])
    return out.getvalue().encode("utf-8")


def csv_cell(column: Column, value: Any) -> str:
    """A value as CSV writes it: nothing for no value, lists joined, dates in ISO 8601, formulas defused."""
    if value is None or value == []:
        return ""
    text = column.delimiter.join(value) if column.type == "list" else _scalar(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_json(table: Table) -> bytes:
    """An array of objects, one per row, with every column (null or [] for no value)."""
    rows = [{name: _json_value(value) for name, value in row.items()} for row in table.rows]
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def data_package(tables: list[Table], owner: str, site_url: str, now: datetime, ed: Edition) -> bytes:
    """The Data Package descriptor: the licence, the build's date, a Table Schema for every CSV file."""
    _ = ed._
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"{owner}-donnees-ouvertes",
        "title": _("Données ouvertes %(of_org)s"),
        "description": _(
            "Membres, publications, agenda, actions de plaidoyer, groupes de travail et thèmes, tels que "
            "le site les publie. Dans les fichiers CSV, une cellule qui commence par =, +, -, @, une "
            "tabulation ou une apostrophe est précédée d'une apostrophe (les tableurs n'y voient pas "
            "de formule) : retirez-la pour retrouver la valeur, que les fichiers JSON donnent telle "
            "quelle."
        ),
        "homepage": site_url + src_to_url(FR.index(FR.DATA)),
        "created": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "licenses": [LICENCE],
        "resources": [_resource(table, ed) for table in tables],
    }
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _resource(table: Table, ed: Edition) -> dict[str, Any]:
    extension, _kind, media_type = FORMATS[0]
    schema: dict[str, Any] = {
        "fields": [_field(c, ed) for c in table.columns],
        "missingValues": [""],
        "primaryKey": ["id"],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": target, "fields": ["id"]}}
            for column, target in table.foreign_keys
        ]
    return {
        "name": table.name,
        "type": "table",
        "path": f"{table.name}.{extension}",
        "title": ed._(table.title),
        "description": ed._(table.description),
        "format": extension,
        "mediatype": media_type,
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def _field(column: Column, ed: Edition) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": ed._(column.description)}
    if column.format:
        field["format"] = column.format
    if column.type == "list":
        field.update(delimiter=column.delimiter, itemType="string")
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.name == "id":
        constraints["unique"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def _scalar(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, list):
        return [_scalar(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # an integer column: a JSON number
    return None if value is None else _scalar(value)
