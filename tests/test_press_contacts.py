"""Press contacts (#16, press room): data/press-contacts.yaml is checked like every data file (one located
French message per problem), shown on /presse/ and on member profiles in both editions, and optional."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import jsonschema
import pytest
from babel import Locale

from conftest import NEW_MEMBER, ROOT, TINY, soup, tiny_project
from pdh.content.yamlsafe import parse_yaml
from pdh.plan.catalog import check_problems, load_catalog

FILE = "data/press-contacts.yaml"
ENTRY = """
- organisation: exemple-association-a
  name: Service presse (exemple)
  role: Chargée de communication
  email: presse-a@exemple.org
  phone: "+33 1 11 11 11 11"
  languages: [fr, en]
"""  # a valid contact to append to the tiny site's file (it has three), then spoil
LABEL = "contact presse n° 4"
WAYS = "indiquez au moins un moyen de joindre ce contact : email (adresse électronique) ou phone (téléphone, ex. +33 1 23 45 67 89)"
FORMAT = "« + » seulement en tête, suivi de l'indicatif du pays, puis des chiffres séparés par un seul espace, point ou tiret, ex. +33 1 23 45 67 89"
CHARS = "chiffres, espaces, « + », « . » et « - » seulement, ex. +33 1 23 45 67 89"
HTML = "le HTML n'est pas accepté (« {tag} ») : écrivez du texte simple ou du Markdown"
EDITIONS = {
    "fr": ("presse", "membres", ["Courriel", "Téléphone", "Langues"]),
    "en": ("en/press", "en/members", ["Email", "Phone", "Languages"]),
}


def problems(repo) -> list[str]:
    return [str(p) for p in check_problems(repo.root).sorted()]


def contacts_in(root: Path) -> list[dict]:
    """The contacts of a data file as written (strings, {fr, en} dicts, lists)."""
    doc, found = parse_yaml((root / FILE).read_text(encoding="utf-8"), FILE)
    assert found == [] and doc.data, "no contacts to look for"
    return doc.data


def test_the_sample_contacts_are_valid_and_marked_as_examples(repo):
    assert problems(repo) == []
    catalog = load_catalog(repo.root)
    coalition, member = catalog.press_contacts["pdh"], catalog.press_contacts["agir-ensemble"]
    assert [str(c.name) for c in (*coalition, *member)] == [
        "Service presse du secrétariat (exemple)",
        "Service communication d'Agir ensemble (exemple)",
    ]
    assert coalition[0].email == catalog.organisation.email and coalition[0].tel == "tel:+33100000000"
    assert set(catalog.press_contacts) == {"pdh", "agir-ensemble"}


def test_a_valid_contact_is_accepted_with_its_tel_link(tiny_sources):
    tiny_sources.append(FILE, ENTRY)
    assert problems(tiny_sources) == []
    contact = load_catalog(tiny_sources.root).press_contacts["exemple-association-a"][0]
    assert (contact.phone, contact.tel, contact.languages) == ("+33 1 11 11 11 11", "tel:+33111111111", ["fr", "en"])


# (what the entry says, what it says instead, field named, message): each gives exactly one located message.
INVALID = {
    "unknown organisation, close": (
        "organisation: exemple-association-a",
        "organisation: exemple-asociation-a",
        "organisation",
        "organisation inconnue « exemple-asociation-a » — vouliez-vous dire « exemple-association-a » ?",
    ),
    "coalition id misspelt": (
        "organisation: exemple-association-a",
        "organisation: phd",
        "organisation",
        "organisation inconnue « phd » — vouliez-vous dire « pdh » ?",
    ),
    "unknown organisation, far": (
        "organisation: exemple-association-a",
        "organisation: inconnue",
        "organisation",
        "organisation inconnue « inconnue » (attendu : « pdh » pour la coalition, ou l'identifiant "
        "d'un membre de data/members.yaml)",
    ),
    "organisation as a name": (
        "organisation: exemple-association-a",
        "organisation: Agir Ensemble",
        "organisation",
        "identifiant « Agir Ensemble » invalide : lettres minuscules sans accent, chiffres et tirets "
        "seulement (par exemple « agir-ensemble »)",
    ),
    "missing organisation": (
        "- organisation: exemple-association-a\n  name:",
        "- name:",
        "organisation",
        "champ obligatoire manquant",
    ),
    "missing name": ("  name: Service presse (exemple)\n", "", "name", "champ obligatoire manquant"),
    "empty name": ("  name: Service presse (exemple)", "  name:", "name", "valeur vide"),
    "HTML in a name": ("name: Service presse (exemple)", "name: '<b>Presse</b>'", "name", HTML.format(tag="<b")),
    "script in a role": (
        "role: Chargée de communication",
        "role: '<script>alert(1)</script>'",
        "role",
        HTML.format(tag="<script"),
    ),
    "line break in a name": (
        "name: Service presse (exemple)",
        'name: "Service\\npresse"',
        "name",
        "le texte doit tenir sur une ligne",
    ),
    "very long name": (
        "name: Service presse (exemple)",
        "name: " + "S" * 301,
        "name",
        "texte trop long (301 caractères, maximum 300)",
    ),
    "bidi override in a name": (
        "name: Service presse (exemple)",
        "name: Service\u202epresse",
        "name",
        "caractère invisible interdit : U+202E, forçage droite-à-gauche, après « Service » ; il peut "
        "servir à usurper un nom : effacez-le (retapez le texte à cet endroit)",
    ),
    "unknown language of a name": (
        "name: Service presse (exemple)",
        "name: {fr: Service presse, de: Pressestelle}",
        "name",
        "champ inconnu « de » (champs possibles : fr, en)",
    ),
    "javascript: e-mail": (
        "email: presse-a@exemple.org",
        "email: javascript:alert(1)",
        "email",
        "« javascript:alert(1) » n'est pas une adresse électronique valide (attendu : nom@exemple.org)",
    ),
    "mailto: e-mail": (
        "email: presse-a@exemple.org",
        "email: mailto:presse-a@exemple.org",
        "email",
        "écrivez l'adresse seule, sans « mailto: » (« presse-a@exemple.org »)",
    ),
    "line break in an e-mail": (
        "email: presse-a@exemple.org",
        'email: "presse-a@exemple.org\\nBcc: x@exemple.org"',
        "email",
        "une adresse électronique s'écrit sur une ligne, sans espace : nom@exemple.org",
    ),
    "very long e-mail": (
        "email: presse-a@exemple.org",
        "email: " + "a" * 250 + "@exemple.org",
        "email",
        "adresse trop longue (262 caractères, maximum 254)",
    ),
    "e-mail without domain": (
        "email: presse-a@exemple.org",
        "email: presse-a",
        "email",
        "« presse-a » n'est pas une adresse électronique valide (attendu : nom@exemple.org)",
    ),
    "national phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "01 11 11 11 11"',
        "phone",
        "« 01 11 11 11 11 » : écrivez le numéro au format international, « + » et l'indicatif du pays en tête, "
        "ex. +33 1 23 45 67 89 — pour un numéro français, écrivez « +33 1 11 11 11 11 »",
    ),
    "00 phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "0033 1 11 11 11 11"',
        "phone",
        "« 0033 1 11 11 11 11 » : écrivez le numéro au format international, « + » et l'indicatif du pays en tête, "
        "ex. +33 1 23 45 67 89 — écrivez « +33 1 11 11 11 11 »",
    ),
    "brackets in a phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "+33 (0)1 11 11 11 11"',
        "phone",
        f"« +33 (0)1 11 11 11 11 » : caractère « ( » refusé dans un numéro ; {CHARS}",
    ),
    "javascript: phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "javascript:alert(1)"',
        "phone",
        f"« javascript:alert(1) » : caractère « j » refusé dans un numéro ; {CHARS}",
    ),
    "line break in a phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "+33 1\\n11 11 11 11"',
        "phone",
        f"caractère U+000A refusé dans un numéro ; {CHARS}",
    ),
    "short phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "+33 1 11"',
        "phone",
        "« +33 1 11 » : 5 chiffres, un numéro international en compte de 8 à 15, indicatif compris, ex. +33 1 23 45 67 89",
    ),
    "very long phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "' + "1" * 40 + '"',
        "phone",
        "numéro trop long (40 caractères) : écrivez-le au format international, ex. +33 1 23 45 67 89",
    ),
    "double space in a phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "+33  1 11 11 11 11"',
        "phone",
        f"« +33  1 11 11 11 11 » n'est pas un numéro au format international : {FORMAT}",
    ),
    "plus inside a phone": (
        'phone: "+33 1 11 11 11 11"',
        'phone: "+33 1 11 11 11 11 +33"',
        "phone",
        f"« +33 1 11 11 11 11 +33 » n'est pas un numéro au format international : {FORMAT}",
    ),
    "unknown language": (
        "languages: [fr, en]",
        "languages: [fr, xx]",
        "languages[2]",
        "code de langue « xx » inconnu (attendu : code ISO 639-1, par exemple « fr », « en », « es »)",
    ),
    "language by name": (
        "languages: [fr, en]",
        "languages: [fr, French]",
        "languages[2]",
        "code de langue « French » inconnu (attendu : code ISO 639-1, par exemple « fr », « en », « es ») "
        "— pour « French », écrivez « fr »",
    ),
    "bare language": ("languages: [fr, en]", "languages: fr", "languages", "attendu : une liste, par exemple [fr]"),
    "repeated language": ("languages: [fr, en]", "languages: [fr, fr]", "languages[2]", "« fr » figure deux fois"),
    "unknown key": (
        "email: presse-a@exemple.org",
        "mail: presse-a@exemple.org",
        "",
        "champ inconnu « mail » — vouliez-vous dire « email » ?",
    ),
    "unknown key, far": (
        "email: presse-a@exemple.org",
        "fax: presse-a@exemple.org",
        "",
        "champ inconnu « fax » (champs possibles : organisation, name, role, email, phone, languages)",
    ),
    "no way to reach": ('  email: presse-a@exemple.org\n  phone: "+33 1 11 11 11 11"\n', "", "email", WAYS),
    "empty ways to reach": (
        '  email: presse-a@exemple.org\n  phone: "+33 1 11 11 11 11"\n',
        "  email:\n  phone:\n",
        "email",
        WAYS,
    ),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_each_invalid_value_gets_one_located_french_message(tiny_sources, case):
    old, new, field, message = INVALID[case]
    assert old in ENTRY
    tiny_sources.append(FILE, ENTRY.replace(old, new))
    # The line of the value written instead; a missing value is reported on its entry's first line.
    line = tiny_sources.line_of(
        FILE, new.strip().split("\n")[0] if new.strip() else "- organisation: exemple-association-a"
    )
    where = f"{FILE}:{line} — {LABEL} — " + (f"{field} : " if field else "")
    assert problems(tiny_sources) == [where + message]


def test_a_duplicate_contact_is_refused_with_the_first_one_s_line(tiny_sources):
    tiny_sources.append(FILE, ENTRY + ENTRY.replace("phone:", "# phone:").replace("Service presse", "service presse"))
    lines = [
        n
        for n, text in enumerate(tiny_sources.read(FILE).splitlines(), 1)
        if "- organisation: exemple-association-a" in text
    ]
    assert problems(tiny_sources) == [
        f"{FILE}:{lines[1] + 1} — contact presse n° 5 — name : contact « service presse (exemple) » déjà déclaré pour "
        f"« exemple-association-a » ({FILE}:{lines[0]}) : modifiez cette entrée-là ou supprimez celle-ci"
    ]


def test_an_organisation_has_at_most_five_contacts(tiny_sources):
    tiny_sources.append(FILE, "".join(ENTRY.replace("Service presse", f"Service presse {n}") for n in range(1, 7)))
    line = [n for n, text in enumerate(tiny_sources.read(FILE).splitlines(), 1) if "exemple-association-a" in text][-1]
    assert problems(tiny_sources) == [
        f"{FILE}:{line} — contact presse n° 9 — organisation : plus de 5 contacts presse pour « exemple-association-a » : "
        "gardez les plus utiles"
    ]


def test_a_contact_of_a_refused_member_is_not_reported_twice(tiny_sources):
    tiny_sources.append("data/members.yaml", NEW_MEMBER.replace("  city: Lille\n", ""))
    tiny_sources.append(FILE, ENTRY.replace("exemple-association-a", "nouvelle-ong"))
    line = tiny_sources.line_of("data/members.yaml", "id: nouvelle-ong")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — city : champ obligatoire manquant"
    ]


def test_a_refused_contact_still_has_its_organisation_checked(tiny_sources):
    tiny_sources.append(
        FILE, ENTRY.replace("exemple-association-a", "exemple-asociation-a").replace("presse-a@exemple.org", "x")
    )
    line = tiny_sources.line_of(FILE, "exemple-asociation-a")
    assert problems(tiny_sources) == [
        f"{FILE}:{line} — {LABEL} — organisation : organisation inconnue « exemple-asociation-a » — vouliez-vous dire "
        "« exemple-association-a » ?",
        f"{FILE}:{line + 3} — {LABEL} — email : « x » n'est pas une adresse électronique valide (attendu : nom@exemple.org)",
    ]


def test_the_file_is_optional_for_the_check(tiny_sources):
    (tiny_sources.root / FILE).unlink()
    assert problems(tiny_sources) == []
    assert load_catalog(tiny_sources.root).press_contacts == {}


def test_the_schema_flags_what_editors_should_flag():
    schema = json.loads((ROOT / "data" / "schemas" / "press-contacts.schema.json").read_text(encoding="utf-8"))
    good = {
        "organisation": "pdh",
        "name": "Service presse",
        "email": "presse@exemple.org",
        "phone": "+33 1 00 00 00 00",
    }
    jsonschema.validate([good], schema)
    for bad in (
        {k: v for k, v in good.items() if k not in ("email", "phone")},
        {**good, "phone": "01 00 00 00 00"},
        {**good, "telephone": "+33 1 00 00 00 00"},
        {**good, "languages": ["french"]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([bad], schema)


def test_contributing_explains_the_file_and_its_example_is_valid(tiny_sources):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 9. Votre contact presse") :]
    words = " ".join(section.split())
    for fragment in (
        "Ces adresses et numéros sont publiés sur le site",
        "data/press-contacts.yaml",
        "organisation inconnue « agir-ensembl » — vouliez-vous dire « agir-ensemble » ?",
        "« 04 00 00 00 00 » : écrivez le numéro au format international",
        "indiquez au moins un moyen de joindre ce contact",
    ):
        assert fragment in words
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    assert "(exemple)" in example
    tiny_sources.append(FILE, "\n" + example.replace("agir-ensemble ", "exemple-association-a "))
    assert problems(tiny_sources) == []
    assert problems_for(tiny_sources, "agir-ensembl") == [
        f"{FILE}:{tiny_sources.line_of(FILE, 'agir-ensembl ')} — contact presse n° 4 — organisation : "
        "organisation inconnue « agir-ensembl » — vouliez-vous dire « agir-ensemble » ?"
    ]


def problems_for(repo, organisation: str) -> list[str]:
    repo.replace(FILE, "- organisation: exemple-association-a ", f"- organisation: {organisation} ")
    return problems(repo)


# --- What readers see -------------------------------------------------------------------------------------


def language_names(codes: list[str], edition: str) -> str:
    return ", ".join(Locale(edition).languages[code] for code in codes)


def shown(value, edition: str) -> str:
    """A `{fr, en}` value as an edition shows it (its own version, else the French one)."""
    return (value.get(edition) or value["fr"]) if isinstance(value, dict) else value


def resolve(page_path: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), href))


def check_contact(block, contact: dict, edition: str) -> None:
    """One contact's block: name, role, mailto: and tel: links, languages in the page's language."""
    labels = EDITIONS[edition][2]
    assert block.select_one(".pdh-press-contact__name strong").get_text() == shown(contact["name"], edition)
    role = block.select_one(".pdh-press-contact__role")
    assert (role.get_text() if role else None) == (shown(contact["role"], edition) if contact.get("role") else None)
    ways = dict(zip([dt.get_text() for dt in block.select("dt")], block.select("dd"), strict=False))
    assert set(ways) <= set(labels) and ways, ways
    if contact.get("email"):
        link = ways[labels[0]].a
        assert (link["href"], link.get_text()) == (f"mailto:{contact['email']}", contact["email"])
    assert (labels[0] in ways) == bool(contact.get("email"))
    if contact.get("phone"):
        link = ways[labels[1]].a
        assert re.fullmatch(r"tel:\+[0-9]{8,15}", link["href"]), link["href"]
        assert link["href"] == "tel:+" + re.sub(r"[^0-9]", "", contact["phone"]) and link.get_text() == contact["phone"]
    assert (labels[1] in ways) == bool(contact.get("phone"))
    if contact.get("languages"):
        assert ways[labels[2]].get_text() == language_names(contact["languages"], edition)


def press_room_groups(site: Path, edition: str) -> list[tuple[str | None, list]]:
    """(member profile path or None for the coalition, contact blocks) in page order."""
    folder = EDITIONS[edition][0]
    page = soup(site / folder / "index.html")
    groups = []
    for ul in page.select("ul.pdh-press-contacts"):
        heading = ul.find_previous_sibling(["h2", "h3", "h4"])
        member = resolve(f"{folder}/index.html", heading.a["href"]) if heading.name == "h4" else None
        assert heading.name in ("h2", "h4"), heading
        groups.append((member, ul.select("li.pdh-press-contact")))
    return groups


@pytest.mark.parametrize("which, data", [("tiny_site", TINY), ("built_site", ROOT)])
@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_contact_is_in_the_press_room(request, which, data, edition):
    site = request.getfixturevalue(which)
    contacts = contacts_in(data)
    groups = press_room_groups(site, edition)
    coalition = [c for c in contacts if c["organisation"] == "pdh"]
    assert coalition and groups[0][0] is None, "the coalition's contacts come first"
    for block, contact in zip(groups[0][1], coalition, strict=True):
        check_contact(block, contact, edition)
    members_folder = EDITIONS[edition][1]
    by_member = {member: blocks for member, blocks in groups[1:]}
    written = [c for c in contacts if c["organisation"] != "pdh"]
    assert written and set(by_member) == {f"{members_folder}/{c['organisation']}" for c in written}
    for member, blocks in by_member.items():
        assert (site / member / "index.html").is_file()
        own = [c for c in written if f"{members_folder}/{c['organisation']}" == member]
        for block, contact in zip(blocks, own, strict=True):
            check_contact(block, contact, edition)
    assert (
        soup(site / EDITIONS[edition][0] / "index.html").select("a[href^='mailto:']")[0]["href"]
        == f"mailto:{coalition[0]['email']}"
    )


@pytest.mark.parametrize("which, data", [("tiny_site", TINY), ("built_site", ROOT)])
@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_member_contact_is_on_its_profile(request, which, data, edition):
    site = request.getfixturevalue(which)
    contacts = [c for c in contacts_in(data) if c["organisation"] != "pdh"]
    heading = {"fr": "Contact presse", "en": "Press contact"}[edition]
    folder = site / EDITIONS[edition][1]
    profiles = sorted(p.parent.name for p in folder.glob("*/index.html"))
    members_with = {c["organisation"] for c in contacts}
    assert members_with and members_with < set(profiles), "some profiles have no press contact, to check that too"
    for member in profiles:
        page = soup(folder / member / "index.html")
        if not page.select_one(".pdh-profile__head"):
            continue  # a facet folder (theme/, pays/…), not a profile
        blocks = page.select("li.pdh-press-contact")
        own = [c for c in contacts if c["organisation"] == member]
        assert len(blocks) == len(own), member
        if own:
            h2 = blocks[0].find_parent("ul").find_previous_sibling("h2")
            assert h2.get_text() == heading
        else:
            assert heading not in [h.get_text() for h in page.select("h2")]
        for block, contact in zip(blocks, own, strict=False):
            check_contact(block, contact, edition)


@pytest.fixture(scope="module")
def site_without_contacts(tmp_path_factory) -> Path:
    repo = tiny_project(tmp_path_factory.mktemp("no-press-contacts"))
    (repo.root / FILE).unlink()
    return repo.build()


@pytest.fixture(scope="module")
def site_with_member_contacts_only(tmp_path_factory) -> Path:
    repo = tiny_project(tmp_path_factory.mktemp("member-press-contacts"))
    repo.write(
        FILE,
        """
        # yaml-language-server: $schema=schemas/press-contacts.schema.json
        - organisation: exemple-association-b
          name: Presse & <3 (exemple)
          phone: "+57.601.000.0000"
    """,
    )
    return repo.build()


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_without_the_file_the_press_room_gives_the_secretariat_address(site_without_contacts, edition):
    page = soup(site_without_contacts / EDITIONS[edition][0] / "index.html")
    assert page.select("ul.pdh-press-contacts") == []
    link = page.select_one("a[href^='mailto:']")
    assert link["href"] == "mailto:secretariat@exemple.org"
    assert {"fr": "Secrétariat de la Plateforme :", "en": "Secretariat"}[edition] in link.parent.get_text()
    profile = soup(site_without_contacts / EDITIONS[edition][1] / "agir-ensemble" / "index.html")
    assert profile.select("ul.pdh-press-contacts") == [] and profile.select_one(".pdh-profile__head")


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_without_a_coalition_contact_members_are_still_listed(site_with_member_contacts_only, edition):
    site = site_with_member_contacts_only
    groups = press_room_groups(site, edition)
    assert [(member, len(blocks)) for member, blocks in groups] == [
        (f"{EDITIONS[edition][1]}/exemple-association-b", 1)
    ]
    check_contact(groups[0][1][0], {"name": "Presse & <3 (exemple)", "phone": "+57.601.000.0000"}, edition)
    page = soup(site / EDITIONS[edition][0] / "index.html")
    assert page.select_one("a[href^='mailto:']")["href"] == "mailto:secretariat@exemple.org"  # the fallback
    html = (site / EDITIONS[edition][0] / "index.html").read_text(encoding="utf-8")
    assert "Presse &amp; &lt;3 (exemple)" in html and "<3 (exemple)" not in html
    profile = soup(site / EDITIONS[edition][1] / "exemple-association-b" / "index.html")
    assert profile.select_one("a[href^='tel:']")["href"] == "tel:+576010000000"
