"""Files attached to an issue: GitHub's attachment links only, downloaded with a size cap and a
timeout, then checked like any contributed file (`check_file_type`, SVG through the SVG check).

GitHub writes a dropped file as `[name.pdf](https://github.com/user-attachments/files/…)`, an
image as `![name](https://github.com/user-attachments/assets/<uuid>)` or `<img … src="…">`; older
issues link to user-images.githubusercontent.com (private-user-images… for private repositories).
The download function is a parameter, so tests run offline with recorded bytes.
"""

from __future__ import annotations

import re
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http.client import HTTPMessage
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import unquote, urlsplit

from ..content.assets import check_file_type
from ..content.fields import HTML_TAG

ATTACHMENT_PATHS = {
    "github.com": re.compile(r"/user-attachments/(?:assets/[0-9a-fA-F-]{36}|files/[0-9]+/[^/?#\\]+)"),
    "user-images.githubusercontent.com": re.compile(r"/[0-9]+/[^/?#\\]+"),
    "private-user-images.githubusercontent.com": re.compile(r"/[0-9]+/[^/?#\\]+"),
}
# Where GitHub redirects an attachment's address to (signed storage URLs).
REDIRECT_HOSTS = re.compile(
    r"github\.com|[a-z0-9-]+\.githubusercontent\.com|github-production-[a-z0-9-]+\.s3\.amazonaws\.com"
)
TOKEN = re.compile(
    r"!?\[(?P<text>[^\]\n]*)\]\((?P<link>[^()\s]+)\)|<img\b(?P<attrs>[^<>]*)>|(?P<bare>https?://[^\s<>()\[\]]+)"
)
IMG_ATTRIBUTE = re.compile(r'\s*(?P<name>[A-Za-z-]+)\s*=\s*"(?P<value>[^"<>]*)"')
IMG_ATTRIBUTES = {"src", "alt", "width", "height"}
DOWNLOAD_TIMEOUT = 60.0  # seconds, for the whole file
Fetch = Callable[[str, int], bytes]  # (address, maximum bytes) → bytes; raises DownloadError


class DownloadError(Exception):
    """A download that failed, in French."""


class FileRefused(Exception):
    """An attachment link or file that cannot be used, in French."""


def link_problem(url: str) -> str | None:
    """Why `url` is not a file attached to a GitHub issue, or None."""
    refused = (
        f"lien refusé « {url[:120]} » : seuls les fichiers déposés dans ce ticket sont acceptés (adresses "
        "https://github.com/user-attachments/…) ; glissez le fichier dans ce champ"
    )
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return refused
    pattern = ATTACHMENT_PATHS.get(host)
    if (
        parts.scheme != "https"
        or pattern is None
        or parts.netloc != host
        or parts.fragment
        or (parts.query and host != "private-user-images.githubusercontent.com")
    ):
        return refused
    path = unquote(parts.path)
    if not pattern.fullmatch(parts.path) or not pattern.fullmatch(path) or "/../" in f"{path}/" or "/./" in f"{path}/":
        return refused
    return None


def attachment_links(value: str) -> list[str]:
    """The one attachment link of a file field (Markdown link, image or `<img>`), checked; else FileRefused."""
    links, rest, problems = [], [], []
    position = 0
    for match in TOKEN.finditer(value):
        rest.append(value[position : match.start()])
        position = match.end()
        if match["attrs"] is not None:
            link, problem = _img_source(match["attrs"])
            if problem:
                problems.append(problem)
                continue
        else:
            link = match["link"] or match["bare"]
        links.append(link)
    leftover = " ".join("".join(rest + [value[position:]]).split())
    tag = HTML_TAG.search(leftover)
    if tag:
        problems.append(f"le HTML n'est pas accepté (« {tag.group()} ») : déposez seulement le fichier")
    elif leftover:
        problems.append(f"texte en trop « {leftover[:80]} » : ce champ ne contient que le fichier déposé")
    problems += [p for p in map(link_problem, links) if p]
    if len(links) > 1:
        problems.append(f"{len(links)} fichiers : un seul fichier par champ (le secrétariat ajoutera les autres)")
    if problems:
        raise FileRefused("\n".join(problems))
    return links


