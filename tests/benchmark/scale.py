"""Benchmark (not a test): this site against plain MkDocs + Material + lunr, on synthetic archives.

    .venv/bin/python tests/benchmark/scale.py 1000 5000 10000 --pairs 2 --record

For each N: a project copy with the synthetic archive of `archive.py` (N publications, N/20
members, N/2 events, PDFs and logos) and a plain Material site with the same publications. Then
interleaved pairs of cold builds (Material, then this site with an empty cache), then warm
rebuilds of this site after editing one publication, then the bytes one search downloads. Each
build is a separate `mkdocs build`; its peak memory is the largest sum of the resident memory of
its process tree (Pagefind included), sampled every 50 ms. With --record, RESULTS.md is rewritten.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

import archive  # noqa: E402

from conftest import copy_project  # noqa: E402

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
EPOCH = "1796000000"


@dataclass
class Run:
    wall: float
    cpu: float  # user + system of the whole process tree
    peak: int  # bytes
    files: int
    size: int  # bytes in site/


def tree_rss(root_pid: int) -> int:
    """Resident memory of `root_pid` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def measure_build(project: Path, env: dict[str, str]) -> Run:
    """One `mkdocs build` in `project`: wall and CPU time, peak memory of its process tree, output size."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [MKDOCS, "build", "-q"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed in {project}:\n{output.decode(errors='replace')[-3000:]}")
    site = project / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, len(files), sum(p.stat().st_size for p in files))


def edit_one(project: Path, round_: int) -> None:
    """Edit the text of one publication, as a contributor would."""
    path = project / "content" / "publications" / "synthetique-00001.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nParagraphe ajouté {round_} (exemple).\n", encoding="utf-8")


def scale(count: int, pairs: int, workdir: Path) -> dict:
    project = copy_project(workdir / f"projet-{count}").root
    added = archive.generate(project, count)
    material = archive.material_corpus(workdir / f"material-{count}", count)
    cache = workdir / f"cache-{count}"
    base_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    ours_env = {**base_env, "PDH_CACHE_DIR": str(cache)}
    result: dict = {"count": count, **added, "material": [], "cold": [], "warm": []}
    for _ in range(pairs):  # interleaved: both builds see the same machine state
        shutil.rmtree(material / "site", ignore_errors=True)
        result["material"].append(asdict(measure_build(material, base_env)))
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        result["cold"].append(asdict(measure_build(project, ours_env)))
        print(
            f"{count}: material {result['material'][-1]['wall']:.1f} s, cold {result['cold'][-1]['wall']:.1f} s",
            flush=True,
        )
    for n in range(pairs):
        edit_one(project, n)
        result["warm"].append(asdict(measure_build(project, ours_env)))
        print(f"{count}: warm {result['warm'][-1]['wall']:.1f} s", flush=True)
    result["pages"] = sum(1 for _ in (project / "site").rglob("*.html"))
    result["material_pages"] = sum(1 for _ in (material / "site").rglob("*.html"))
    from search_bytes import RARE, measure

    result["search"] = {"common": measure(project / "site", "droits"), "rare": measure(project / "site", RARE)}
    return result


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def n(value: float) -> str:
    """A whole number as French writes it: 10 000 (narrow no-break space)."""
    return f"{value:,.0f}".replace(",", "\u202f")


def table(results: list[dict]) -> str:
    rows = [
        "| publications (membres, événements) | pages HTML | ce site, à froid | Material + lunr | rapport "
        "| reconstruction après une modification | rapport | processeur (user + sys) | mémoire max. "
        "| `site/` | fichiers | une recherche |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        cold, mat, warm = median(r["cold"], "wall"), median(r["material"], "wall"), median(r["warm"], "wall")
        search = max(r["search"]["common"]["total"], r["search"]["rare"]["total"])
        rows.append(
            (
                f"| {n(r['count'])} ({n(r['members'])}, {n(r['events'])}) | {n(r['pages'])} | {cold:.1f} s "
                f"| {mat:.1f} s | {cold / mat:.2f}× | {warm:.1f} s | {warm / cold:.2f}× | {median(r['cold'], 'cpu'):.0f} s "
                f"| {n(max(x['peak'] for x in r['cold']) / 2**20)} Mio | {n(r['cold'][-1]['size'] / 1e6)} Mo "
                f"| {n(r['cold'][-1]['files'])} | {n(search / 1000)} ko |"
            ).replace(".", ",")
        )  # decimal comma
    return "\n".join(rows)


def walls(runs: list[dict]) -> str:
    return " ; ".join(f"{run['wall']:.1f}".replace(".", ",") for run in runs)


def details(results: list[dict]) -> str:
    """What one search downloads, by kind of file, and the spread of the runs."""
    lines = []
    for r in results:
        parts = ", ".join(
            f"{kind} {size / 1000:.0f} ko" for kind, size in sorted(r["search"]["common"].items()) if kind != "total"
        )
        lines.append(
            f"- {n(r['count'])} publications : recherche « droits » : {parts}. "
            f"Mesures (s) — Material : {walls(r['material'])} ; ce site à froid : {walls(r['cold'])} ; "
            f"après une modification : {walls(r['warm'])}."
        )
    return "\n".join(lines)


def record(data: dict) -> None:
    """Write results.json and the table of RESULTS.md (between its markers)."""
    (HERE / "results.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    results_md = HERE / "RESULTS.md"
    text = results_md.read_text(encoding="utf-8")
    start, end = "<!-- table: scale.py -->", "<!-- /table -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    machine = data["machine"]
    note = (
        f"Mesuré le {machine['date']} sur {machine['cpus']} cœurs, Python {machine['python']}, "
        f"{len(data['results'][0]['cold'])} paire(s) par taille (médianes)."
    )
    results_md.write_text(
        f"{head}{start}\n{note}\n\n{table(data['results'])}\n\n{details(data['results'])}\n{end}{tail}",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int)
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument(
        "--record", action="store_true", help="write tests/benchmark/results.json and RESULTS.md's table"
    )
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--report", action="store_true", help="only rewrite RESULTS.md's table from results.json")
    args = parser.parse_args()
    if args.report:
        record(json.loads((HERE / "results.json").read_text(encoding="utf-8")))
        return
    results = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        for count in args.counts:
            results.append(scale(count, args.pairs, Path(tmp)))
            print(table(results), flush=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "date": time.strftime("%Y-%m-%d")}
    if args.record:
        record({"machine": machine, "results": results})


if __name__ == "__main__":
    main()
