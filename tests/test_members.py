"""Issue « annuaire » : directory, filter pages, profiles, working groups, logos — from data/members.yaml alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from PIL import Image
from playwright.sync_api import expect

from conftest import ROOT, serve, soup
from pdh.content.yamlsafe import parse_yaml


def raw_members(root: Path) -> list[dict]:
    """The entries as written in the file, read without the catalog's indexes."""
    doc, problems = parse_yaml((root / "data" / "members.yaml").read_text(encoding="utf-8"), "members")
    assert problems == []
    return doc.data


def card_ids(page) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("li.pdh-card .pdh-card__title a")]


def test_every_filter_page_lists_exactly_the_matching_members(built_site):
    members = raw_members(ROOT)
    directory = soup(built_site / "membres" / "index.html")
    facet_links = {a["href"] for a in directory.select("nav.pdh-facets a")}
    checked = 0
    for kind, key, slug in (("theme", "themes", str), ("pays", "countries", str.lower)):
        values = {v for m in members for v in (m.get(key) or [])}
        for value in values:
            href = f"{kind}/{slug(value)}/"
            assert href in facet_links, href
            page = soup(built_site / "membres" / kind / slug(value) / "index.html")
            expected = {m["id"] for m in members if value in (m.get(key) or [])}
            assert sorted(card_ids(page)) == sorted(expected), value
            checked += 1
    for status, slug in (("member", "membre"), ("observer", "observateur")):
        page = soup(built_site / "membres" / "statut" / slug / "index.html")
        assert sorted(card_ids(page)) == sorted(m["id"] for m in members if m["status"] == status)
        assert f"statut/{slug}/" in facet_links
    assert checked > 10


def test_directory_cards_carry_the_filter_data(built_site):
    members = {m["id"]: m for m in raw_members(ROOT)}
    page = soup(built_site / "membres" / "index.html")
    cards = page.select("#pdh-members > li[data-pdh-item]")
    assert sorted(card_ids(page)) == sorted(members)
    for card in cards:
        member = members[card.select_one(".pdh-card__title a")["href"].rstrip("/")]
        assert card["data-theme"].split() == (member.get("themes") or [])
        assert card["data-pays"].split() == (member.get("countries") or [])
        assert card["data-statut"] == member["status"]
        assert card["data-groupe"].split() == (member.get("working_groups") or [])


def test_working_group_pages_list_their_participants_and_leads(built_site):
    members = raw_members(ROOT)
    doc, _ = parse_yaml((ROOT / "data" / "working-groups.yaml").read_text(encoding="utf-8"), "groups")
    index = soup(built_site / "groupes-de-travail" / "index.html")
    for group in doc.data:
        assert index.find("a", href=f"{group['id']}/")
        page = soup(built_site / "groupes-de-travail" / group["id"] / "index.html")
        expected = {m["id"] for m in members if group["id"] in (m.get("working_groups") or [])}
        assert set(card_ids(page)) == expected
        leads = {m["name"] for m in members if group["id"] in (m.get("leads") or [])}
        shown = page.find("h2", string="Animation")
        assert ({a.get_text() for a in shown.find_next("p").find_all("a")} if shown else set()) == leads
        data = json.loads(page.select_one('script[type="application/ld+json"]').string)
        assert data["@type"] == "Organization" and data["memberOf"]["name"] == "Plateforme droits de l'homme"
        assert {m["name"] for m in data["member"]} == {m["name"] for m in members if m["id"] in expected}


