"""« La Plateforme en chiffres »: each indicator computed here, independently, from a small fixture,
then compared with the page's tables, its charts, the open data, the yearly summaries and every
figure the home page, the press room and « À propos » show.

The independent computation reads the YAML with PyYAML's BaseLoader (everything a string) and
walks dates by hand; it shares no code with pdh.plan.indicators.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from chartdata import chart_values
from conftest import serve, soup, tiny_project

EPOCH = 1796000000  # 30 November 2026, 08:53 UTC
TODAY = datetime.fromtimestamp(EPOCH, UTC).date()
MEMBERS = """
- id: ancienne-ong
  name: Ancienne ONG (exemple)
  status: member
  joined: "2018"
  left: "2023-06"
  city: Nantes
  description: Une organisation d'exemple qui a quitté la Plateforme.
- id: ong-presente
  name: ONG présente (exemple)
  status: member
  joined: "2022-02"
  city: Rennes
  description: Une organisation d'exemple dont la seule activité est sa présence à l'assemblée générale.
"""
EVENTS = """
- id: ag-exemple-2026
  title: Assemblée générale (exemple)
  type: assemblee-generale
  start: "2026-06-18"
  place:
    city: Paris
  audience: members
  attendance: [ong-presente, exemple-association-a]
- id: formation-exemple-2026
  title: Formation au plaidoyer (exemple)
  type: formation
  start: 2026-03-10T09:30+01:00
  place:
    city: Lyon
  organisers: [exemple-association-b]
- id: reunion-annulee-2026
  title: Réunion annulée (exemple)
  type: reunion-groupe-de-travail
  start: "2026-04-02"
  place:
    city: Paris
  audience: members
  status: cancelled
- id: atelier-decembre-2026
  title: Atelier à venir (exemple)
  type: atelier
  start: "2026-12-15"
  place:
    city: Lyon
  organisers: [agir-ensemble]
- id: reunion-ancienne-2022
  title: Réunion de 2022 (exemple)
  type: reunion-groupe-de-travail
  start: "2022-05-05"
  place:
    city: Paris
  audience: members
  attendance: [ancienne-ong, exemple-association-a]
"""
ACTIONS = """
- id: action-exemple-2026
  title: Action de 2026 (exemple)
  objective: Une action d'exemple.
  start: "2026-02-01"
  members: [exemple-association-a]
- id: action-exemple-2022
  title: Action de 2022 (exemple)
  objective: Une action d'exemple.
  start: "2022-09-01"
  status: completed
"""
SETTINGS = """
- id: organisations
  baseline: "2020-12-31"
  target: 30
- id: participation
  baseline: "2021-01-01"
  target: 80
- id: plaidoyer
  baseline: "2021-01-01"
  target: 2
- id: abonnes
  baseline: "2026-02-01"
  target: 60
