"""JSON Schema files for the data files, generated from the model (`make schemas`).

Editors (VS Code with the YAML extension) read them through the `# yaml-language-server`
line at the top of each data file: autocompletion and errors while typing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from ..content.indicators import MEASUREMENT_FILES
from ..content.load import ACTIONS, EVENTS, MEMBERS, THEMES, WORKING_GROUPS
from ..content.model import PublicationMeta
from ..content.press import PRESS_CONTACTS

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_file_name(data_file: str) -> str:
    return Path(data_file).stem + ".schema.json"


def build_schemas() -> dict[str, str]:
    """File name → JSON text, for every data file and for publication front matter."""
    out: dict[str, str] = {}
    for collection in (MEMBERS, THEMES, WORKING_GROUPS, EVENTS, ACTIONS, PRESS_CONTACTS, *MEASUREMENT_FILES):
        schema = TypeAdapter(list[collection.model]).json_schema()  # type: ignore[name-defined]  # run-time model
        schema = {"$schema": DRAFT, "title": f"{collection.file} : liste d'entrées ({collection.label})", **schema}
        out[schema_file_name(collection.file)] = _dump(schema)
    front = {
        "$schema": DRAFT,
        "title": "En-tête d'une publication (content/publications/*.md)",
        **PublicationMeta.model_json_schema(),
    }
    out["publication.schema.json"] = _dump(front)
    return out


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in build_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "data/schemas")):
        print(path)
