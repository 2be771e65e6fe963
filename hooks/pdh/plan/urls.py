"""Where each kind of page lives, per language: one place for every URL convention of the site.

Paths are MkDocs source paths (`membres/agir-ensemble.md`); `src_to_url` gives the URL MkDocs
makes of them. The French site sits at the root, every other language under its code
(`en/members/agir-ensemble/`). Internal facet keys (`pays`, `annee`…) stay the same in every
language; only the folders readers see are translated.
"""

from __future__ import annotations

import posixpath

from ..content.i18n import SOURCE

# Folder names by language. Keys are the French (source) names, which are also the internal ones.
FOLDERS = {
    "fr": {},
    "en": {
        "membres": "members",
        "groupes-de-travail": "working-groups",
        "plaidoyer": "advocacy",
        "agenda": "events",
        "presse": "press",
        "recherche": "search",
        "donnees": "data",
        "chiffres": "figures",
        "calendriers": "calendars",
        "flux": "feeds",
        "pays": "country",
        "statut": "status",
        "annee": "year",
        "membre": "member",
        "langue": "language",
        "organisateur": "organiser",
        "archives": "archive",
        "tout": "all",
        "observateur": "observer",
    },
}
STATUS_SLUGS = {"member": "membre", "observer": "observateur"}


class Paths:
    """The source path of every page and file of one language."""

    def __init__(self, lang: str = SOURCE):
        self.lang = lang
        self.prefix = "" if lang == SOURCE else f"{lang}/"
        self._names = FOLDERS[lang]
        self.MEMBERS = self.name("membres")
        self.GROUPS = self.name("groupes-de-travail")
        self.ACTIONS = self.name("plaidoyer")
        self.EVENTS = self.name("agenda")
        self.PUBLICATIONS = "publications"
        self.PRESS = self.name("presse")
        self.SEARCH = self.name("recherche")
        self.CALENDARS = self.name("calendriers")
        self.FEEDS = self.name("flux")
        self.DATA = self.name("donnees")
        self.FIGURES = self.name("chiffres")
        self.PUBLICATIONS_INDEX = self._at(f"{self.PUBLICATIONS}/index.json")  # the library's instant filters

    def name(self, french: str) -> str:
        """A folder name (or facet folder) as this language writes it in URLs."""
        return self._names.get(french, french)

    def _at(self, path: str) -> str:
        return self.prefix + path

    def home(self) -> str:
        return self._at("index.md")

    def index(self, folder: str) -> str:
        """The index page of `folder`, a name from this object (`paths.MEMBERS`)."""
        return self._at(f"{folder}/index.md")

    def member(self, member_id: str) -> str:
        return self._at(f"{self.MEMBERS}/{member_id}.md")

    def members_by_theme(self, theme_id: str) -> str:
        return self._at(f"{self.MEMBERS}/theme/{theme_id}.md")

    def members_by_country(self, code: str) -> str:
        return self._at(f"{self.MEMBERS}/{self.name('pays')}/{code.lower()}.md")

    def members_by_status(self, status: str) -> str:
        return self._at(f"{self.MEMBERS}/{self.name('statut')}/{self.name(STATUS_SLUGS[status])}.md")

    def group(self, group_id: str) -> str:
        return self._at(f"{self.GROUPS}/{group_id}.md")

    def action(self, action_id: str) -> str:
        return self._at(f"{self.ACTIONS}/{action_id}.md")

    def actions_index(self) -> str:
        return self.index(self.ACTIONS)

    def event(self, event_id: str) -> str:
        return self._at(f"{self.EVENTS}/{event_id}.md")

    def publication(self, publication_id: str) -> str:
        return self._at(f"{self.PUBLICATIONS}/{publication_id}.md")

    def publications_page(self, number: int) -> str:
        """Page `number` (1-based) of the whole library."""
        return self.index(self.PUBLICATIONS) if number == 1 else self._at(f"{self.PUBLICATIONS}/page/{number}.md")

    def publications_facet(self, kind: str, value: str) -> str:
        """The latest publications of one facet value (`kind` is the internal key)."""
        return self._at(f"{self.PUBLICATIONS}/{self.name(kind)}/{value.lower()}.md")

    def agenda_facet(self, kind: str, value: str) -> str:
        return self._at(f"{self.EVENTS}/{self.name(kind)}/{value}.md")

    def agenda_year(self, year: int) -> str:
        return self._at(f"{self.EVENTS}/{self.name('archives')}/{year}.md")

    def event_calendar(self, event_id: str) -> str:
        return self._at(f"{self.EVENTS}/{event_id}.ics")

    def calendar(self, kind: str = "", value: str = "") -> str:
        """The subscribable calendars: all public events, or those of one type or one member."""
        return self._at(
            f"{self.CALENDARS}/agenda.ics" if not kind else f"{self.CALENDARS}/{self.name(kind)}/{value}.ics"
        )

    def feed_key(self, key: str) -> str:
        """A feed's path inside the feeds folder, from its internal key (« tout », « publications/pays/co »)."""
        *folders, last = key.split("/")
        return "/".join([*(self.name(f) for f in folders), last if folders else self.name(last)])

    def feed(self, key: str, extension: str = "xml") -> str:
        """A feed file: « tout », « agenda », « publications », « publications/<facet>/<value> »."""
        return self._at(f"{self.FEEDS}/{self.feed_key(key)}.{extension}")

    def figures_year(self, year: int) -> str:
        return self._at(f"{self.FIGURES}/{year}.md")

    def chart(self, name: str) -> str:
        """A chart of the figures page, drawn in this language: /chiffres/organisations.svg."""
        return self._at(f"{self.FIGURES}/{name}.svg")

    def feed_folder(self) -> str:
        return self._at(self.FEEDS)


FR = Paths(SOURCE)


def data_file(name: str) -> str:
    """An open data file: one set for every language, in the French site's folder (/donnees/members.csv)."""
    return f"{FR.DATA}/{name}"


def src_to_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a source path (use_directory_urls); assets keep theirs."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(target_src: str, from_url: str) -> str:
    """Link from the page at `from_url` (a directory URL) to the page or file built from `target_src`."""
    target = src_to_url(target_src)
    rel = posixpath.relpath("/" + target, "/" + from_url) if target else posixpath.relpath("/", "/" + from_url)
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or not target else rel
