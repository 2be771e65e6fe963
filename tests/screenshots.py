"""The README's pictures of the home page, at desktop and phone width, taken in Debian's Chromium.

    make captures      (builds the sample site, then runs this script)

Writes .github/captures/accueil-1366.png and accueil-390.png (the part of the page a visitor sees
first). Run it after changing how the home page looks, and commit the pictures with the change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402 - the tests' server and browser settings

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".github" / "captures"
SIZES = {1366: 900, 390: 844}  # width: height, as a laptop and a common phone show it


def main(site: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
            context.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort()
            )
            page = context.new_page()
            page.goto(base, wait_until="networkidle")
            page.locator(".pdh-hero").wait_for(state="visible")
            page.wait_for_timeout(700)  # Material fades its tabs in: no event says when it is done
            page.screenshot(path=OUT / f"accueil-{width}.png")
            context.close()
            print(OUT.relative_to(ROOT) / f"accueil-{width}.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
