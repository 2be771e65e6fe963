"""The pull request preview: pages created, changed and removed between two built sites, the job summary, the screenshots."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
import yaml
from bs4 import BeautifulSoup
from cmarkgfm.cmark import Options
from PIL import Image

from conftest import CHROMIUM, ROOT, TINY_EPOCH, Repo, tiny_project
from pdh.cli.pagetext import main_text
from pdh.cli.preview import Comparison, Page, compare_sites, list_pages, pages_to_photograph
from pdh.cli.previewshots import MAX_HEIGHT, shot_names, take_screenshots
from pdh.cli.previewsummary import BUDGET, render_summary

OLD_SENTENCE = "Elle est particulièrement engagée pour les droits humains en Colombie."
# Entities, as a contributor may write them in Markdown (raw HTML is refused): the page shows ``` </details> <script>.
NEW_SENTENCE_YAML = (
    "engagée pour les droits humains en Colombie et au Venezuela.\n"
    "    Exemple de code : ```` ``` ````, &lt;/details&gt;, &lt;script&gt;alert(1)&lt;/script&gt;."
)
NEW_SENTENCE = (
    "Elle est particulièrement engagée pour les droits humains en Colombie et au Venezuela. "
    "Exemple de code : ```, </details>, <script>alert(1)</script>."
)
NEW_EVENT = """
- id: atelier-exemple-colombie-2027
  title: Atelier d'exemple sur la Colombie
  announced: "2025-12-01"
  type: formation
  start: "2027-03-10"
  end: "2027-03-10"
  place:
    city: Lyon
    country: FR
  organisers: [agir-ensemble]
  themes: [migrations]
  languages: [fr]
  audience: public
  description: |
    Ceci est un contenu d'exemple. Un atelier d'une journée.
  status: scheduled
  sequence: 0
"""
REMOVED_PUBLICATION = "2024-communique-violences-femmes-mexique"  # bilingual: .md and .en.md
FOOTER = '<p class="pdh-footer__notice">{{ footer.notice }}</p>'

# Each pair is (French page, English page): every change shows in both editions.
CREATED = {("/agenda/atelier-exemple-colombie-2027/", "/en/events/atelier-exemple-colombie-2027/")}  # the new event
REMOVED = {
    (f"/publications/{REMOVED_PUBLICATION}/", f"/en/publications/{REMOVED_PUBLICATION}/"),
    # the listings of the facets only it had: its type, its country (MX), its year
    ("/publications/type/communique-de-presse/", "/en/publications/type/communique-de-presse/"),
    ("/publications/pays/mx/", "/en/publications/country/mx/"),
    ("/publications/annee/2024/", "/en/publications/year/2024/"),
    # the summary of 2024, a year with nothing else to report
    ("/chiffres/2024/", "/en/figures/2024/"),
}
CHANGED = {
    # The new description shows on the member's profile only (the member listings show no description);
    # the same profile lists the new event among the events the member organises.
    ("/membres/agir-ensemble/", "/en/members/agir-ensemble/"),
    # The new event (upcoming, type « formation », organiser agir-ensemble, theme « migrations ») is in the
    # agenda (list and type counts), in the listings of its organiser, theme and type, and in the home page's
    # upcoming events.
    ("/agenda/", "/en/events/"),
    ("/agenda/organisateur/agir-ensemble/", "/en/events/organiser/agir-ensemble/"),
    ("/agenda/theme/migrations/", "/en/events/theme/migrations/"),
    ("/agenda/type/formation/", "/en/events/type/formation/"),
    ("/", "/en/"),  # also the number of publications and the latest ones
    # The removed publication (press release, theme « droits-des-femmes », language fr, co-signed by
    # exemple-association-a) leaves the publication list and facet counts, the listings of its theme, language and
    # signatory, the signatory's profile, the related publications of the other note, the press room
    # (latest press releases) and the feeds page (latest titles of each feed).
    ("/publications/", "/en/publications/"),
    ("/publications/theme/droits-des-femmes/", "/en/publications/theme/droits-des-femmes/"),
    ("/publications/langue/fr/", "/en/publications/language/fr/"),
    ("/publications/membre/exemple-association-a/", "/en/publications/member/exemple-association-a/"),
    ("/membres/exemple-association-a/", "/en/members/exemple-association-a/"),
    ("/publications/2025-note-position-colombie/", "/en/publications/2025-note-position-colombie/"),
    ("/presse/", "/en/press/"),
    ("/flux/", "/en/feeds/"),
    # The open data page states each file's row count and size: publications, events.
    ("/donnees/", "/en/data/"),
    # The figures page counts the publications of each year and the participation of their signatories.
    ("/chiffres/", "/en/figures/"),
}


def both(pairs: set[tuple[str, str]]) -> list[str]:
    return sorted(path for pair in pairs for path in pair)


def stamp_the_footer(repo: Repo) -> None:
    """Show the build's date and time in every page's footer, as many sites do: it must never count as a change."""
    repo.replace("overrides/main.html", FOOTER, FOOTER + '\n<p class="pdh-footer__built">{{ build_date_utc }}</p>')


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The tiny site built as the base branch, then as a pull request (same code: a copy of the base's tree)
    that changes a member's description, adds an event and removes a publication, built 5 hours later."""
    base = tiny_project(tmp_path_factory.mktemp("preview-base"))
    stamp_the_footer(base)
    pr = Repo(tmp_path_factory.mktemp("preview-pr") / "repo")
    shutil.copytree(base.root, pr.root)
    pr.replace("data/members.yaml", "engagée pour les droits humains en Colombie.", NEW_SENTENCE_YAML)
    pr.append("data/events.yaml", NEW_EVENT)
    for suffix in (".md", ".en.md"):
        (pr.root / "content" / "publications" / f"{REMOVED_PUBLICATION}{suffix}").unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SITE_URL", raising=False)
        patch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
        base_site = base.build()
        patch.setenv("SOURCE_DATE_EPOCH", str(int(TINY_EPOCH) + 5 * 3600))
        return base_site, pr.build()