def _img_source(attrs: str) -> tuple[str, str | None]:
    text = attrs.rstrip().removesuffix("/")
    found = {m["name"].lower(): m["value"] for m in IMG_ATTRIBUTE.finditer(text)}
    if IMG_ATTRIBUTE.sub("", text).strip() or set(found) - IMG_ATTRIBUTES or "src" not in found:
        shown = " ".join(text.split())[:60]
        return "", f"le HTML n'est pas accepté (« <img {shown} ») : déposez seulement le fichier"
    return found["src"], None


class _GitHubRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirection only to GitHub's storage, over https."""

    max_redirections = 5

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        parts = urlsplit(newurl)
        if parts.scheme != "https" or not REDIRECT_HOSTS.fullmatch(parts.hostname or ""):
            raise DownloadError(f"redirection refusée vers « {parts.hostname or newurl[:60]} »")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_https(url: str, max_bytes: int, *, timeout: float = DOWNLOAD_TIMEOUT) -> bytes:
    """The file at `url` (already checked by `link_problem`), at most `max_bytes`, within `timeout` seconds."""
    opener = urllib.request.build_opener(_GitHubRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": "pdh-formulaire"})
    deadline = time.monotonic() + timeout
    chunks, size = [], 0
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise DownloadError(_too_big(int(length), max_bytes))
            while chunk := response.read(1 << 16):
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(_too_big(size, max_bytes))
                if time.monotonic() > deadline:
                    raise DownloadError(f"téléchargement trop long (plus de {timeout:.0f} s)")
                chunks.append(chunk)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or getattr(error, "code", None) or type(error).__name__
        raise DownloadError(
            f"téléchargement impossible ({reason}) : le fichier a-t-il été supprimé du ticket ?"
        ) from None
    return b"".join(chunks)


def _too_big(size: int, max_bytes: int) -> str:
    return f"fichier trop volumineux ({size / 1_000_000:.1f} Mo, maximum {max_bytes // 1_000_000} Mo)"


def sniff_suffix(data: bytes, url: str, allowed: dict[str, str]) -> str | None:
    """The extension the file's bytes show (PNG, JPEG, WebP, PDF, SVG); else the one its name gives, if allowed."""
    head = data[:16]
    for suffix, magic in ((".png", b"\x89PNG\r\n\x1a\n"), (".jpg", b"\xff\xd8\xff"), (".pdf", b"%PDF-")):
        if head.startswith(magic):
            return suffix
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<svg", b"<?xml")):
        return ".svg"
    named = PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()
    return named if named in allowed and named not in (".png", ".jpg", ".jpeg", ".webp", ".pdf", ".svg") else None


def download_checked(url: str, fetch: Fetch, max_bytes: int, allowed: dict[str, str]) -> tuple[bytes, str]:
    """(bytes, extension) of an attachment that passes the checks of contributed files; else FileRefused."""
    problem = link_problem(url)
    if problem:  # checked again: nothing but an attachment link is ever fetched
        raise FileRefused(problem)
    try:
        data = fetch(url, max_bytes)
    except DownloadError as error:
        raise FileRefused(str(error)) from None
    if len(data) > max_bytes:
        raise FileRefused(_too_big(len(data), max_bytes))
    suffix = sniff_suffix(data, url, allowed)
    if suffix is None:
        raise FileRefused(f"type de fichier non reconnu (acceptés : {', '.join(sorted(allowed))})")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fichier{suffix}"
        path.write_bytes(data)
        reason = check_file_type(path, allowed)
    if reason:
        raise FileRefused(f"fichier refusé : {reason}")
    return data, suffix
