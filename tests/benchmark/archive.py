"""A synthetic archive for the benchmarks: N publications, N/20 members, N/2 events (seeded, deterministic).

    .venv/bin/python tests/benchmark/archive.py 1000 /tmp/archive   # a project copy with 1,000 publications

Every tenth publication attaches a small PDF with text, every other member has a logo (PNG or SVG
in turn). The same publications are also written as a plain MkDocs + Material corpus
(`material_corpus`) so that both builds convert the same Markdown text.
"""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SEED = 2017
WORDS = (
    "droits humains défenseurs justice protection femmes enfants migrations plaidoyer institutions "
    "violences accès réparation communautés consultation vigilance entreprises environnement terres "
    "expression presse journalistes liberté association réunion détention torture disparitions "
    "mémoire vérité paix conflit réfugiés asile frontières discrimination égalité santé éducation "
    "logement travail syndicats peuples autochtones ressources eau climat minerais chaînes valeur "
    "recommandations gouvernement parlement ministère nations unies conseil rapporteur examen "
    "périodique universel coopération développement aide société civile espace civique"
).split()
PUBLICATION_TYPES = (
    "note-de-position",
    "rapport",
    "declaration-commune",
    "lettre-ouverte",
    "communique-de-presse",
    "contribution-consultation",
    "tribune",
    "outil-guide",
)
EVENT_TYPES = (
    "conference",
    "formation",
    "webinaire",
    "reunion-groupe-de-travail",
    "rencontre-institutionnelle",
    "atelier",
)
COUNTRIES = (
    "CO",
    "SN",
    "ML",
    "MX",
    "GT",
    "PH",
    "UA",
    "CD",
    "TN",
    "BO",
    "BR",
    "IN",
    "KE",
    "LB",
    "MM",
    "NG",
    "PS",
    "SY",
    "TR",
    "VE",
)
CITIES = ("Paris", "Lyon", "Marseille", "Lille", "Toulouse", "Nantes", "Strasbourg", "Bordeaux", "Rennes", "Grenoble")
RARE = "tamanoir"  # in exactly one publication: the rare search of search_bytes.py


