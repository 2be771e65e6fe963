"""Feeds as planned: a feed's identity and its entries, validated when made (no rendering here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
LANGUAGE = "fr"
_TAG_SAFE = "/:@!$&'()*+,;=-._~?"


@dataclass(frozen=True)
class Enclosure:
    """A file attached to an entry (a PDF report, an audio recording)."""

    url: str
    length: int
    mime_type: str

    def __post_init__(self) -> None:
        require_absolute(self.url, "enclosure")
        if self.length < 0 or "/" not in self.mime_type:
            raise ValueError(f"flux : pièce jointe « {self.url} » : taille ou type MIME invalide")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, whatever kind of content it comes from."""

    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    summary: str
    content_html: str
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    enclosure: Enclosure | None = None

    def __post_init__(self) -> None:
        where = f"flux : entrée « {self.id} »"
        if not self.id or not self.title:
            raise ValueError(f"{where} : identifiant et titre obligatoires")
        require_absolute(self.url, where)
        if to_paris(self.updated) < to_paris(self.published):
            raise ValueError(f"{where} : la date de mise à jour précède la date de publication")


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself: what it is called, the page it mirrors and where its files live."""

    id: str
    title: str
    description: str
    site_url: str
    page_url: str
    feed_base_url: str
    slug: str
    fallback_updated: datetime  # the feed's date while it has no entry: never the build's clock
    limit: int = 50
    # Host in the entries' tag: URIs. Fixed once (extra.pdh.tag_authority): moving the site to
    # another address must not make every reader show the whole archive as new.
    tag_authority: str = ""
    language: str = LANGUAGE  # of the feed's titles and texts
    publisher: str = ""  # the coalition's name (extra.pdh.organisation.name)
    # RFC 4151: a date at which the site's owner held the host name (the founding year). Changing it
    # (or the host) changes every GUID, and readers then show every old item as new.
    tag_date: str = ""

    @property
    def authority(self) -> str:
        return self.tag_authority or urlsplit(self.site_url).hostname or ""

    def __post_init__(self) -> None:
        where = f"flux « {self.id} »"
        for url in (self.site_url, self.page_url, self.feed_base_url):
            require_absolute(url, where)
        if not (self.site_url.endswith("/") and self.feed_base_url.endswith("/")):
            raise ValueError(f"{where} : site_url et feed_base_url doivent finir par « / »")
        if (
            not self.slug
            or "/" in self.slug
            or self.limit < 1
            or not self.title
            or not self.description
            or not self.publisher
            or not self.tag_date
        ):
            raise ValueError(f"{where} : slug, titre, description ou limite invalide")
        to_paris(self.fallback_updated)

    @property
    def rss_url(self) -> str:
        return f"{self.feed_base_url}{self.slug}.xml"

    @property
    def atom_url(self) -> str:
        return f"{self.feed_base_url}{self.slug}.atom"

    @property
    def json_url(self) -> str:
        return f"{self.feed_base_url}{self.slug}.json"


def to_paris(d: date | datetime) -> datetime:
    """A date becomes midnight in Paris; an aware datetime is converted to Paris time."""
    if isinstance(d, datetime):
        if d.utcoffset() is None:
            raise ValueError(f"flux : date sans fuseau horaire : {d.isoformat()}")
        return d.astimezone(PARIS)
    return datetime(d.year, d.month, d.day, tzinfo=PARIS)


def tag_uri(authority: str, date: str, id: str) -> str:
    """The permanent identifier (RFC 4151 tag URI) of an entry or a feed, from its id in the data."""
    return f"tag:{authority},{date}:{quote(id, safe=_TAG_SAFE)}"


def require_absolute(url: str, where: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{where} : « {url} » n'est pas une adresse web complète (attendu : https://…)")
