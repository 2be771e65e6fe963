"""YAML is read as the author typed it, and hostile constructs are refused with a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdh.content.yamlsafe import MAX_DEPTH, parse_yaml

ROOT = Path(__file__).resolve().parents[1]


def parse(text: str):
    doc, problems = parse_yaml(text, "data/x.yaml")
    return doc, [str(p) for p in problems]


@pytest.mark.parametrize(
    "typed",
    [
        "NO",
        "no",
        "on",
        "yes",
        "Off",
        "010",
        "0123",
        "1:20",
        "0x1F",
        "1e3",
        "2021-02-30",
        "2025-01-01",
        "~",
        "null",
        ".inf",
        "true",
    ],
)
def test_scalars_stay_what_the_author_typed(typed):
    doc, problems = parse(f"country: {typed}\n")
    assert problems == []
    assert doc.data == {"country": typed}


def test_empty_values_are_none_but_quoted_empty_stays_a_string():
    doc, _ = parse('a:\nb: ""\n')
    assert doc.data == {"a": None, "b": ""}


def test_lines_are_kept_for_values_keys_and_list_items():
    doc, _ = parse("- id: a\n  themes:\n    - x\n    - y\n- id: b\n")
    assert doc.line((0, "id")) == 1
    assert doc.line((0, "themes")) == 2
    assert doc.line((0, "themes", 1)) == 4
    assert doc.line((1,)) == 5
    assert doc.line((1, "missing-field")) == 5


def test_duplicate_key_is_refused_with_both_lines():
    _, problems = parse("- id: a\n  name: Un\n  city: Lyon\n  name: Deux\n")
    assert problems == ["data/x.yaml:4 — champ « name » présent deux fois (déjà ligne 2)"]


def test_alias_is_refused():
    _, problems = parse("a: &x [1, 2]\nb: *x\n")
    assert problems == ["data/x.yaml:1 — les ancres YAML (« &x ») ne sont pas acceptées : recopiez la valeur"]


def test_alias_bomb_is_refused_before_expansion():
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    doc, problems = parse(bomb)
    assert doc is None
    assert problems and "ancres YAML" in problems[0]


def test_bare_alias_without_anchor_is_refused():
    _, problems = parse("a: 1\nb: *nowhere\n")
    assert len(problems) == 1 and problems[0].startswith("data/x.yaml:2")


@pytest.mark.parametrize(
    "tagged", ["!!python/object/apply:os.system ['echo hi']", "!!binary aGVsbG8=", "!custom x", "!!str 10"]
)
def test_explicit_tags_are_refused(tagged):
    doc, problems = parse(f"name: Nom\nvalue: {tagged}\n")
    assert doc is None
    assert len(problems) == 1 and problems[0].startswith("data/x.yaml:2 — étiquette YAML")


def test_tabs_are_refused_with_their_line():
    _, problems = parse("a: 1\nb:\n\t- x\n")
    assert problems == ["data/x.yaml:3 — tabulation interdite en YAML : indentez avec des espaces"]


def test_syntax_error_names_its_line():
    _, problems = parse("- id: a\n  name: Nom: avec deux-points\n")
    assert len(problems) == 1
    assert problems[0].startswith("data/x.yaml:2 — YAML illisible")
    assert "guillemets" in problems[0]


def test_nesting_depth_is_bounded():
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    doc, problems = parse(deep)
    assert doc is None
    assert problems and "imbrication trop profonde" in problems[0]


def test_oversized_file_is_refused():
    doc, problems = parse("a: " + "x" * 10_100_000 + "\n")
    assert doc is None
    assert problems == ["data/x.yaml — fichier trop volumineux (plus de 10 Mo)"]


def test_front_matter_lines_are_offset():
    doc, problems = parse_yaml("title: T\ndate: 2025\n", "content/p.md", base_line=1)
    assert problems == []
    assert doc.line(("date",)) == 3


EQUIVALENT_INPUTS = [
    "a:\nb: \"\"\nc: |\n\nd: >\n  plié\n  sur deux lignes\ne: ''\n",
    '- id: a\n  themes: [x, y]\n  nested:\n    - {k: v, l: \'w\'}\n- id: b\n  texte: "é\\u00e9 \\"cité\\""\n',
    "# commentaire\nclé: valeur # commentaire\n\n\nautre:\n  - 1\n  -\n  - ~\n",
    "texte: |+\n  garde\n\n  les lignes\n\n",
]


@pytest.mark.parametrize(
    "text", EQUIVALENT_INPUTS + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").glob("*.yaml"))]
)
def test_libyaml_and_python_loaders_read_the_same_document(text):
    """The fast path (libyaml) must give exactly what the pure-Python loader gives: data and lines."""
    from yaml.reader import Reader

    from pdh.content import yamlsafe

    Reader(text)  # the printable check both paths share
    fast = yamlsafe._fast_root(text)
    slow = yamlsafe._StringLoader(text).get_single_node()
    assert fast is not None
    documents = []
    for root in (fast, slow):
        doc = yamlsafe.Document(file="x.yaml", data=None)
        problems: list = []
        doc.data = yamlsafe._convert(root, (), doc, problems)
        documents.append((doc.data, doc.lines, problems))
    assert documents[0] == documents[1]


@pytest.mark.parametrize("text", ["a: *x\n", "a: &x 1\n", "a: !!str 1\n", "a: [\n", "a: b: c\n", "- a\nb: c\n"])
def test_refused_documents_take_the_explaining_path(text):
    from pdh.content import yamlsafe

    assert yamlsafe._fast_root(text) is None
    doc, problems = parse(text)
    assert doc is None and problems