@pytest.fixture(scope="module")
def comparison(sites) -> Comparison:
    return compare_sites(*sites)


def paths(pages: list[Page]) -> list[str]:
    return [page.path for page in pages]


# --- the comparison ----------------------------------------------------------------------------


def test_created_changed_and_removed_pages_are_exactly_those_the_change_touches(comparison):
    assert paths(comparison.created) == both(CREATED)
    assert paths(comparison.changed) == both(CHANGED)
    assert paths(comparison.removed) == both(REMOVED)
    assert comparison.unchanged > 50 and not comparison.base_missing


def test_a_different_footer_and_build_time_change_nothing(sites, comparison):
    base, pr = sites
    listed = {page.path for page in comparison.in_order()}
    unchanged = {path: file.relative_to(pr) for path, file in list_pages(pr).items() if path not in listed}
    assert len(unchanged) == comparison.unchanged and "/a-propos/" in unchanged and "/en/about/" in unchanged
    for rel in unchanged.values():  # every unchanged page differs from the base's: its footer shows the build time
        before, after = (base / rel).read_text(encoding="utf-8"), (pr / rel).read_text(encoding="utf-8")
        assert (
            'pdh-footer__built">2026-01-01 00:00:00' in before and 'pdh-footer__built">2026-01-01 05:00:00' in after
        ), rel


def test_the_diff_shows_the_changed_sentence(comparison):
    for path in ("/membres/agir-ensemble/", "/en/members/agir-ensemble/"):
        page = next(page for page in comparison.changed if page.path == path)
        removed = [line for line in page.diff if line.startswith("- ")]
        added = [line for line in page.diff if line.startswith("+ ")]
        assert any(line.endswith(OLD_SENTENCE) for line in removed), page.diff
        assert any(line.endswith(NEW_SENTENCE) for line in added), page.diff
        assert page.title == "Agir ensemble pour les droits humains"
    agenda = next(page for page in comparison.changed if page.path == "/agenda/")
    assert "+ Atelier d'exemple sur la Colombie" in agenda.diff
    assert all(line[:2] in ("+ ", "- ", "  ") or line == "…" for page in comparison.changed for line in page.diff)


