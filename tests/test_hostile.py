"""A corpus of hostile contributions: each one is refused with a clear message, or built inert."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import NEW_MEMBER, html_tree, serve, soup, theme_dirs, tiny_project
from pdh.plan.catalog import check_problems

MEMBER = NEW_MEMBER

# Payloads that must stop the build: (file, text to append or write, expected fragment of the message).
REFUSED = {
    "script in a name": (
        "data/members.yaml",
        MEMBER.replace("Nouvelle ONG (exemple)", "'<script>alert(1)</script>'"),
        "name : le HTML n'est pas accepté (« <script »)",
    ),
    "event handler in Markdown": (
        "data/members.yaml",
        MEMBER.replace("Une organisation d'exemple.", "'Texte <img src=x onerror=alert(1)>'"),
        "description : le HTML n'est pas accepté (« <img »)",
    ),
    "closing script tag in a city": (
        "data/members.yaml",
        MEMBER.replace("Lille", "'Lille</script><script>alert(1)'"),
        "city : le HTML n'est pas accepté (« </script »)",
    ),
    "line break in a name": (
        "data/members.yaml",
        MEMBER.replace("Nouvelle ONG (exemple)", '"Nouvelle\\nONG"'),
        "name : le texte doit tenir sur une ligne",
    ),
    "bidi override in a name": (
        "data/members.yaml",
        MEMBER.replace("Nouvelle ONG (exemple)", "Nouvelle\u202eGNO"),
        "name : caractère invisible interdit : U+202E, forçage droite-à-gauche",
    ),
    "zero-width in an id": (
        "data/members.yaml",
        MEMBER.replace("id: nouvelle-ong", "id: nouvelle\u200b-ong"),
        "id : identifiant « nouvelle\u200b-ong » invalide",
    ),
    "javascript: website": (
        "data/members.yaml",
        MEMBER + "  website: javascript:alert(1)\n",
        "website : « javascript:alert(1) » : seules les adresses web en http(s):// sont acceptées",
    ),
    "data: website": (
        "data/members.yaml",
        MEMBER + "  website: data:text/html;base64,PHNjcmlwdD4=\n",
        "website : « data:text/html;base64,PHNjcmlwdD4= » : seules les adresses web en http(s):// sont acceptées",
    ),
    "path traversal in an id": (
        "data/members.yaml",
        MEMBER.replace("id: nouvelle-ong", "id: ../../index"),
        "id : identifiant « ../../index » invalide",
    ),
    "path traversal in a logo": (
        "data/members.yaml",
        MEMBER + "  logo: data/../../../etc/passwd\n",
        "logo : chemin « data/../../../etc/passwd » : « .. » est interdit",
    ),
    "YAML python tag": (
        "data/members.yaml",
        MEMBER + "  city: !!python/object/apply:os.system ['id']\n",
        "étiquette YAML « tag:yaml.org,2002:python/object/apply:os.system » non acceptée",
    ),
    "YAML alias": (
        "data/members.yaml",
        MEMBER.replace("status: member", "status: &s member") + "  acronym: *s\n",
        "les ancres YAML (« &s ») ne sont pas acceptées",
    ),
    "oversized data file": (
        "data/members.yaml",
        "# " + "x" * 10_100_000 + "\n",
        "fichier trop volumineux (plus de 10 Mo)",
    ),
    "overlong text": (
        "data/members.yaml",
        MEMBER.replace("Lille", "L" + "i" * 400),
        "city : texte trop long (401 caractères, maximum 300)",
    ),
    "script in a publication title": (
        "content/publications/hostile.md",
        "---\ntitle: '</title><script>alert(1)</script>'\ndate: '2026-01-01'\ntype: rapport\n"
        "summary: Exemple.\nauthors: [pdh]\n---\n",
        "title : le HTML n'est pas accepté",
    ),
    "template switch in a page": (
        "content/hostile.md",
        "---\ntitle: Page\ntemplate: main.html\n---\n",
        "champ inconnu « template »",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_input_is_refused_with_a_located_message(tiny_sources, case):
    rel, text, expected = REFUSED[case]
    if rel == "data/members.yaml":
        tiny_sources.append(rel, text)
    else:
        tiny_sources.write(rel, text)
    messages = [str(p) for p in check_problems(tiny_sources.root).sorted()]
    assert len(messages) == 1, messages
    assert messages[0].startswith(rel)
    assert expected in messages[0]


SVG_PAYLOADS = {
    "script": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "handler": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    "foreignObject": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    "external image": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://exemple.org/x.png"/></svg>',
    "javascript link": '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
    "entity": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    "css import": '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://exemple.org/x.css);</style></svg>',
}


@pytest.mark.parametrize("case", sorted(SVG_PAYLOADS))
def test_active_svg_logo_is_refused(tiny_sources, case):
    tiny_sources.write("data/logos/nouvelle-ong.svg", SVG_PAYLOADS[case])
    tiny_sources.append("data/members.yaml", MEMBER + "  logo: data/logos/nouvelle-ong.svg\n")
    messages = [str(p) for p in check_problems(tiny_sources.root).sorted()]
    assert len(messages) == 1
    line = tiny_sources.line_of("data/members.yaml", "logo: data/logos/nouvelle-ong.svg")
    assert messages[0].startswith(
        f"data/members.yaml:{line} — membre « nouvelle-ong » — logo : « data/logos/nouvelle-ong.svg » : SVG refusé"
    )


def test_inert_svg_logo_is_accepted(tiny_sources):
    tiny_sources.write(
        "data/logos/nouvelle-ong.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/></svg>',
    )
    tiny_sources.append("data/members.yaml", MEMBER + "  logo: data/logos/nouvelle-ong.svg\n")
    assert check_problems(tiny_sources.root).sorted() == []


def test_logo_whose_content_is_not_its_type_is_refused(tiny_sources):
    tiny_sources.write("data/logos/nouvelle-ong.png", "<html><script>alert(1)</script></html>")
    tiny_sources.append("data/members.yaml", MEMBER + "  logo: data/logos/nouvelle-ong.png\n")
    [message] = [str(p) for p in check_problems(tiny_sources.root).sorted()]
    assert message.endswith(
        "logo : « data/logos/nouvelle-ong.png » : le contenu du fichier ne correspond pas à son extension « .png »"
    )


def test_logo_of_an_unaccepted_type_is_refused(tiny_sources):
    tiny_sources.write("data/logos/nouvelle-ong.html", "<p>x</p>")
    tiny_sources.append("data/members.yaml", MEMBER + "  logo: data/logos/nouvelle-ong.html\n")
    [message] = [str(p) for p in check_problems(tiny_sources.root).sorted()]
    assert "type de fichier « .html » non accepté (acceptés : .jpeg, .jpg, .png, .svg, .webp)" in message


# Payloads that are accepted as text but must come out inert.
INERT_DESCRIPTION = """|
    Liens : [a](javascript:alert('a')) [b](JaVaScRiPt:alert('b')) [c](&#106;avascript:alert('c'))
    [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [e](vbscript:msgbox(1))
    [f](java&#x09;script:alert('f')) ![g](javascript:alert('g')) [h](https://exemple.org/ok)
    Attributs : *mot*{onclick="alert('i')"} [j](https://exemple.org){onmouseover="alert('j')"}
    Texte ]]> et CDATA.
"""

HOSTILE_PAGE = """---
title: Page hostile (exemple)
---

Texte avant.

<script>alert('script')</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('a')">lien</a>
<iframe src="https://exemple.org"></iframe>
<form action="https://exemple.org"><input name="x"></form>
<meta http-equiv="refresh" content="0;url=https://exemple.org">
<base href="https://exemple.org/">
<object data="x.swf"></object><embed src="x.swf">
<style>body { display: none }</style>
<div style="position:fixed" onmouseover="alert('div')">survol</div>
<svg><script>alert('svg')</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>

[lien](javascript:alert('md'))
"""

EXECUTABLE_ATTR = re.compile(r"^on", re.I)
BAD_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


HOSTILE_PUBLICATION = """---
title: 'Titre ]]> & « ok » (exemple)'
date: "2026-11-20"
type: rapport
summary: 'Résumé [piège](javascript:alert(1)) ]]> fin.'
authors: [nouvelle-ong]
---

""" + HOSTILE_PAGE.split("---\n", 2)[2]

HOSTILE_EVENT = """
- id: evenement-hostile
  title: 'Atelier ; , \\ ]]> (exemple)'
  type: atelier
  start: "2026-12-01"
  place: {city: Paris}
  organisers: [nouvelle-ong]
  description: |
    [lien](javascript:alert('ics')) et < texte > brut
    END:VEVENT
    BEGIN:VEVENT
    UID:pirate@exemple.org
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The tiny site with every hostile payload above, built once: the tests below only read it."""
    repo = tiny_project(tmp_path_factory.mktemp("hostile"))
    repo.append(
        "data/members.yaml",
        MEMBER.replace("Une organisation d'exemple.", INERT_DESCRIPTION).replace(
            "Nouvelle ONG (exemple)", "'Nouvelle ]]> ONG \"&\" (exemple)'"
        ),
    )
    repo.write("content/hostile.md", HOSTILE_PAGE)
    repo.write("content/publications/2026-hostile.md", HOSTILE_PUBLICATION)
    repo.append("data/events.yaml", HOSTILE_EVENT)
    return repo.build()


def assert_inert(html: str, where: str) -> None:
    page = BeautifulSoup(html, "html.parser")
    article = page.select_one("article")
    for data in article.find_all("script", type="application/ld+json"):
        json.loads(data.string)  # data, not code: and no text in it could close the element
        data.decompose()
    for button in article.select("a.md-content__button[rel=edit]"):  # the theme's edit button: our link and its icon
        assert button["href"].startswith("https://github.com/exemple-org/pdh-site/edit/main/"), (
            f"{where}: {button['href']}"
        )
        button.decompose()
    for form in article.select("form[data-pdh-filter]"):  # our template's filters: no action, no script
        assert form.get("action") is None and not form.find("input")
        form.decompose()
    for tag in article.find_all(True):
        assert tag.name not in (
            "script",
            "iframe",
            "form",
            "input",
            "meta",
            "base",
            "object",
            "embed",
            "style",
            "svg",
            "math",
        ), f"{where}: <{tag.name}>"
        for attribute, value in tag.attrs.items():
            assert not EXECUTABLE_ATTR.match(attribute), f"{where}: {tag.name} {attribute}"
            assert attribute != "style", f"{where}: style attribute"
            if attribute in ("href", "src", "action", "formaction", "data"):
                assert not BAD_URL.match(str(value)), f"{where}: {tag.name} {attribute}={value}"
    for script in page.find_all("script"):
        src = script.get("src")
        assert src is None or src.startswith(("../", "assets/")), f"{where}: script {src}"


def test_hostile_content_builds_inert(hostile_site):
    for rel in ("membres/nouvelle-ong/index.html", "hostile/index.html", "membres/index.html"):
        assert_inert((hostile_site / rel).read_text(encoding="utf-8"), rel)
    profile = soup(hostile_site / "membres" / "nouvelle-ong" / "index.html")
    links = {a.get_text(): a.get("href") for a in profile.select(".pdh-description a")}
    assert links.pop("h") == "https://exemple.org/ok"
    assert links.pop("j") == "https://exemple.org"  # the {onmouseover=…} after it stays plain text
    assert links == dict.fromkeys("abcdef")
    assert profile.select_one("article h1").get_text() == 'Nouvelle ]]> ONG "&" (exemple)'


def test_every_page_carries_a_strict_csp_that_covers_its_inline_scripts(hostile_site):
    from pdh.verify.csp import inline_script_hashes, known_inline_scripts

    known = known_inline_scripts(theme_dirs())
    assert known, "the templates contain inline scripts: the allow-list cannot be empty"
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page = html_tree(path)
        [csp] = page.xpath('//meta[@http-equiv="Content-Security-Policy"]') or [None]
        assert csp is not None, path
        policy = csp.get("content")
        assert "default-src 'self'" in policy and "object-src 'none'" in policy and "unsafe-inline" not in policy
        for source in inline_script_hashes(path.read_text(encoding="utf-8"), known):
            assert source in policy
        assert [m.get("content") for m in page.xpath('//meta[@name="referrer"]')] == ["no-referrer"]
        head = [element for element in page.head.iterdescendants() if isinstance(element.tag, str)]
        assert head.index(csp) < min((head.index(s) for s in head if s.tag == "script"), default=len(head))


def test_no_payload_runs_in_chromium(hostile_site, page):
    """Real Chromium: any dialog, console error about CSP, or payload side effect fails the test."""
    dialogs: list[str] = []
    blocked: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    with serve(hostile_site) as base:
        for rel in ("hostile/", "membres/nouvelle-ong/", "membres/"):
            page.goto(base + rel)
            page.wait_for_load_state("load")
            for link in page.locator("article a").all():
                link.hover()
            page.evaluate(
                "document.querySelectorAll('article a').forEach(a => a.href && a.href.startsWith('javascript') && a.click())"
            )
            assert page.locator("article h1").count() == 1
            # The theme's own scripts did run: the inline one (allowed by its hash) and the bundle.
            assert page.evaluate("typeof __md_get === 'function' && typeof document$ === 'object'")
    assert dialogs == []
    assert blocked == []  # the CSP blocked nothing of ours: no payload even reached it


def test_hostile_content_is_inert_in_feeds(hostile_site):
    import xml.etree.ElementTree as ET

    import feedparser

    assert_inert(
        (hostile_site / "publications" / "2026-hostile" / "index.html").read_text(encoding="utf-8"), "publication"
    )
    checked = 0
    for path in sorted((hostile_site / "flux").rglob("*")):
        if path.suffix not in (".xml", ".atom"):
            continue
        data = path.read_bytes()
        ET.fromstring(data)
        for entry in feedparser.parse(data).entries:
            for html in [c.value for c in entry.get("content", [])] + [entry.get("summary", "")]:
                fragment = BeautifulSoup(html, "html.parser")
                for tag in fragment.find_all(True):
                    assert tag.name not in ("script", "iframe", "form", "object", "embed", "style", "meta", "base"), (
                        path
                    )
                    assert not any(EXECUTABLE_ATTR.match(a) for a in tag.attrs), path
                    assert not BAD_URL.match(str(tag.get("href", ""))), path
            checked += 1
    assert checked > 10
    json_feed = json.loads((hostile_site / "flux" / "tout.json").read_text(encoding="utf-8"))
    item = next(i for i in json_feed["items"] if i["url"].endswith("/publications/2026-hostile/"))
    assert item["title"] == "Titre ]]> & « ok » (exemple)"
    assert "<script" not in item["content_html"] and "javascript:" not in item["content_html"]


def test_hostile_content_cannot_break_calendars(hostile_site):
    import icalendar

    for path in (
        hostile_site / "agenda" / "evenement-hostile.ics",
        hostile_site / "calendriers" / "agenda.ics",
        hostile_site / "calendriers" / "membre" / "nouvelle-ong.ics",
    ):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
        assert "pirate@exemple.org" not in uids
        mine = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("evenement-hostile@"))
        assert str(mine["SUMMARY"]) == "Atelier ; , \\ ]]> (exemple)"


def test_entry_count_is_bounded(tiny_sources):
    from pdh.content.load import MAX_ENTRIES

    entries = "".join(f"- id: t{i}\n  label: T{i}\n" for i in range(MAX_ENTRIES + 1))
    tiny_sources.write("data/themes.yaml", entries)
    messages = [str(p) for p in check_problems(tiny_sources.root).sorted()]
    assert messages == [f"data/themes.yaml:1 — trop d'entrées ({MAX_ENTRIES + 1}, maximum {MAX_ENTRIES})"]
