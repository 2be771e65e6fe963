"""The press room's kit, built from the data (#16): every file of `extra.pdh.organisation.press_kit` offered with
its format and size (pixels for an image), the logo rules, the boilerplate to copy, the dated figures (the
home page's computation), the credits and the latest positions."""

from __future__ import annotations

import re

import pytest
import yaml
from PIL import Image

from conftest import ROOT, soup
from pdh.content.text import plain_text
from pdh.plan.catalog import check_problems, load_catalog

PRESS = {"fr": "presse", "en": "en/press"}


def organisation() -> dict:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["extra"]["pdh"]["organisation"]


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_press_kit_file_is_offered_with_its_format_size_and_pixels(built_site, lang):
    page = soup(built_site / PRESS[lang] / "index.html")
    offered = {(built_site / PRESS[lang] / a["href"]).resolve(): a for a in page.select("article a[download]")}
    kit = organisation()["press_kit"]
    assert len(offered) == len(kit)
    for entry in kit:
        published = built_site / entry["file"]
        assert published.is_file()
        link = offered[published]
        assert words(link) == entry["title"][lang]
        item = words(link.find_parent("li"))
        kind = entry["file"].rsplit(".", 1)[1].upper()
        assert kind in item
        if kind == "PNG":
            with Image.open(ROOT / "content" / entry["file"]) as image:
                width, height = image.size
            assert re.search(rf"{width}\s*×\s*{height}\s*pixels", item), item
        if "credit" in entry:
            credits = page.select_one("#credits").find_next("ul")
            assert entry["title"][lang] in words(credits) and entry["credit"][lang] in words(credits)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_boilerplate_and_the_logo_rules_come_from_the_settings(built_site, lang):
    page = soup(built_site / PRESS[lang] / "index.html")
    about = " ".join(organisation()["about"][lang].split())
    boilerplate = page.select_one("#pdh-boilerplate")
    assert words(boilerplate.select_one("blockquote")) == about
    assert boilerplate.select_one("button.pdh-copy")["data-copy-text"] == plain_text(
        organisation()["about"][lang], 2000
    )
    rules = " ".join(organisation()["logo_rules"][lang].split())
    assert rules in words(page.select_one(".pdh-logo-rules"))


def test_the_press_room_states_the_home_pages_figures_with_their_date(built_site):
    for home, press in (("index.html", "presse/index.html"), ("en/index.html", "en/press/index.html")):
        tiles = [
            words(s.select_one(".pdh-figures__list")) + words(s.select_one(".pdh-figures__date"))
            for s in (
                soup(built_site / home).select_one(".pdh-figures"),
                soup(built_site / press).select_one(".pdh-figures"),
            )
        ]
        assert tiles[0] == tiles[1]
    catalog = load_catalog(ROOT)
    numbers = [int(n.get_text()) for n in soup(built_site / "presse" / "index.html").select(".pdh-figures__number")]
    assert numbers[:2] == [n for n in (catalog.counts["member"], catalog.counts["observer"]) if n]


def test_the_latest_positions_are_the_three_newest_position_papers(built_site):
    catalog = load_catalog(ROOT)
    newest = [
        p.id
        for p in sorted(
            (p for p in catalog.publications if p.meta.type == "note-de-position"),
            key=lambda p: (p.meta.date, p.id),
            reverse=True,
        )
    ][:3]
    page = soup(built_site / "presse" / "index.html")
    listed = page.select_one("#dernieres-positions").find_next("ul").select("h3 a")
    assert [a["href"].rstrip("/").rsplit("/", 1)[1] for a in listed] == newest


def test_a_press_kit_file_that_is_not_what_its_name_says_is_refused(repo):
    (repo.root / "content" / "presse" / "logo-provisoire-pdh-480.png").write_bytes(b"<html>not a picture</html>")
    assert [str(p) for p in check_problems(repo.root).sorted()] == [
        "content/presse/logo-provisoire-pdh-480.png — le contenu du fichier ne correspond pas à son extension « .png »"
    ]


def test_a_press_kit_credit_must_be_plain_text_by_language(repo):
    repo.replace("mkdocs.yml", 'credit: {fr: "Dessin provisoire du site (exemple)"', 'credit: {fr: "<b>x</b>"')
    found = [str(p) for p in check_problems(repo.root).sorted()]
    assert len(found) == 1 and found[0].startswith("mkdocs.yml:") and "extra.pdh.organisation.press_kit" in found[0]