def test_created_pages_show_their_text_and_removed_pages_their_title(comparison):
    event = comparison.created[0]
    assert event.title == "Atelier d'exemple sur la Colombie"
    assert "+ Ceci est un contenu d'exemple. Un atelier d'une journée." in event.diff
    assert all(line.startswith("+ ") for line in event.diff)
    removed = {page.path: page.title for page in comparison.removed}
    assert removed[f"/publications/{REMOVED_PUBLICATION}/"] == (
        "Journée contre les violences faites aux femmes, solidarité avec les défenseures au Mexique (exemple)"
    )


def test_main_text_splits_blocks_and_skips_what_a_reader_does_not_see():
    document = """<html><head><title>Titre - Site</title><script>var x = 1;</script></head><body>
      <nav><p>Menu</p></nav>
      <article class="md-content__inner md-typeset"><h1>Le <em>titre</em></h1>
        <p>Un   paragraphe
           sur deux lignes.</p><ul><li>un</li><li>deux<br>trois</li></ul>
        <table><tr><th>Nom</th><td>Ville</td></tr></table>
        <script>document.write("non")</script><svg><title>icône</title></svg>
        <div hidden><div><span>filtre</span></div></div><p>après</p>
        <p class="pdh-correction"><a href="#L3">Modifier cette fiche</a> (ligne 3)</p>
        <article><p>imbriqué</p></article><p>encore</p>
      </article><footer><p>Construit le 2026-01-01</p></footer></body></html>"""
    lines, title = main_text(document)
    assert title == "Le titre"
    assert lines == [
        "Le titre",
        "Un paragraphe sur deux lignes.",
        "un",
        "deux",
        "trois",
        "Nom | Ville",
        "après",
        "imbriqué",
        "encore",
    ]
    assert main_text("<html><head><title>Sans article</title></head><body><p>x</p></body></html>") == (
        [],
        "Sans article",
    )


# --- the summary -------------------------------------------------------------------------------


def github_html(markdown: str) -> BeautifulSoup:
    """The summary as GitHub renders it (cmark-gfm), raw HTML let through: what a contribution could inject shows."""
    return BeautifulSoup(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE), "html.parser"
    )


def test_the_summary_lists_every_page_with_its_diff_and_a_hostile_description_breaks_nothing(comparison):
    summary = render_summary(comparison, run_url="https://github.com/exemple-org/pdh-site/actions/runs/42")
    html = github_html(summary)
    assert html.find("h2").get_text() == "Aperçu des pages"
    assert f"2 pages créées, {len(both(CHANGED))} modifiées, {len(both(REMOVED))} supprimées" in html.get_text()
    assert [h.get_text() for h in html.find_all("h3")] == [
        "Pages créées (2)",
        f"Pages modifiées ({len(both(CHANGED))})",
        f"Pages supprimées ({len(both(REMOVED))})",
    ]
    assert [h.get_text() for h in html.find_all("h4")] == [page.title for page in comparison.in_order()]
    assert html.find_all("script") == [] and "<script" not in str(html).replace("&lt;script", "")
    details = html.find_all("details")
    assert len(details) == len(comparison.created) + len(comparison.changed)
    for block, page in zip(details, [*comparison.created, *comparison.changed], strict=False):
        [pre] = block.find_all("pre")
        more = [f"… {page.more} ligne{'s' if page.more > 1 else ''} de plus"] if page.more else []
        assert pre.get_text().rstrip("\n").split("\n") == [*page.diff, *more]
        assert block.find_all(["details", "h4", "a"]) == []  # nothing escaped the fence
    profile = details[len(comparison.created) + paths(comparison.changed).index("/membres/agir-ensemble/")]
    assert "+ " + "Agir ensemble" in profile.pre.get_text() and NEW_SENTENCE in profile.pre.get_text()
    assert [a["href"] for a in html.find_all("a")] == [
        "https://github.com/exemple-org/pdh-site/actions/runs/42#artifacts"
    ]
    assert "« captures-apercu »" not in summary  # no screenshot taken here
    assert "« apercu-du-site »" in summary


