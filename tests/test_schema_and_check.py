"""The committed JSON Schemas match the model, and the standalone check speaks like the build."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT
from pdh.cli.schema import build_schemas
from pdh.content.yamlsafe import parse_yaml

DATA_FILES = ["members", "themes", "working-groups", "events", "advocacy-actions", "press-contacts"]


def test_committed_schemas_are_up_to_date():
    expected = build_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "data" / "schemas").glob("*.json")}
    assert committed == expected, "data/schemas/ is stale: run `make schemas` and commit the result"


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_files_declare_and_satisfy_their_schema(name):
    text = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=schemas/{name}.schema.json"
    doc, problems = parse_yaml(text, name)
    assert problems == []
    schema = json.loads((ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc.data if doc.data is not None else [], schema)


def test_schema_flags_what_editors_should_flag():
    schema = json.loads((ROOT / "data" / "schemas" / "members.schema.json").read_text(encoding="utf-8"))
    good = {"id": "ong", "name": "ONG", "status": "member", "city": "Lyon", "description": "Texte."}
    jsonschema.validate([good], schema)
    for bad in (
        {**good, "webiste": "https://x.org"},
        {**good, "status": "membre"},
        {**good, "id": "ONG"},
        {**good, "countries": ["XX"]},
        {k: v for k, v in good.items() if k != "city"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([bad], schema)


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pdh.cli.check", str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": ""},
    )


def test_check_command_passes_on_the_real_data():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Données valides : aucune erreur."


def test_check_command_prints_every_problem_and_fails(tiny_sources):
    tiny_sources.replace("data/members.yaml", "city: Lyon", "city: Lyon\n  webiste: https://exemple.org")
    tiny_sources.replace("data/members.yaml", "countries: [CO]", "countries: [Colombie]")
    result = run_check(tiny_sources.root)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "2 erreurs dans les données :"
    assert lines[2].startswith(
        f"data/members.yaml:{tiny_sources.line_of('data/members.yaml', 'countries: [Colombie]')} — membre « agir-ensemble » — countries[1] : code pays « Colombie » inconnu"
    )
    assert (
        lines[1]
        == f"data/members.yaml:{tiny_sources.line_of('data/members.yaml', 'webiste')} — membre « agir-ensemble » — champ inconnu « webiste » — vouliez-vous dire « website » ?"
    )
