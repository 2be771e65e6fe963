"""Screenshots of built pages, as a laptop (1366 px) and a phone (390 px) show them, in headless Chromium.

The site is served from 127.0.0.1 by a thread of this process, and every request to anywhere else is
refused and recorded: the site loads nothing from elsewhere, and a pull request must not make it.
Playwright drives the browser given (Debian's chromium, the runner's Chrome); it never downloads one.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Playwright is imported when screenshots are taken, not with this module
    from playwright.sync_api import Browser, Page, Route

WIDTHS = {1366: 900, 390: 844}  # width: height of the window, as a laptop and a common phone show it
MAX_HEIGHT = 5000  # pixels: the top of a long listing is enough to judge it
TIMEOUT = 30_000  # milliseconds for one page to load
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-features=DnsPrefetch",
]


@dataclass
class Shots:
    files: dict[str, list[str]] = field(default_factory=dict)  # page address → its PNG files' names
    requested: list[str] = field(default_factory=list)  # every URL the browser asked for
    blocked: list[str] = field(default_factory=list)  # those refused: not on the local server
    problems: list[str] = field(default_factory=list)  # in French, for the summary

    @property
    def count(self) -> int:
        return sum(len(names) for names in self.files.values())


def shot_stem(path: str) -> str:
    """« /membres/agir-ensemble/ » → « membres_agir-ensemble »; the home page is « accueil »."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.strip("/").removesuffix(".html").replace("/", "_"))
    return stem.strip("-") or "accueil"


def shot_names(paths: list[str]) -> dict[str, str]:
    """A distinct file stem for each page (two addresses that differ only by punctuation get « -2 »)."""
    stems: dict[str, str] = {}
    used: set[str] = set()
    for path in paths:
        stem, n = shot_stem(path), 2
        while stem in used:
            stem, n = f"{shot_stem(path)}-{n}", n + 1
        stems[path] = stem
        used.add(stem)
    return stems


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1 from a thread; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def take_screenshots(
    site: Path, paths: list[str], out: Path, *, chromium: str, browser: Browser | None = None
) -> Shots:
    """PNG files `<stem>-<width>.png` in `out` for each page, full page up to MAX_HEIGHT pixels.

    `browser`: a Playwright browser already running in this process (the tests'), else Chromium is launched."""
    shots = Shots()
    if not paths:
        return shots
    if browser is None and not Path(chromium).is_file():
        shots.problems.append(f"navigateur introuvable ({chromium}) : aucune capture.")
        return shots
    from playwright.sync_api import Error, sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base:
        if browser is not None:
            _shoot(browser, base, paths, out, shots)
            return shots
        with sync_playwright() as playwright:
            try:
                launched = playwright.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
            except Error as error:
                shots.problems.append(f"{chromium} ne démarre pas : {_first_line(error)}")
                return shots
            try:
                _shoot(launched, base, paths, out, shots)
            finally:
                launched.close()
    return shots


def _shoot(browser: Browser, base: str, paths: list[str], out: Path, shots: Shots) -> None:
    """Every page at every width, in one context per width whose requests may only reach `base`."""
    from playwright.sync_api import Error

    stems = shot_names(paths)
    for width, height in WIDTHS.items():
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=1, service_workers="block"
        )
        context.route("**/*", functools.partial(_only_local, base=base, shots=shots))
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        for path in paths:
            name = f"{stems[path]}-{width}.png"
            try:
                _photograph(page, base + urllib.parse.quote(path.lstrip("/")), out / name, width)
            except (Error, PageError) as error:
                shots.problems.append(f"{path} à {width} px : {_first_line(error)}")
                continue
            shots.files.setdefault(path, []).append(name)
        context.close()


class PageError(Exception):
    """A page the local server did not serve."""


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _only_local(route: Route, *, base: str, shots: Shots) -> None:
    url = route.request.url
    shots.requested.append(url)
    if url.startswith(base):
        route.continue_()
    else:
        shots.blocked.append(url)
        route.abort("blockedbyclient")


def _photograph(page: Page, url: str, file: Path, width: int) -> None:
    """Load, wait for the fonts, then capture the page from its top, animations finished."""
    response = page.goto(url, wait_until="load")
    if response is None or not response.ok:
        raise PageError(f"réponse {response.status if response else 'absente'} du serveur local")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    full = page.evaluate("() => Math.ceil(document.documentElement.scrollHeight)")
    page.screenshot(
        path=str(file),
        full_page=True,
        animations="disabled",
        clip={"x": 0, "y": 0, "width": width, "height": max(1, min(full, MAX_HEIGHT))},
    )