def test_hostile_titles_and_addresses_stay_text():
    title = "Titre </details><script>alert(1)</script> ``` *gras* [lien](https://exemple.org) # ## | --- <!--"
    path = "/membres/`x`/</details>/"
    page = Page(path, title, ("+ ```` ligne", "  ``` ", "- </details>", "+ <details open>"), more=3)
    summary = render_summary(Comparison(changed=[page]), run_url="javascript:alert(1)")
    html = github_html(summary)
    assert [h.get_text() for h in html.find_all("h4")] == [title]
    assert html.find_all(["script", "a", "em"]) == [] and len(html.find_all("details")) == 1
    assert [code.get_text() for code in html.find_all("code") if code.parent.name == "p"][-1] == path
    assert html.find("pre").get_text().split("\n")[:5] == [*page.diff, "… 3 lignes de plus"]


def test_two_thousand_changed_pages_stay_under_the_summary_limit(tmp_path):
    paragraph = "Un paragraphe modifié, assez long pour peser. " * 9  # ~420 characters: cut to 400
    base, pr = tmp_path / "base", tmp_path / "pr"
    for n in range(2000):  # 30 paragraphs changed: 60 lines of diff, the most a page shows
        for site, word in ((base, "avant"), (pr, "après")):
            write_page(
                site / f"publications/p{n:04d}/index.html", f"Page {n}", [f"{word} {i} {paragraph}" for i in range(30)]
            )
    comparison = compare_sites(base, pr)
    assert len(comparison.changed) == 2000
    summary = render_summary(comparison)
    assert len(summary.encode("utf-8")) <= BUDGET < 1024 * 1024
    shown = len(github_html(summary).find_all("details"))
    rest = re.search(r"… et (\d+)\u202f?(\d*) autres pages modifiées", summary)
    assert rest and 0 < shown < 50 and shown + int(rest.group(1) + rest.group(2)) == 2000
    assert "2\u202f000 modifiées" in summary


def test_twenty_thousand_pages_are_compared(tmp_path):
    """Linear: each file is read once, nothing is compared pairwise (no timing asserted)."""
    base, pr = tmp_path / "base", tmp_path / "pr"
    for n in range(10_000):
        name = f"publications/p{n:05d}/index.html"
        text = [f"Publication {n}", "Le même texte."]
        write_page(base / name, f"Publication {n}", text)
        write_page(
            pr / name,
            f"Publication {n}",
            text + ["Une ligne de plus."] if n % 1000 == 0 else text,
            footer=f"construit à {n}",
        )
    for n in range(100):
        write_page(base / f"anciennes/p{n:03d}/index.html", "Ancienne", ["x"])
        write_page(pr / f"nouvelles/p{n:03d}/index.html", "Nouvelle", ["y"])
    comparison = compare_sites(base, pr)
    assert (len(comparison.created), len(comparison.changed), len(comparison.removed)) == (100, 10, 100)
    assert comparison.unchanged == 9990
    assert paths(comparison.changed) == [f"/publications/p{n:05d}/" for n in range(0, 10_000, 1000)]
    assert sum(1 for page in comparison.in_order() if page.title) == 50  # only the first 50 are read for details


def write_page(path: Path, title: str, paragraphs: list[str], footer: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    path.write_text(
        f"<!doctype html><html><head><title>{title} - Site</title></head><body><nav><a>Menu</a></nav>"
        f'<article class="md-content__inner md-typeset"><h1>{title}</h1>{body}</article>'
        f"<footer>{footer}</footer></body></html>",
        encoding="utf-8",
    )


# --- the command line --------------------------------------------------------------------------


def run_preview(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT / "hooks"), "PATH": os.environ["PATH"]}
    return subprocess.run([sys.executable, "-m", "pdh.cli.preview", *args], capture_output=True, text=True, env=env)


def test_without_a_base_site_every_page_is_created(sites, tmp_path):
    _, pr = sites
    summary = tmp_path / "summary.md"
    summary.write_text("Résumé d'une étape précédente.\n", encoding="utf-8")
    result = run_preview(str(tmp_path / "absent"), str(pr), "--summary", str(summary))
    assert result.returncode == 0, result.stderr
    pages = len(list_pages(pr))
    assert "créée /agenda/atelier-exemple-colombie-2027/" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == f"{pages} créée(s), 0 modifiée(s), 0 supprimée(s), 0 inchangée(s)."
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Résumé d'une étape précédente.\n## Aperçu des pages")  # appended, as GitHub expects
    assert f"{pages} pages créées, 0 modifiée, 0 supprimée" in text
    assert "toutes les pages comptent comme créées" in text


