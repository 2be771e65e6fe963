"""Benchmark (not a test): bytes one search downloads, on synthetic archives of N publications.

    .venv/bin/python tests/benchmark/search_bytes.py 1000 10000

For each N: copies the project into a temporary folder, adds the synthetic archive of archive.py
(N publications, deterministic, seeded), builds the site (Pagefind included), serves it on 127.0.0.1 and
runs two searches in headless Chromium on /recherche/: a word present in many publications
and a word present in one. It prints the build time, the number of pages, and the bytes
transferred for each search (Pagefind's files are already compressed, so these are the bytes a
phone downloads). scale.py uses `measure` for the table of RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive import RARE, generate  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS, copy_project, serve  # noqa: E402


def measure(site: Path, query: str) -> dict[str, int]:
    """Bytes transferred, by kind, for one search typed into a fresh page."""
    from playwright.sync_api import expect, sync_playwright

    sizes: dict[str, int] = {}
    responses = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        # Everything Pagefind fetches from opening the results page to the first answer: its
        # script, WebAssembly, metadata and filters, then the index chunks and result fragments.
        page.on("response", lambda response: responses.append(response) if "/pagefind/" in response.url else None)
        page.goto(base + "recherche/")
        page.fill("#pdh-search-q", query)
        expect(page.locator("#pdh-search-status")).to_contain_text("résultat", timeout=60_000)
        page.wait_for_load_state("networkidle")
        for response in list(responses):  # bodies are read while the page is still open
            name = response.url.rsplit("/", 1)[-1]
            kind = (
                "wasm"
                if "wasm" in name
                else "index"
                if name.endswith(".pf_index")
                else "fragments"
                if name.endswith(".pf_fragment")
                else "filters"
                if name.endswith(".pf_filter")
                else "meta"
                if name.endswith((".pf_meta", ".json"))
                else "js"
            )
            sizes[kind] = sizes.get(kind, 0) + len(response.body())
        browser.close()
    sizes["total"] = sum(sizes.values())
    return sizes


def run(count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_project(Path(tmp) / "projet")
        generate(repo.root, count)
        started = time.perf_counter()
        site = repo.build()
        build_seconds = time.perf_counter() - started
        pages = sum(1 for _ in site.rglob("*.html"))
        index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        return {
            "count": count,
            "build_seconds": build_seconds,
            "pages": pages,
            "index_bytes": index_bytes,
            "common": measure(site, "droits"),
            "rare": measure(site, RARE),
        }


def kb(n: int) -> str:
    return f"{n / 1000:.0f} kB"


def report(result: dict) -> str:
    """One row of the results table."""
    return (
        f"| {result['count']} | {result['pages']} | {result['build_seconds']:.0f} s | {kb(result['index_bytes'])} | "
        f"{kb(result['common']['total'])} | {kb(result['rare']['total'])} |"
    )


def detail(result: dict) -> str:
    parts = ", ".join(f"{k} {kb(v)}" for k, v in sorted(result["common"].items()) if k != "total")
    return f"- {result['count']} publications, requête « droits » : {parts}."


def main() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="+", type=int)
    args = parser.parse_args()
    results = []
    for count in args.counts:
        results.append(run(count))
        print(report(results[-1]), flush=True)
    text = "\n".join(report(r) for r in results) + "\n\nDétail :\n\n" + "\n".join(detail(r) for r in results) + "\n"
    print(text)


if __name__ == "__main__":
    main()