"""
AUDIENCE = """
- {date: "2026-01-10", platform: linkedin, followers: 100}
- {date: "2026-02-01", platform: linkedin, followers: 120}
- {date: "2026-02-01", platform: bluesky, followers: 30}
- {date: "2026-09-01", platform: linkedin, followers: 150}
- {date: "2026-11-01", platform: bluesky, followers: 60}
"""


@pytest.fixture(scope="module")
def fixture_repo(tmp_path_factory) -> Path:
    repo = tiny_project(tmp_path_factory.mktemp("figures"))
    repo.append("data/members.yaml", MEMBERS)
    repo.append("data/events.yaml", EVENTS)
    repo.append("data/advocacy-actions.yaml", ACTIONS)
    repo.write("data/indicators.yaml", SETTINGS)
    repo.write("data/social-audience.yaml", AUDIENCE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        patch.delenv("SITE_URL", raising=False)
        repo.build()
    return repo.root


@pytest.fixture(scope="module")
def site(fixture_repo: Path) -> Path:
    return fixture_repo / "site"


# ---------- the independent computation ----------


def load(root: Path, name: str) -> list[dict]:
    path = root / "data" / name
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) if path.exists() else []


def first_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def last_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return following - timedelta(days=1)


def start_day(event: dict) -> date:
    return date.fromisoformat(event["start"][:10])


def publications(root: Path) -> list[dict]:
    out = []
    for path in sorted((root / "content" / "publications").glob("*.md")):
        if path.stem.count(".") == 0:  # translations (<id>.en.md) are not publications
            front = path.read_text(encoding="utf-8").split("---")[1]
            out.append(yaml.load(front, Loader=yaml.BaseLoader))
    return out


def belongs(member: dict, day: date) -> bool:
    return ("joined" not in member or first_day(member["joined"]) <= day) and (
        "left" not in member or day <= last_day(member["left"])
    )


def expected(root: Path) -> dict[str, dict[tuple[str, str], int | None]]:
    """Every indicator's table, as (period, series) → value, computed from the files by hand."""
    members, events, actions = (
        load(root, "members.yaml"),
        load(root, "events.yaml"),
        load(root, "advocacy-actions.yaml"),
    )
    pubs = publications(root)
    settings = {s["id"]: s for s in load(root, "indicators.yaml")}
    held = [e for e in events if e.get("status") != "cancelled"]
    out: dict[str, dict] = {}

    def years(kind: str, data_years: list[int]) -> range:
        known = [y for y in data_years if y <= TODAY.year]
        if kind in settings:
            known.append(int(settings[kind]["baseline"][:4]))
        return range(min(known, default=TODAY.year), TODAY.year + 1)

    def end(y: int) -> date:
        return min(date(y, 12, 31), TODAY)

    table = {}
    for y in years("organisations", [int(m["joined"][:4]) for m in members if "joined" in m]):
        for status, key in (("member", "members"), ("observer", "observers")):
            table[str(y), key] = sum(1 for m in members if m["status"] == status and belongs(m, end(y)))
    out["organisations"] = table

    def active(start: date, stop: date) -> set[str]:
        ids = set()
        for e in held:
            if start <= start_day(e) <= stop:
                ids |= set(e.get("attendance", [])) | set(e.get("organisers", []))
        for p in pubs:
            if start <= date.fromisoformat(p["date"]) <= stop:
                ids |= set(p.get("authors", [])) | set(p.get("signatories", []))
        return ids

    def share(part: int, whole: int) -> int | None:
        return None if not whole else int(100 * part / whole + 0.5)

    table = {}
    activity_years = [start_day(e).year for e in held if e.get("attendance") or e.get("organisers")]
    for y in years("participation", activity_years + [int(p["date"][:4]) for p in pubs]):
        whole = {m["id"] for m in members if m["status"] == "member" and belongs(m, end(y))}
        part = active(date(y, 1, 1), end(y)) & whole
        table[str(y), "share"], table[str(y), "active"], table[str(y), "members"] = (
            share(len(part), len(whole)),
            len(part),
            len(whole),
        )
    out["participation"] = table

    out["plaidoyer"] = {
        (str(y), "actions"): sum(1 for a in actions if int(a["start"][:4]) == y)
        for y in years("plaidoyer", [int(a["start"][:4]) for a in actions])
    }
    table = {}
    for y in years("evenements", [start_day(e).year for e in held]):
        table[str(y), "trainings"] = sum(1 for e in held if start_day(e).year == y and e["type"] == "formation")
        table[str(y), "events"] = sum(1 for e in held if start_day(e).year == y and e["type"] != "formation")
    out["evenements"] = table
    table = {}
    pub_years = years("publications", [int(p["date"][:4]) for p in pubs])
    for kind in sorted({p["type"] for p in pubs if int(p["date"][:4]) in pub_years}):
        for y in pub_years:
            table[str(y), kind] = sum(1 for p in pubs if p["type"] == kind and int(p["date"][:4]) == y)
    out["publications"] = table
    readings = load(root, "social-audience.yaml")
    table, last = {}, {}
    for day in sorted({r["date"] for r in readings}):
        last.update({r["platform"]: int(r["followers"]) for r in readings if r["date"] == day})
        for platform in {r["platform"] for r in readings}:
            table[day, platform] = last.get(platform)
        table[day, "total"] = sum(last.values())
    out["abonnes"] = table
    return out