def generate(root: Path, publications: int) -> dict[str, int]:
    """Add the synthetic archive to the project copy at `root`; return what was added."""
    rng = random.Random(SEED)
    themes = _ids(root / "data" / "themes.yaml")
    groups = _ids(root / "data" / "working-groups.yaml")
    members = [f"exemple-membre-{i:04d}" for i in range(max(1, publications // 20))]
    _members(root, members, themes, groups, rng)
    for i, body in enumerate(bodies(publications)):
        _publication(root, i, body, themes, members, rng)
    events = publications // 2
    _events(root, events, members, themes, rng)
    return {"publications": publications, "members": len(members), "events": events}


def bodies(count: int) -> list[str]:
    """The Markdown text of each synthetic publication (the same in both corpora)."""
    rng = random.Random(SEED + 1)
    out = []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(220)]
        if i == count // 2:
            words[100] = RARE
        paragraphs = [" ".join(words[j : j + 55]).capitalize() + "." for j in range(0, 220, 55)]
        out.append(
            f"{paragraphs[0]}\n\n## Nos demandes (exemple)\n\n{paragraphs[1]}\n\n- {paragraphs[2]}\n- {paragraphs[3]}\n"
        )
    return out


def title(i: int) -> str:
    rng = random.Random(SEED + 2 + i)
    return f"Publication synthétique {i} : {' '.join(rng.sample(WORDS, 4))} (exemple)"


def _ids(path: Path) -> list[str]:
    return [
        line.split(":", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("- id:")
    ]


def _members(root: Path, ids: list[str], themes: list[str], groups: list[str], rng: random.Random) -> None:
    logos = root / "data" / "logos"
    lines = []
    for n, member in enumerate(ids):
        entry = [
            f"- id: {member}",
            f"  name: Association synthétique {n} pour {' '.join(rng.sample(WORDS, 3))} (exemple)",
            f"  status: {'observer' if n % 25 == 7 else 'member'}",
            f"  city: {rng.choice(CITIES)}",
            "  description: |",
            f"    Organisation d'exemple, {' '.join(rng.sample(WORDS, 30))}.",
            f"  themes: [{', '.join(rng.sample(themes, 2))}]",
            f"  countries: [{', '.join(rng.sample(COUNTRIES, 2))}]",
            f"  working_groups: [{rng.choice(groups)}]",
        ]
        if n % 2 == 0:
            suffix = "svg" if n % 4 == 0 else "png"
            (logos / f"{member}.{suffix}").write_bytes(_svg(n) if suffix == "svg" else _png(n))
            entry.append(f"  logo: data/logos/{member}.{suffix}")
        lines.append("\n".join(entry))
    with open(root / "data" / "members.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n\n" + "\n\n".join(lines) + "\n")


def _publication(root: Path, i: int, body: str, themes: list[str], members: list[str], rng: random.Random) -> None:
    folder = root / "content" / "publications"
    slug = f"synthetique-{i:05d}"
    front = {
        "title": json.dumps(title(i), ensure_ascii=False),
        "date": f'"{2017 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"',
        "type": rng.choice(PUBLICATION_TYPES),
        "summary": json.dumps(
            f"Résumé synthétique {i} (exemple) : {' '.join(rng.sample(WORDS, 12))}.", ensure_ascii=False
        ),
        "themes": "[" + ", ".join(rng.sample(themes, 2)) + "]",
        "countries": "[" + ", ".join(rng.sample(COUNTRIES, 1 + i % 2)) + "]",
        "authors": "[" + ", ".join(["pdh"] + rng.sample(members, i % 2)) + "]",
        "signatories": "[" + ", ".join(rng.sample(members, i % 3)) + "]",
    }
    text = "---\n" + "\n".join(f"{k}: {v}" for k, v in front.items())
    if i % 10 == 3:
        pdf = folder / "fichiers" / f"{slug}.pdf"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        pdf.write_bytes(_pdf(f"Texte integral synthetique {i} " + " ".join(rng.sample(WORDS, 40))))
        text += f"\nattachments:\n  - file: content/publications/fichiers/{slug}.pdf\n    title: Texte complet (PDF)"
    (folder / f"{slug}.md").write_text(text + "\n---\n\n" + body, encoding="utf-8")


def _events(root: Path, count: int, members: list[str], themes: list[str], rng: random.Random) -> None:
    lines = []
    for n in range(count):
        year, month, day = 2017 + n % 11, (11, 12, 1, 2)[n % 4], 1 + n % 28  # winter: +01:00 in Paris
        online = n % 3 == 0
        entry = [
            f"- id: evenement-synthetique-{n:05d}",
            f"  title: Rencontre synthétique {n} sur {' '.join(rng.sample(WORDS, 3))} (exemple)",
            f"  type: {rng.choice(EVENT_TYPES)}",
            f"  start: {year}-{month:02d}-{day:02d}T18:00+01:00",
            f"  end: {year}-{month:02d}-{day:02d}T20:00+01:00",
        ]
        entry += (
            [f"  online_url: https://exemple.org/en-ligne/{n}"]
            if online
            else ["  place:", f"    city: {rng.choice(CITIES)}", "    country: FR"]
        )
        entry += [
            f"  organisers: [{rng.choice(members)}]",
            f"  themes: [{rng.choice(themes)}]",
            f"  audience: {'members' if n % 7 == 0 else 'public'}",
            "  description: "
            + json.dumps(f"Rencontre d'exemple : {' '.join(rng.sample(WORDS, 12))}.", ensure_ascii=False),
            f"  status: {'cancelled' if n % 50 == 0 else 'scheduled'}",
        ]
        lines.append("\n".join(entry))
    with open(root / "data" / "events.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n\n" + "\n\n".join(lines) + "\n")


def material_corpus(root: Path, count: int) -> Path:
    """A plain MkDocs + Material site with the same publications (title and Markdown text), lunr search on."""
    docs = root / "docs"
    (docs / "publications").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Référence Material\nsite_url: https://exemple.org/\n"
        "theme:\n  name: material\n  language: fr\nplugins:\n  - search:\n      lang: fr\n"
        "nav:\n  - Accueil: index.md\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Accueil\n\nSite de référence.\n", encoding="utf-8")
    for i, body in enumerate(bodies(count)):
        (docs / "publications" / f"synthetique-{i:05d}.md").write_text(f"# {title(i)}\n\n{body}", encoding="utf-8")
    return root


def _png(n: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 120), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 110, 110), fill=((n * 37) % 256, (n * 91) % 256, 120))
    draw.ellipse((130, 20, 220, 100), fill=(30, 60, (n * 53) % 256))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _svg(n: int) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">'
        f'<rect x="10" y="10" width="100" height="100" fill="#{(n * 2654435761) % 0xFFFFFF:06x}"/>'
        f'<circle cx="175" cy="60" r="45" fill="#1e3c78"/></svg>'
    ).encode()


def _pdf(text: str) -> bytes:
    """A one-page PDF whose text pypdf extracts (Helvetica, ASCII)."""
    safe = text.encode("ascii", "replace").decode().replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 11 Tf 40 780 Td ({safe[:90]}) Tj 0 -14 Td ({safe[90:180]}) Tj 0 -14 Td ({safe[180:270]}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import copy_project

    repo = copy_project(Path(sys.argv[2]))
    print(generate(repo.root, int(sys.argv[1])))
