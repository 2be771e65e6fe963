"""Open data (/donnees/): CSV and JSON files of every table and a Frictionless Data Package describing them,
from the catalog as published. Counts are taken from data/ and content/ directly, not through the build."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from frictionless import validate

from conftest import ROOT, TINY_EPOCH, soup, tiny_project
from test_embargo import AT, BEFORE, ID, MARKER, with_embargoed_release

SITE_URL = "https://plateforme-droits-homme.example.org/"  # mkdocs.yml's address when SITE_URL is not set
TABLES = {
    "members": "data/members.yaml",
    "events": "data/events.yaml",
    "advocacy-actions": "data/advocacy-actions.yaml",
    "working-groups": "data/working-groups.yaml",
    "themes": "data/themes.yaml",
    "publications": None,
    "indicators": None,
}
COMPUTED = {"indicators"}  # rows computed on the day of the build: tests/test_figures.py checks them one by one
PUBLIC_OF_MEMBERS_ONLY = {"id", "title", "title_en", "audience", "start_date", "end_date", "url", "url_en"}


def package(site: Path) -> dict:
    return json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))


def json_rows(site: Path, table: str) -> list[dict]:
    return json.loads((site / "donnees" / f"{table}.json").read_text(encoding="utf-8"))


def csv_rows(site: Path, table: str) -> list[dict]:
    """The CSV file read back as its page says: apostrophe before a formula removed, lists split, empty is nothing."""
    fields = {f["name"]: f for r in package(site)["resources"] if r["name"] == table for f in r["schema"]["fields"]}
    assert fields, f"{table} is not in datapackage.json"
    text = (site / "donnees" / f"{table}.csv").read_bytes().decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == list(fields)
    rows = []
    for raw in reader:
        row = {}
        for name, cell in raw.items():
            cell = cell[1:] if cell.startswith("'") else cell
            if fields[name]["type"] == "list":
                row[name] = cell.split(fields[name]["delimiter"]) if cell else []
            elif fields[name]["type"] == "integer":
                row[name] = int(cell) if cell else None
            else:
                row[name] = cell or None
        rows.append(row)
    return rows


def source_counts(root: Path) -> dict[str, int]:
    """Entries in the data files and publications in content/ (translations <id>.<lang>.md are not entries)."""
    counts = {
        table: len(yaml.safe_load((root / path).read_text(encoding="utf-8")) or [])
        for table, path in TABLES.items()
        if path
    }
    counts["publications"] = len([p for p in (root / "content" / "publications").glob("*.md") if len(p.suffixes) == 1])
    return counts


def test_the_data_package_validates_with_frictionless(built_site):
    report = validate(str(built_site / "donnees" / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert set(rows) == set(TABLES) and all(rows.values()), rows
    described = package(built_site)
    assert described["licenses"] == [
        {
            "name": "etalab-2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "title": "Licence Ouverte / Open Licence version 2.0",
        }
    ]
    assert all(f["description"] for r in described["resources"] for f in r["schema"]["fields"])


def test_frictionless_sees_a_spoiled_file(built_site, tmp_path):
    """The validation above can fail: a date that is no date in a copy of the files."""
    copy = shutil.copytree(built_site / "donnees", tmp_path / "donnees")
    text = (copy / "publications.csv").read_text(encoding="utf-8")
    first = csv_rows(built_site, "publications")[0]["date"]
    (copy / "publications.csv").write_text(text.replace(first, "le 3 mars", 1), encoding="utf-8")
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert report.flatten(["type", "fieldName"]) == [["type-error", "date"]]


def test_rows_are_the_entries_of_data_and_content(built_site):
    counts = source_counts(ROOT)
    assert all(counts.values()), counts
    assert {table: len(json_rows(built_site, table)) for table in TABLES if table not in COMPUTED} == counts
    assert {table: len(csv_rows(built_site, table)) for table in TABLES if table not in COMPUTED} == counts


def test_ids_are_unique_and_every_address_is_a_built_page_or_file(built_site):
    checked = 0
    for table in TABLES:
        rows = json_rows(built_site, table)
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), table
        for row in rows:
            for address in [row.get("url"), row.get("url_en"), *row.get("attachments", [])]:
                if address is None:
                    continue
                assert address.startswith(SITE_URL), address
                path = built_site / address.removeprefix(SITE_URL)
                assert (path / "index.html" if address.endswith("/") else path).is_file(), f"{table}: {address}"
                checked += 1
    assert checked > 2 * len(json_rows(built_site, "publications"))


def test_lists_name_existing_entries(built_site):
    """Columns listing ids of another table (not foreign keys in datapackage.json: a list is no key) name real ids."""
    ids = {table: {row["id"] for row in json_rows(built_site, table)} for table in TABLES}
    references = {
        ("members", "themes"): "themes",
        ("members", "working_groups"): "working-groups",
        ("members", "leads"): "working-groups",
        ("publications", "signatories"): "members",
        ("events", "organisers"): "members",
        ("events", "publications"): "publications",
        ("advocacy-actions", "members"): "members",
        ("publications", "working_groups"): "working-groups",
    }
    seen = 0
    for (table, column), target in references.items():
        for row in json_rows(built_site, table):
            assert set(row[column]) <= ids[target], (table, row["id"], column)
            seen += len(row[column])
    assert seen


def test_the_csv_files_say_what_the_json_files_say(built_site):
    for table in TABLES:
        assert csv_rows(built_site, table) == json_rows(built_site, table), table


def test_a_members_only_event_exports_its_title_and_days_only(tiny_site):
    source = {e["id"]: e for e in yaml.safe_load((ROOT / "tests/tiny/data/events.yaml").read_text(encoding="utf-8"))}
    private = [e for e in source.values() if e.get("audience") == "members"]
    assert private and all(e.get("place") and e.get("organisers") for e in private)  # the source has more to hide
    rows = {row["id"]: row for row in json_rows(tiny_site, "events")}
    for event in private:
        row = rows[event["id"]]
        assert {name for name, value in row.items() if value not in (None, [])} <= PUBLIC_OF_MEMBERS_ONLY
        assert row["title"] and row["start_date"] == str(event["start"])[:10]
        assert next(r for r in csv_rows(tiny_site, "events") if r["id"] == event["id"]) == row
    public = [row for row in rows.values() if row["audience"] == "public"]
    assert public and all(row["type"] and row["status"] for row in public)


def test_an_embargoed_publication_is_in_no_data_file(tmp_path, monkeypatch):
    sites = {}
    for name, epoch in (("before", BEFORE), ("at", AT)):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        sites[name] = with_embargoed_release(tmp_path / name).build()
    for name, site in sites.items():
        data = b"".join(path.read_bytes() for path in sorted((site / "donnees").iterdir()))
        assert (ID.encode() in data, MARKER.encode() in data) == ((False, False) if name == "before" else (True, True))
    ids = [row["id"] for row in json_rows(sites["at"], "publications")]
    assert ID in ids and ID not in [row["id"] for row in json_rows(sites["before"], "publications")]


def test_two_builds_at_the_same_instant_write_the_same_bytes(tiny_site, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
    monkeypatch.delenv("SITE_URL", raising=False)
    again = tiny_project(tmp_path / "again").build()
    names = sorted(p.name for p in (tiny_site / "donnees").iterdir())
    assert len(names) == 2 * len(TABLES) + 2  # CSV, JSON, datapackage.json and the page
    assert all((tiny_site / "donnees" / n).read_bytes() == (again / "donnees" / n).read_bytes() for n in names)
    assert package(again)["created"] == "2026-01-01T00:00:00Z"


HOSTILE_TITLE = "=cmd|' /C calc'!A0 « cité » \"entre guillemets\", avec virgule"
HOSTILE_SUMMARY = '-2+3 sur deux lignes,\n"guillemets" et =SOMME(A1:A2)'
HOSTILE_TARGETS = ["@SUM(1+1)", "Ministère A ; ministère B", "'apostrophe d'abord"]


def test_hostile_values_round_trip_and_are_no_formula(tmp_path, monkeypatch):
    repo = tiny_project(tmp_path)
    repo.write(
        "content/publications/2025-hostile.md",
        "---\n"
        + yaml.safe_dump(
            {
                "title": HOSTILE_TITLE,
                "date": "2025-06-01",
                "type": "rapport",
                "summary": HOSTILE_SUMMARY,
                "authors": ["pdh"],
                "targets": HOSTILE_TARGETS,
            },
            allow_unicode=True,
        )
        + "---\n\nTexte.\n",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
    site = repo.build()
    row = next(r for r in json_rows(site, "publications") if r["id"] == "2025-hostile")
    assert (row["title"], row["summary"], row["targets"]) == (HOSTILE_TITLE, HOSTILE_SUMMARY, HOSTILE_TARGETS)
    raw = next(
        r
        for r in csv.reader(
            io.StringIO((site / "donnees" / "publications.csv").read_text(encoding="utf-8"), newline="")
        )
        if r[0] == "2025-hostile"
    )
    header = next(csv.reader(io.StringIO((site / "donnees" / "publications.csv").read_text(encoding="utf-8"))))
    cells = dict(zip(header, raw, strict=False))
    assert cells["title"] == "'" + HOSTILE_TITLE and cells["summary"] == "'" + HOSTILE_SUMMARY
    assert cells["targets"] == "'" + "\n".join(HOSTILE_TARGETS)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in raw)
    assert csv_rows(site, "publications") == json_rows(site, "publications")
    assert validate(str(site / "donnees" / "datapackage.json")).valid


def test_the_page_documents_every_file_and_column(built_site):
    described = package(built_site)
    for page, lang in (
        (built_site / "donnees" / "index.html", "fr"),
        (built_site / "en" / "data" / "index.html", "en"),
    ):
        html = soup(page)
        hrefs = [a["href"] for a in html.select("article a[href]") if a["href"].endswith((".csv", ".json"))]
        assert all((page.parent / href).resolve().is_file() for href in hrefs), hrefs
        links = {href.rsplit("/", 1)[-1] for href in hrefs}
        assert {f"{t}.{ext}" for t in TABLES for ext in ("csv", "json")} | {"datapackage.json"} <= links, lang
        for resource in described["resources"]:
            table = html.find(id=f"table-{resource['name']}").find_next("table")
            assert [code.text for code in table.select("tbody code")] == [
                f["name"] for f in resource["schema"]["fields"]
            ]
        footer = {a.text.strip() for a in html.select("footer a")}
        assert ("Données ouvertes" if lang == "fr" else "Open data") in footer
        assert "Etalab" in html.select_one("article").text


@pytest.mark.parametrize(
    ("table", "model"),
    [
        ("members", "Member"),
        ("events", "Event"),
        ("advocacy-actions", "AdvocacyAction"),
        ("working-groups", "WorkingGroup"),
        ("themes", "Theme"),
        ("publications", "PublicationMeta"),
    ],
)
def test_every_field_of_the_model_is_exported_or_left_out_on_purpose(table, model):
    """A field added to the model must be exported or named in opendata.LEFT_OUT with its reason."""
    from pdh.content import model as models
    from pdh.plan import opendata

    [declared] = [
        t
        for t in (
            opendata.MEMBERS,
            opendata.EVENTS,
            opendata.ACTIONS,
            opendata.GROUPS,
            opendata.THEMES,
            opendata.PUBLICATIONS,
        )
        if t.name == table
    ]
    columns = {column.name for column in declared.columns}
    split, left_out = opendata.SPLIT.get(table, {}), opendata.LEFT_OUT.get(table, {})
    for name in getattr(models, model).model_fields:
        exported = (
            name in columns
            or any(c.startswith(name + "_") for c in columns)
            or (name in split and set(split[name]) <= columns)
        )
        assert exported != (name in left_out), f"{table}.{name}: exporté et écarté à la fois, ou ni l'un ni l'autre"
    for name in (*split, *left_out):
        assert name in getattr(models, model).model_fields, f"{table}.{name}: ce champ n'existe plus dans le modèle"