def test_a_missing_pull_request_site_is_an_error(tmp_path):
    result = run_preview(str(tmp_path), str(tmp_path / "site"), "--summary", str(tmp_path / "s.md"))
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'site'} : aucun site construit (index.html introuvable).\n"


# --- the screenshots ---------------------------------------------------------------------------


def test_screenshots_of_two_changed_pages_at_both_widths_from_the_local_server_only(
    sites, comparison, tmp_path, browser
):
    _, pr = sites
    wanted = ["/agenda/", "/membres/agir-ensemble/"]
    assert set(wanted) <= set(paths(comparison.changed))
    shots = take_screenshots(pr, wanted, tmp_path / "captures", chromium=CHROMIUM, browser=browser)
    assert shots.problems == [] and shots.blocked == []
    assert shots.files == {
        "/agenda/": ["agenda-1366.png", "agenda-390.png"],
        "/membres/agir-ensemble/": ["membres_agir-ensemble-1366.png", "membres_agir-ensemble-390.png"],
    }
    for names in shots.files.values():
        for name, width in zip(names, (1366, 390), strict=False):
            with Image.open(tmp_path / "captures" / name) as image:
                assert image.format == "PNG" and image.width == width and 800 < image.height <= MAX_HEIGHT
    assert any(url.endswith(".css") for url in shots.requested) and any(url.endswith(".js") for url in shots.requested)
    assert all(re.match(r"http://127\.0\.0\.1:\d+/", url) for url in shots.requested), shots.requested
    summary = render_summary(Comparison(changed=[Page(path, "Titre", ("+ texte",)) for path in wanted]), shots)
    assert (
        "Captures d'écran des 2 premières pages créées ou modifiées (ordinateur 1\u202f366 px, téléphone 390 px) : "
        "artefact « captures-apercu »."
    ) in summary
    assert "Adresse : `/agenda/` · captures : `agenda-1366.png`, `agenda-390.png`" in summary


def test_the_first_created_then_changed_pages_are_photographed(comparison):
    assert pages_to_photograph(comparison) == paths([*comparison.created, *comparison.changed])[:12]
    assert pages_to_photograph(Comparison(removed=[Page("/x/")])) == []


def test_requests_to_other_hosts_are_blocked_and_reported(tmp_path, browser):
    site = tmp_path / "site"
    write_page(site / "index.html", "Accueil", ['<img src="https://exemple.org/suivi.png" alt="">'])
    (site / "index.html").write_text(
        (site / "index.html")
        .read_text()
        .replace("</head>", '<link rel="stylesheet" href="http://192.0.2.1/style.css"></head>')
    )
    shots = take_screenshots(site, ["/"], tmp_path / "captures", chromium=CHROMIUM, browser=browser)
    assert sorted(set(shots.blocked)) == ["http://192.0.2.1/style.css", "https://exemple.org/suivi.png"]
    assert shots.files == {"/": ["accueil-1366.png", "accueil-390.png"]}
    summary = render_summary(Comparison(created=[Page("/", "Accueil")]), shots)
    assert (
        "> 2 adresses d'un autre site que le site construit ont été bloquées lors des captures, dont : http" in summary
    )


def test_shot_names_are_distinct_and_safe():
    assert shot_names(["/", "/en/", "/404.html", "/a_b/", "/a/b/", "/x y/`z`/"]) == {
        "/": "accueil",
        "/en/": "en",
        "/404.html": "404",
        "/a_b/": "a_b",
        "/a/b/": "a_b-2",
        "/x y/`z`/": "x-y_-z",
    }


# --- continuous integration --------------------------------------------------------------------

PR_ONLY = "github.event_name == 'pull_request'"
BASE_BUILD = "Construire le site de la branche de base (avec son propre code)"


def site_steps() -> dict[str, dict]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    return {step.get("name", step.get("uses", "")): step for step in workflow["jobs"]["site"]["steps"]}