def current(root: Path) -> dict[str, int]:
    """Today's values: organisations, active share over the last 12 months, this year's counts, growth."""
    members = [m for m in load(root, "members.yaml") if "left" not in m or last_day(m["left"]) >= TODAY]
    table = expected(root)
    events = load(root, "events.yaml")
    window = TODAY - timedelta(days=364)
    ids = set()
    for e in events:
        if e.get("status") != "cancelled" and window <= start_day(e) <= TODAY:
            ids |= set(e.get("attendance", [])) | set(e.get("organisers", []))
    for p in publications(root):
        if window <= date.fromisoformat(p["date"]) <= TODAY:
            ids |= set(p["authors"]) | set(p.get("signatories", []))
    whole = {m["id"] for m in members if m["status"] == "member"}
    settings = {s["id"]: s for s in load(root, "indicators.yaml")}
    totals = {day: v for (day, key), v in table["abonnes"].items() if key == "total"}
    base = [v for day, v in sorted(totals.items()) if day <= settings["abonnes"]["baseline"]][-1]
    latest = totals[max(totals)]
    return {
        "members": sum(1 for m in members if m["status"] == "member"),
        "observers": sum(1 for m in members if m["status"] == "observer"),
        "participation": int(100 * len(ids & whole) / len(whole) + 0.5),
        "plaidoyer": table["plaidoyer"][str(TODAY.year), "actions"],
        "evenements": table["evenements"][str(TODAY.year), "trainings"]
        + table["evenements"][str(TODAY.year), "events"],
        "abonnes": int(100 * (latest - base) / base + 0.5),
        "base": base,
        "latest": latest,
    }


# ---------- what the site shows ----------


def words(path: Path) -> str:
    """The article's text on one line (narrow no-break spaces kept: they are part of « 67 % »)."""
    return re.sub(r"[ \t\r\n]+", " ", soup(path).find("article").get_text(" ")).strip()


def number(text: str) -> int | None:
    digits = re.sub(r"[^0-9]", "", text)
    return int(digits) if digits else None


def page_table(site: Path, folder: str, indicator: str) -> dict[tuple[str, str], int | None]:
    """The indicator's table on the page, as (period, series key) → value (series keys from the export)."""
    section = soup(site / folder / "index.html").find("section", attrs={"aria-labelledby": f"indicateur-{indicator}"})
    table = section.find("table")
    headers = [th.get_text(strip=True) for th in table.find("thead").find_all("th")][1:]
    exported = export(site)
    keys = {}  # header label → series key, through the export's order (same as the page's columns)
    series = list(dict.fromkeys(key for (ind, _period, key) in exported if ind == indicator))
    keys = dict(zip(headers, series, strict=False))
    out = {}
    for row in table.find("tbody").find_all("tr"):
        period = row.find("th").get_text(strip=True)
        for header, cell in zip(headers, row.find_all("td"), strict=False):
            out[period, keys[header]] = number(cell.get_text())
    return out


def export(site: Path) -> dict[tuple[str, str, str], int | None]:
    rows = json.loads((site / "donnees" / "indicators.json").read_text(encoding="utf-8"))
    return {(r["indicator"], r["period"], r["series"]): r["value"] for r in rows}


FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def iso_of_french(text: str) -> str:
    day, month, year = text.replace("1er", "1").split()
    return date(int(year), FRENCH_MONTHS.index(month) + 1, int(day)).isoformat()


@pytest.mark.parametrize(
    "indicator", ["organisations", "participation", "plaidoyer", "evenements", "publications", "abonnes"]
)
def test_each_indicator_table_equals_the_independent_computation(site, fixture_repo, indicator):
    want = expected(fixture_repo)[indicator]
    shown = page_table(site, "chiffres", indicator)
    if indicator == "abonnes":  # the page writes the reading days in words
        shown = {(iso_of_french(period), key): value for (period, key), value in shown.items()}
    assert shown == want
    assert {(period, key): value for (ind, period, key), value in export(site).items() if ind == indicator} == want


