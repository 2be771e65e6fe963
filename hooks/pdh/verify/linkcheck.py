"""Internal links of a built site: every href/src to our own pages and files must resolve.

python -m pdh.linkcheck site [--site-url https://…/]
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = _ATTRIBUTES.get(tag)
        value = dict(attrs).get(name) if name else None
        if value:
            self.urls.append(value)


def broken_links(site: Path, site_url: str = "") -> list[str]:
    """« page : lien » for every internal link whose target is not in the built site."""
    base_path = urlsplit(site_url).path or "/"
    host = urlsplit(site_url).netloc
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Targets()
        parser.feed(page.read_text(encoding="utf-8"))
        page_dir = "/" + page.parent.relative_to(site).as_posix() + "/"
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data") or (parts.netloc and parts.netloc != host):
                continue
            if parts.scheme and parts.scheme not in ("http", "https"):
                continue
            path = unquote(parts.path)
            if not path:
                continue
            if parts.netloc or path.startswith("/"):
                if not path.startswith(base_path):
                    broken.append(f"{page.relative_to(site)} : {url}")
                    continue
                target = "/" + path[len(base_path) :]
            else:
                target = posixpath.normpath(posixpath.join(page_dir.replace("//", "/"), path))
            candidate = site / target.lstrip("/")
            if not (candidate.is_file() or (candidate / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} : {url}")
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdh.linkcheck", description="Vérifie les liens internes du site construit."
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--site-url", default="")
    args = parser.parse_args(argv)
    broken = broken_links(args.site, args.site_url)
    if broken:
        print(f"{len(broken)} lien(s) interne(s) cassé(s) :", *broken, sep="\n", file=sys.stderr)
        return 1
    print("Liens internes : aucun lien cassé.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
