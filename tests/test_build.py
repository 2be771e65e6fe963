"""The site, built strict by MkDocs with the real hooks and templates, asserted on its HTML: the real one
(built_site) for what the sample shows, the tiny one (tests/tiny/) with a contribution or a fault added."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, html_tree, soup, tiny_project
from pdh.plan.catalog import load_catalog

SITE_URL_HOST = "plateforme-droits-homme.example.org"


def refuse_network(patch: pytest.MonkeyPatch, attempts: list) -> None:
    """Any attempt to open a network connection is recorded, and fails."""

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    patch.setattr(socket.socket, "connect", refuse)
    patch.setattr(socket, "create_connection", refuse)
    patch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def contributed(tmp_path_factory):
    """The tiny site with two contributed members, one with Markdown in its description, one with a tricky name,
    built with every network connection refused: (site, the attempts)."""
    tiny = tiny_project(tmp_path_factory.mktemp("contributed"))
    tiny.append(
        "data/members.yaml",
        """
- id: nouvelle-ong
  name: Nouvelle ONG (exemple)
  status: observer
  city: Lille
  description: |
    # Titre de l'exemple

    Texte **important** [piège](javascript:alert(1)) et [site](https://exemple.org).

- id: ong-speciale
  name: 'Droits & libertés "ensemble" < 5 (exemple)'
  status: observer
  city: Lille
  description: Exemple.
""",
    )
    attempts: list = []
    with pytest.MonkeyPatch.context() as patch:
        refuse_network(patch, attempts)
        return tiny.build(), attempts


def test_build_makes_no_network_request(contributed):
    site, attempts = contributed
    assert attempts == []
    assert (site / "index.html").is_file()


def test_one_profile_per_member_with_its_data(built_site):
    catalog = load_catalog(ROOT)
    profiles = sorted(p.parent.name for p in (built_site / "membres").glob("*/index.html"))
    assert profiles == sorted(m.id for m in catalog.members)
    for member in catalog.members:
        page = soup(built_site / "membres" / member.id / "index.html")
        article = page.select_one("article")
        assert article.h1.get_text(" ", strip=True).startswith(str(member.name))
        text = article.get_text(" ", strip=True)
        assert member.city in text
        assert page.title.get_text().startswith(str(member.name))


def test_agir_ensemble_profile_says_colombia_in_french(built_site):
    page = soup(built_site / "membres" / "agir-ensemble" / "index.html")
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select("dl.pdh-facts dt")
    }
    assert facts["Pays d'action"] == "Colombie"
    assert facts["Statut"] == "Membre"
    assert "Droits des femmes" in facts["Thèmes"]


def test_directory_lists_every_member_with_working_links(built_site):
    catalog = load_catalog(ROOT)
    page = soup(built_site / "membres" / "index.html")
    cards = page.select("li.pdh-card")
    assert len(cards) == len(catalog.members)
    for card in cards:
        href = card.select_one(".pdh-card__title a")["href"]
        assert (built_site / "membres" / href / "index.html").is_file(), href
    counts = page.select_one("#pdh-members-count").get_text(strip=True)
    members = sum(1 for m in catalog.members if m.status == "member")
    assert counts == f"{members} membres, {len(catalog.members) - members} observateur"


def test_join_page_states_the_figures_from_the_data(built_site):
    catalog = load_catalog(ROOT)
    text = soup(built_site / "adherer" / "index.html").select_one("article").get_text(" ", strip=True)
    assert (
        f", la Plateforme compte {catalog.counts['member']} membres et {catalog.counts['observer']} observateur" in text
    )
    assert "{{" not in text


def test_member_pages_are_not_in_the_navigation(built_site):
    page = soup(built_site / "index.html")
    nav_links = [a["href"] for a in page.select("nav.md-nav a.md-nav__link[href]")]
    assert any(h.rstrip("/").endswith("membres") for h in nav_links)
    assert not any("agir-ensemble" in h for h in nav_links)


def test_editorial_pages_are_built_with_their_title_and_description(built_site):
    for name, title in [
        ("a-propos", "À propos"),
        ("charte", None),
        ("adherer", None),
        ("contact", "Contact"),
        ("mentions-legales", None),
    ]:
        page = soup(built_site / name / "index.html")
        assert page.select_one("article h1"), name
        assert page.select_one('meta[name="description"]')["content"], name
        if title:
            assert page.title.get_text().startswith(title)
    assert "2017" in soup(built_site / "index.html").select_one("article").get_text()


def test_built_pages_load_nothing_from_other_hosts(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    checked = 0
    for path in pages:
        page = html_tree(path)
        for tag, attr in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
            ("object", "data"),
        ):
            for element in page.iter(tag):
                value = element.get(attr)
                rel = (element.get("rel") or "").split()
                if not value or (tag == "link" and "stylesheet" not in rel and "icon" not in rel):
                    continue
                host = urlsplit(value).hostname
                assert host in (None, SITE_URL_HOST), f"{path.relative_to(built_site)}: {tag} {value}"
                checked += 1
        for style in page.iter("style"):
            assert "@import" not in style.text_content() and "url(http" not in style.text_content()
    assert checked > 2 * len(pages)  # every page loads its stylesheets and scripts: they were all seen
    for css in built_site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_contributed_markdown_is_rendered_and_sanitised(contributed):
    site, _ = contributed
    article = soup(site / "membres" / "nouvelle-ong" / "index.html").select_one(".pdh-description")
    assert article.strong.get_text() == "important"
    assert article.h3.get_text() == "Titre de l'exemple"  # shifted below the page's h1/h2
    links = {a.get_text(): a.get("href") for a in article.find_all("a")}
    assert links == {"piège": None, "site": "https://exemple.org"}
    assert article.find("a", string="site")["rel"] == ["noopener", "noreferrer"]


def test_names_with_special_characters_are_escaped(contributed):
    site, _ = contributed
    html = (site / "membres" / "ong-speciale" / "index.html").read_text(encoding="utf-8")
    page = soup(site / "membres" / "ong-speciale" / "index.html")
    assert page.select_one("article h1").get_text() == 'Droits & libertés "ensemble" < 5 (exemple)'
    assert "Droits &amp; libertés &#34;ensemble&#34; &lt; 5" in html
    assert page.select_one('meta[name="description"]')["content"].startswith('Droits & libertés "ensemble" < 5')


def test_bad_data_stops_the_build_with_every_message(tiny, caplog):
    assert "migrations" in tiny.read("data/members.yaml")  # a member uses the theme made invalid below
    tiny.replace("data/members.yaml", "city: Lyon", "city: Lyon\n  webiste: https://exemple.org")
    tiny.replace("data/themes.yaml", "- id: migrations", "- id: migrations\n  colour: rouge")
    with pytest.raises(Abort):
        tiny.build()
    [message] = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert message.startswith("2 erreurs dans les données :")
    assert "data/members.yaml:" in message and "membre « agir-ensemble » — champ inconnu « webiste »" in message
    # The invalid theme is reported once; members that use it are not reported again.
    assert "data/themes.yaml:" in message and "thème « migrations » — champ inconnu « colour »" in message


def test_a_content_file_cannot_replace_a_generated_page(tiny, caplog):
    tiny.write("content/membres/agir-ensemble.md", "---\ntitle: Faux profil\n---\n\nFaux.\n")
    with pytest.raises(Abort):
        tiny.build()
    assert "membres/agir-ensemble.md : ce fichier est généré à partir des données" in caplog.text


def test_strict_build_fails_on_a_broken_link(tiny):
    tiny.append("content/contact.md", "\n[lien cassé](page-absente.md)\n")
    with pytest.raises(Abort):
        tiny.build()