def test_profile_carries_json_ld_and_opengraph(built_site):
    page = soup(built_site / "membres" / "agir-ensemble" / "index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NGO"
    assert data["name"] == "Agir ensemble pour les droits humains"
    assert data["memberOf"]["name"] == "Plateforme droits de l'homme"
    assert data["areaServed"] == [{"@type": "Country", "name": "Colombie", "identifier": "CO"}]
    og = {m["property"]: m["content"] for m in page.select('meta[property^="og:"]')}
    assert og["og:title"] == "Agir ensemble pour les droits humains"
    assert og["og:type"] == "profile"
    assert og["og:url"].endswith("/membres/agir-ensemble/")


def test_raster_logo_is_resized_with_its_size_declared(built_site):
    page = soup(built_site / "membres" / "exemple-association-a" / "index.html")
    img = page.select_one(".pdh-profile__head img.pdh-logo")
    path = (built_site / "membres" / "exemple-association-a" / img["src"]).resolve()
    with Image.open(path) as image:
        assert image.format == "WEBP"
        assert max(image.size) <= 320
        assert (int(img["width"]), int(img["height"])) == (round(image.width / 2), round(image.height / 2))
    with Image.open(ROOT / "data" / "logos" / "exemple-association-a.png") as original:
        assert abs(original.width / original.height - image.width / image.height) < 0.02
    og = {m["property"]: m["content"] for m in page.select('meta[property^="og:"]')}
    assert og["og:image"].endswith("assets/cartes/membres/exemple-association-a.png")  # its social card, logo drawn in


def test_every_logo_and_placeholder_reserves_its_box(built_site):
    page = soup(built_site / "membres" / "index.html")
    for card in page.select("li.pdh-card"):
        logo = card.select_one(".pdh-logo")
        if logo.name == "img":
            assert int(logo["width"]) > 0 and int(logo["height"]) > 0 and logo["alt"].startswith("Logo : ")
            assert (built_site / "membres" / logo["src"]).resolve().is_file()
        else:
            assert "pdh-logo--placeholder" in logo["class"] and logo["aria-hidden"] == "true"
    agir = soup(built_site / "membres" / "agir-ensemble" / "index.html").select_one(".pdh-logo--placeholder")
    assert agir.get_text() == "A"  # no acronym of our own invention for a real member


def test_svg_logo_with_script_fails_the_build_naming_the_file(tiny, caplog):
    tiny.write(
        "data/logos/agir-ensemble.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    tiny.replace(
        "data/members.yaml", "- id: agir-ensemble\n", "- id: agir-ensemble\n  logo: data/logos/agir-ensemble.svg\n"
    )
    with pytest.raises(Abort):
        tiny.build()
    line = tiny.line_of("data/members.yaml", "logo: data/logos/agir-ensemble.svg")
    assert (
        f"data/members.yaml:{line} — membre « agir-ensemble » — logo : "
        "« data/logos/agir-ensemble.svg » : SVG refusé : élément actif <script>"
    ) in caplog.text


NEW = """
- id: nouvelle-ong
  name: Nouvelle ONG (exemple)
  status: observer
  city: Lille
  description: Une organisation d'exemple.
  themes: [migrations]
  countries: [BO]
  working_groups: [communication]
"""


def test_adding_one_entry_is_the_only_change_needed(tiny):
    assert tiny.read("data/members.yaml").count("status: observer") == 1
    tiny.append("data/members.yaml", NEW)
    site = tiny.build()
    assert (site / "membres" / "nouvelle-ong" / "index.html").is_file()
    assert "nouvelle-ong" in card_ids(soup(site / "membres" / "index.html"))
    assert "nouvelle-ong" in card_ids(soup(site / "membres" / "theme" / "migrations" / "index.html"))
    assert card_ids(soup(site / "membres" / "pays" / "bo" / "index.html")) == ["nouvelle-ong"]
    assert "nouvelle-ong" in card_ids(soup(site / "membres" / "statut" / "observateur" / "index.html"))
    assert "nouvelle-ong" in card_ids(soup(site / "groupes-de-travail" / "communication" / "index.html"))
    text = soup(site / "adherer" / "index.html").select_one("article").get_text(" ")
    assert "et 2 observateurs" in text


def test_removing_one_entry_is_the_only_change_needed(tiny):
    text = tiny.read("data/members.yaml")
    start = text.index("- id: exemple-association-b")
    end = text.find("\n- id:", start)
    tiny.write("data/members.yaml", text[:start] + (text[end + 1 :] if end > 0 else ""))
    site = tiny.build()  # the completeness check passes too
    assert not (site / "membres" / "exemple-association-b").exists()
    assert "exemple-association-b" not in (site / "membres" / "index.html").read_text(encoding="utf-8")
    assert not any("exemple-association-b" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_profile_links_everything_the_member_is_part_of(tiny):
    for member_id in ("ong-auteure", "ong-cosignataire"):
        tiny.append("data/members.yaml", NEW.replace("nouvelle-ong", member_id))
    tiny.write(
        "content/publications/2026-note-exemple.md",
        """
    ---
    title: Note d'exemple sur la Colombie
    date: "2026-03-08"
    type: note-de-position
    summary: Résumé d'exemple.
    authors: [ong-auteure]
    signatories: [ong-cosignataire]
    working_groups: [plaidoyer-institutionnel]
    ---

    Texte d'exemple.
    """,
    )
    tiny.append(
        "data/events.yaml",
        """
- id: rencontre-exemple
  title: Rencontre d'exemple
  type: conference
  start: 2026-06-12T18:00+02:00
  online_url: https://exemple.org/visio
  organisers: [ong-auteure]
  working_group: plaidoyer-institutionnel
""",
    )
    tiny.append(
        "data/advocacy-actions.yaml",
        """
- id: action-exemple
  title: Action d'exemple
  objective: Objectif d'exemple.
  start: "2026-01-15"
  members: [ong-auteure, exemple-association-b]
""",
    )
    site = tiny.build()
    profile_dir = site / "membres" / "ong-auteure"
    page = soup(profile_dir / "index.html")
    sections = {
        h2.get_text(): h2.find_next_sibling(["ul", "p"])
        if h2.get_text() != "Publications"
        else h2.find_next_sibling("ul")
        for h2 in page.select("article h2")
    }
    links = {
        name: [(a.get_text(), a["href"]) for a in sections[name].find_all("a")]
        for name in ("Publications", "Événements organisés", "Actions de plaidoyer")
    }
    assert links == {
        "Publications": [("Note d'exemple sur la Colombie", "../../publications/2026-note-exemple/")],
        "Événements organisés": [("Rencontre d'exemple", "../../agenda/rencontre-exemple/")],
        "Actions de plaidoyer": [("Action d'exemple", "../../plaidoyer/action-exemple/")],
    }
    for targets in links.values():
        for _, href in targets:
            assert (profile_dir / href / "index.html").resolve().is_file(), href
    cosigner = soup(site / "membres" / "ong-cosignataire" / "index.html")
    assert "(cosignataire)" in cosigner.find("a", string="Note d'exemple sur la Colombie").parent.get_text()
    group = soup(site / "groupes-de-travail" / "plaidoyer-institutionnel" / "index.html")
    assert group.find("a", string="Note d'exemple sur la Colombie")["href"] == "../../publications/2026-note-exemple/"
    assert group.find("a", string="Rencontre d'exemple")["href"] == "../../agenda/rencontre-exemple/"
    repo_other = soup(site / "membres" / "ong-cosignataire" / "index.html").get_text()
    assert "Aucun événement pour le moment." in repo_other


def test_directory_filters_in_chromium(built_site, page):
    """Filter by a theme and a country: visible cards and the URL follow; the URL restores the view."""
    members = raw_members(ROOT)
    theme, country = "droits-des-femmes", "SN"
    expected = sorted(
        m["id"] for m in members if theme in (m.get("themes") or []) and country in (m.get("countries") or [])
    )
    assert expected  # the sample data must make this filter meaningful
    with serve(built_site) as base:
        page.goto(base + "membres/")
        assert page.locator("form[data-pdh-filter]").is_visible()
        page.select_option("#filtre-theme", theme)
        page.select_option("#filtre-pays", country)
        visible = page.locator("#pdh-members > li:visible .pdh-card__title a")
        assert (
            sorted(h.rstrip("/") for h in visible.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
            == expected
        )
        assert re.search(rf"\?theme={theme}&pays={country}$", page.url)
        n = len(expected)
        assert (
            page.locator("#pdh-members-count").inner_text()
            == f"{n} organisation{'s' if n > 1 else ''} affichée{'s' if n > 1 else ''}"
        )
        shared = page.url
        page.goto(base)
        page.goto(shared)
        assert page.locator("#filtre-theme").input_value() == theme
        assert page.locator("#filtre-pays").input_value() == country
        assert page.locator("#pdh-members > li:visible").count() == len(expected)
        page.click("button[type=reset]")
        expect(page.locator("#pdh-members > li[hidden]")).to_have_count(0)
        assert page.url.endswith("/membres/")
        assert page.locator("#pdh-members > li:visible").count() == len(members)


@pytest.mark.parametrize(
    "shuffled, expected",
    [
        (
            ["Zèbre", "Écoute", "abri", "Œuvre", "Oeil", "eau", "Élan", "Ezra", "Ecoute"],
            ["abri", "eau", "Ecoute", "Écoute", "Élan", "Ezra", "Oeil", "Œuvre", "Zèbre"],
        ),
        (
            [
                "Équateur",
                "Égypte",
                "Émirats arabes unis",
                "Espagne",
                "États-Unis",
                "Éthiopie",
                "Zambie",
                "Afrique du Sud",
            ],
            [
                "Afrique du Sud",
                "Égypte",
                "Émirats arabes unis",
                "Équateur",
                "Espagne",
                "États-Unis",
                "Éthiopie",
                "Zambie",
            ],
        ),
    ],
)
def test_french_alphabetical_order(shuffled, expected):
    """Accents, case and ligatures only break ties: « Écoute » among the E (issue #15: they sorted after « z »)."""
    from pdh.content.collation import collation_key

    assert sorted(shuffled, key=collation_key) == expected


def test_the_directory_and_its_filter_pages_follow_french_order(tiny):
    from conftest import NEW_MEMBER
    from pdh.content.collation import collation_key

    for member_id, name in (
        ("ecoute-solidaire", "Écoute solidaire (exemple)"),
        ("forum-exemple", "Forum exemple (exemple)"),
        ("oeuvre-exemple", "Œuvre commune (exemple)"),
        ("zero-exclusion", "Zéro exclusion (exemple)"),
    ):
        tiny.append(
            "data/members.yaml", NEW_MEMBER.replace("nouvelle-ong", member_id).replace("Nouvelle ONG (exemple)", name)
        )
    site = tiny.build()
    names = {m["id"]: m["name"] for m in raw_members(tiny.root)}
    for path in (
        site / "membres" / "index.html",
        site / "membres" / "statut" / "membre" / "index.html",
        site / "en" / "members" / "index.html",
    ):
        shown = [names[i] for i in card_ids(soup(path))]
        assert "Écoute solidaire (exemple)" in shown and "Zéro exclusion (exemple)" in shown
        assert shown == sorted(shown, key=collation_key), path
    shown = [names[i] for i in card_ids(soup(site / "membres" / "index.html"))]
    assert (
        shown.index("Écoute solidaire (exemple)")
        < shown.index("Forum exemple (exemple)")
        < shown.index("Œuvre commune (exemple)")
    )


def test_directory_counts_follow_the_filters_and_back_undoes_one_in_chromium(built_site, page):
    """Each option says how many organisations it would show given the other filters (the library's do);
    each filter is a step of the history, so Back undoes the last one (issue #15)."""
    members = raw_members(ROOT)
    theme = "droits-des-femmes"
    with_theme = [m for m in members if theme in (m.get("themes") or [])]
    expected = {
        code: sum(1 for m in with_theme if code in (m.get("countries") or []))
        for code in {c for m in members for c in m.get("countries") or []}
    }
    assert 0 in expected.values() and any(expected.values())  # the sample makes both kinds of option
    with serve(built_site) as base:
        page.goto(base + "membres/")
        page.select_option("#filtre-theme", theme)
        expect(page).to_have_url(re.compile(rf"\?theme={theme}$"))
        for code, count in expected.items():
            expect(page.locator(f"#filtre-pays option[value='{code}']")).to_have_text(re.compile(rf" \({count}\)$"))
        country = next(code for code, count in expected.items() if count)
        page.select_option("#filtre-pays", country)
        expect(page).to_have_url(re.compile(rf"\?theme={theme}&pays={country}$"))
        statuses = {m["status"] for m in with_theme if country in (m.get("countries") or [])}
        for status in statuses:
            expect(page.locator(f"#filtre-statut option[value='{status}']")).not_to_have_text(re.compile(r" \(0\)$"))
        page.go_back()
        expect(page).to_have_url(re.compile(rf"\?theme={theme}$"))
        expect(page.locator("#filtre-pays")).to_have_value("")
        expect(page.locator("#pdh-members > li:visible")).to_have_count(len(with_theme))
        page.go_back()
        expect(page).to_have_url(base + "membres/")
        expect(page.locator("#filtre-theme")).to_have_value("")
        expect(page.locator("#pdh-members > li:visible")).to_have_count(len(members))


@pytest.mark.parametrize(("width", "folded"), [(390, True), (1366, False)])
def test_filters_fold_behind_their_title_on_a_phone_in_chromium(built_site, page, width, folded):
    page.set_viewport_size({"width": width, "height": 844})
    with serve(built_site) as base:
        for path, chosen in (
            ("membres/", "theme=droits-des-femmes"),
            ("publications/", "theme=droits-des-femmes"),
            ("agenda/", "type=formation"),
        ):
            page.goto(base + path)
            panel = page.locator("details.pdh-filters__panel")
            expect(panel.locator("summary")).to_be_visible()
            expect(panel.locator("select").first).to_be_visible(visible=not folded)
            if folded:
                panel.locator("summary").click()
                expect(panel.locator("select").first).to_be_visible()
            page.goto(base + path + "?" + chosen)  # a chosen filter shows itself
            expect(page.locator("details.pdh-filters__panel select").first).to_be_visible()