def test_the_site_job_previews_pull_requests_after_building():
    steps = site_steps()
    names = list(steps)
    new = [
        "Code de la branche de base (pour l'aperçu)",
        BASE_BUILD,
        "Aperçu des pages (résumé et captures d'écran)",
        "Captures de l'aperçu",
    ]
    assert (
        names.index("Construire le site (mode strict)")
        < names.index(new[0])
        < names.index(new[1])
        < names.index(new[2])
        < names.index(new[3])
    )
    assert {"Vérifier les liens internes", "Tests", "Aperçu du site construit"} <= set(names)  # the other steps stay
    assert all(steps[name]["if"] == PR_ONLY for name in new)
    checkout, upload = steps[new[0]], steps[new[3]]
    assert checkout["uses"] == steps[names[0]]["uses"]  # the pinned checkout the job already uses
    assert checkout["with"] == {
        "ref": "${{ github.event.pull_request.base.sha }}",
        "path": "base-src",
        "persist-credentials": False,
    }
    assert upload["uses"] == steps["Aperçu du site construit"]["uses"]
    assert upload["with"] == {
        "name": "captures-apercu",
        "path": "${{ runner.temp }}/captures-apercu/",
        "if-no-files-found": "ignore",
        "retention-days": 7,
    }
    assert steps[new[2]]["run"] == (
        '.venv/bin/python -m pdh.cli.preview "$RUNNER_TEMP/site-base" site '
        '--summary "$GITHUB_STEP_SUMMARY" --captures "$RUNNER_TEMP/captures-apercu" '
        '--chromium "$CHROMIUM" --run-url "$RUN_URL"\n'
    )
    assert steps[new[2]]["env"] == {
        "RUN_URL": "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}"
    }
    assert not any("${{" in step.get("run", "") for step in steps.values())


def run_base_build(workspace: Path, runner: Path, log: Path) -> subprocess.CompletedProcess[str]:
    """The CI step that builds the base, run by bash as GitHub runs it, in a workspace whose .venv is ours."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    # The one expression the step's env holds: the clock step's output, as GitHub would fill it in.
    given = {
        key: value.replace("${{ steps.clock.outputs.epoch }}", "1767225600")
        for key, value in site_steps()[BASE_BUILD].get("env", {}).items()
    }
    assert not any("${{" in value for value in given.values())
    env.update(given, RUNNER_TEMP=str(runner), PDH_IMPORT_LOG=str(log))
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", site_steps()[BASE_BUILD]["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A pull request's workspace: our .venv (its editable install names this repository's hooks/) and the base
    checked out in base-src/, whose `pdh` package logs where it is imported from."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / ".venv").symlink_to(ROOT / ".venv")
    base = tiny_project(workspace / "base-src")
    base.append(
        "hooks/pdh/__init__.py",
        """
        import os as _os
        with open(_os.environ["PDH_IMPORT_LOG"], "a", encoding="utf-8") as _log:
            _log.write(__file__ + "\\n")
        """,
    )
    (tmp_path / "runner").mkdir()
    return workspace


def test_the_base_is_built_with_its_own_code(workspace):
    runner, log = workspace.parent / "runner", workspace.parent / "imports.log"
    result = run_base_build(workspace, runner, log)
    assert result.returncode == 0 and "::warning" not in result.stdout, result.stdout + result.stderr
    imported = log.read_text(encoding="utf-8").splitlines()
    assert len(imported) >= 2 and set(imported) == {str(runner / "base-src" / "hooks" / "pdh" / "__init__.py")}
    assert (runner / "site-base" / "index.html").is_file() and (runner / "site-base" / "membres").is_dir()
    assert not (workspace / "base-src").exists()  # out of the workspace: the tests and the site artifact never see it


def test_a_base_that_does_not_build_is_tolerated(workspace):
    runner, log = workspace.parent / "runner", workspace.parent / "imports.log"
    members = workspace / "base-src" / "data" / "members.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace("city: Lyon", "citty: Lyon"), encoding="utf-8")
    result = run_base_build(workspace, runner, log)
    assert result.returncode == 0, result.stderr
    assert (
        "::warning title=Aperçu::la branche de base n'a pas pu être construite : toutes les pages comptent "
        "comme créées."
    ) in result.stdout.splitlines()
    assert not (runner / "site-base").exists()