@pytest.mark.parametrize(
    "indicator", ["organisations", "participation", "plaidoyer", "evenements", "publications", "abonnes"]
)
def test_each_chart_draws_the_numbers_of_its_table(site, indicator):
    values = chart_values((site / "chiffres" / f"{indicator}.svg").read_text(encoding="utf-8"))
    section = soup(site / "chiffres" / "index.html").find(
        "section", attrs={"aria-labelledby": f"indicateur-{indicator}"}
    )
    table = section.find("table")
    headers = [th.get_text(strip=True) for th in table.find("thead").find_all("th")][1:]
    rows = {
        row.find("th").get_text(strip=True): [number(td.get_text()) for td in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    }
    drawn = {series for series, _period in values}
    assert drawn and drawn <= set(headers), (drawn, headers)
    for (series, period), value in values.items():
        label = period if indicator != "abonnes" else next(p for p in rows if iso_of_french(p) == period)
        assert rows[label][headers.index(series)] == value, (series, period)
    marks = {
        (series, period)
        for series in drawn
        for period, cells in rows.items()
        if cells[headers.index(series)] is not None
    }
    assert len(values) == len(marks)  # every number of a drawn column is a mark, and nothing else is
    img = section.find("img")
    assert img["src"] == f"{indicator}.svg" and img["alt"].startswith("Graphique")


def test_current_values_targets_and_date_on_the_page(site, fixture_repo):
    now = current(fixture_repo)
    text = words(site / "chiffres" / "index.html")
    assert "Chiffres calculés au 30 novembre 2026" in text
    assert f"{now['members']} membres et {now['observers']} observateur au 30 novembre 2026" in text
    assert (
        f"{now['participation']}\u202f% des membres ont pris part" in text and "Objectif : au moins 80\u202f%" in text
    )
    assert f"{now['plaidoyer']} action coordonnée en 2026" in text and "Objectif : 2 par an" in text
    assert f"{now['evenements']} événements en 2026, dont 1 formation" in text
    assert f"soit +{now['abonnes']}\u202f% par rapport à la base de référence ({now['base']} abonnés)" in text
    assert f"Objectif : +60\u202f%, soit {now['base'] + now['base'] * 60 // 100} abonnés" in text
    assert "Date de référence : 1er février 2026" in text and "Mode de calcul" in text


def test_every_count_elsewhere_comes_from_the_same_computation(site, fixture_repo):
    now = current(fixture_repo)
    for folder in ("", "presse/"):
        tiles = {
            li.find(class_="pdh-figures__label").get_text(strip=True): int(li.find("strong").get_text())
            for li in soup(site / folder / "index.html").select(".pdh-figures li")
        }
        assert tiles["organisations membres"] == now["members"], folder
        assert tiles["organisation observatrice"] == now["observers"], folder
        assert tiles[f"événements en {TODAY.year}"] == now["evenements"], folder
        assert "au 30 novembre 2026" in soup(site / folder / "index.html").select_one(".pdh-figures__date").get_text()
        assert soup(site / folder / "index.html").select_one(".pdh-figures .pdh-more a")["href"].endswith("chiffres/")
    about = " ".join(soup(site / "a-propos" / "index.html").find("article").get_text(" ").split())
    assert (
        f"Au 30 novembre 2026, la Plateforme compte {now['members']} membres et {now['observers']} observateur."
        in about
    )
    members_page = " ".join(soup(site / "membres" / "index.html").find("article").get_text(" ").split())
    assert f"réunit {now['members']} membres et {now['observers']} observateur" in members_page


def test_english_page_shows_the_same_numbers(site, fixture_repo):
    for indicator in ("organisations", "participation", "plaidoyer", "evenements", "publications"):
        assert page_table(site, "en/figures", indicator) == expected(fixture_repo)[indicator]
    english = chart_values((site / "en" / "figures" / "organisations.svg").read_text(encoding="utf-8"))
    assert ("Members", str(TODAY.year)) in english


def test_a_former_member_keeps_its_page_but_leaves_lists_and_counts(site):
    directory = soup(site / "membres" / "index.html")
    assert "ancienne-ong" not in " ".join(a["href"] for a in directory.select("#pdh-members a"))
    former = directory.find(id="anciens-membres").find_next("ul").get_text(" ")
    assert "Ancienne ONG (exemple)" in former and "juin 2023" in former
    profile = " ".join(soup(site / "membres" / "ancienne-ong" / "index.html").find("article").get_text(" ").split())
    assert "A quitté la Plateforme en juin 2023" in profile
    assert not (site / "membres" / "statut" / "membre" / "index.html").read_text(encoding="utf-8").count("ancienne-ong")
    rows = {
        r["id"]: r for r in csv.DictReader(io.StringIO((site / "donnees" / "members.csv").read_text(encoding="utf-8")))
    }
    assert rows["ancienne-ong"]["left"] == "2023-06" and rows["ong-presente"]["left"] == ""


def test_attendance_is_counted_never_published(site, fixture_repo):
    """Who attended a meeting shows nowhere: not on the event page, not in the exports, not in the search."""
    assert "ong-presente" not in (site / "donnees" / "events.json").read_text(encoding="utf-8")
    assert "attendance" not in (site / "donnees" / "datapackage.json").read_text(encoding="utf-8")
    for path in [
        site / "agenda" / "ag-exemple-2026" / "index.html",
        *site.glob("agenda/**/*.ics"),
        *site.glob("flux/**/*.xml"),
        *site.glob("flux/**/*.json"),
    ]:
        text = path.read_text(encoding="utf-8")
        assert "ong-presente" not in text and "ONG présente" not in text, path
    assert current(fixture_repo)["participation"] == number(
        soup(site / "chiffres" / "index.html").select_one('a[href="#indicateur-participation"] strong').get_text()
    )


def test_yearly_summaries(site, fixture_repo):
    index = soup(site / "chiffres" / "index.html")
    linked = {a["href"] for a in index.select(".pdh-years a")}
    events = load(fixture_repo, "events.yaml")
    for year in (2022, 2023, TODAY.year):
        assert f"{year}/" in linked
    summary = soup(site / "chiffres" / str(TODAY.year) / "index.html")
    trainings = {a.get_text(strip=True) for a in summary.find(id="formations").find_next("ul").select("a")}
    others = {a.get_text(strip=True) for a in summary.find(id="evenements").find_next("ul").select("a")}
    held = [e for e in events if e.get("status") != "cancelled" and start_day(e).year == TODAY.year]
    assert trainings == {e["title"] for e in held if e["type"] == "formation"}
    assert others == {e["title"] for e in held if e["type"] != "formation"}
    actions = {a.get_text(strip=True) for a in summary.find(id="plaidoyer").find_next("ul").select("a")}
    assert actions == {
        a["title"] for a in load(fixture_repo, "advocacy-actions.yaml") if a["start"].startswith(str(TODAY.year))
    }
    pubs = {a.get_text(strip=True) for a in summary.find(id="publications").find_next("ul").select("a")}
    assert pubs == {p["title"] for p in publications(fixture_repo) if p["date"].startswith(str(TODAY.year))}
    left = " ".join(soup(site / "chiffres" / "2023" / "index.html").find("article").get_text(" ").split())
    assert "1 organisation a quitté la Plateforme : Ancienne ONG (exemple) (juin 2023)" in left


def test_a_yearly_summary_prints_without_the_site_chrome(site, page):
    with serve(site) as base:
        page.goto(base + f"chiffres/{TODAY.year}/")
        page.emulate_media(media="print")
        expect(page.locator(".md-header")).to_be_hidden()
        expect(page.locator(".md-footer, .pdh-footer__nav").first).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Bilan {TODAY.year}")
        expect(page.locator("#formations")).to_be_visible()


def test_the_about_pages_state_the_targets_of_data_indicators():
    """« Nos objectifs » is written by hand: it must say what data/indicators.yaml sets, in both languages."""
    from conftest import ROOT

    targets = {s["id"]: int(s["target"]) for s in load(ROOT, "indicators.yaml") if "target" in s}
    french = (ROOT / "content" / "a-propos.md").read_text(encoding="utf-8")
    english = (ROOT / "content" / "en" / "about.md").read_text(encoding="utf-8")
    in_words = {
        1: ("une action", "one coordinated"),
        2: ("deux actions", "two coordinated"),
        3: ("trois actions", "three coordinated"),
    }
    assert f"rassembler {targets['organisations']} ONG, dont au moins {targets['participation']} %" in french
    assert f"Augmenter de {targets['abonnes']} %" in french and f"Mener {in_words[targets['plaidoyer']][0]}" in french
    assert f"{targets['organisations']} NGOs, at least {targets['participation']}%" in english
    assert f"by {targets['abonnes']}%" in english and in_words[targets["plaidoyer"]][1] in english
