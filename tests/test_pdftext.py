"""PDF full text: hostile PDFs are given up within the limits, caches outside the repository are keyed and checked."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import signal
import threading
import time
import zlib
from dataclasses import astuple
from pathlib import Path

import pytest

from conftest import ROOT, soup, tiny_project
from pdh.content import pdftext
from pdh.content.pdftext import PdfTexts

GUIDE = "2026-guide-plaidoyer-institutionnel"
GUIDE_PDF = ROOT / "content" / "publications" / "fichiers" / f"{GUIDE}.pdf"
FONT = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
GENEROUS = 120  # seconds: only proves that a call returned, on however loaded a machine


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("PDH_PDF_TIMEOUT", raising=False)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the catalog first), with its cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf(pages: list[bytes], shared: bytes | None = None) -> bytes:
    """A PDF whose pages have these content streams, or all point at one `shared` FlateDecode stream."""
    streams = [shared] if shared is not None else pages
    first_page = 3 + len(streams)
    kids = b" ".join(b"%d 0 R" % (first_page + n) for n in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))]
    for stream in streams:
        data = zlib.compress(stream, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data))
    for n in range(len(pages)):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents %d 0 R >>"
            % (FONT, 3 + (0 if shared is not None else n))
        )
    return pdf_file(objects)


def text_pdf(*pages: str) -> bytes:
    return _pdf([b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % page.encode("ascii") for page in pages])


def slow_pdf() -> bytes:
    """~50 kB: 400 pages share one stream of a million text operators that show nothing (minutes of parsing)."""
    return _pdf([b""] * 400, shared=b"BT ET\n" * 900_000)


def _children() -> set[int]:
    """Processes whose parent is this one (read from /proc, zombies included)."""
    me, found = str(os.getpid()), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == me:
            found.add(int(stat.parent.name))
    return found


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def test_a_normal_pdf_gives_its_text_without_a_note(tmp_path):
    pdf = tmp_path / "normal.pdf"
    pdf.write_bytes(text_pdf("Le rapport parle des ornithorynques du Queensland."))
    with PdfTexts() as reader:
        result = reader.read(pdf)
    assert result.text == "Le rapport parle des ornithorynques du Queensland."
    assert not result.refused and result.note("x.pdf", reader.limits) == ""


def test_a_slow_pdf_is_given_up_with_a_note_and_not_retried(tmp_path, monkeypatch):
    monkeypatch.setenv("PDH_PDF_TIMEOUT", "2")
    pdf = tmp_path / "lent.pdf"
    pdf.write_bytes(slow_pdf())
    assert len(pdf.read_bytes()) < 100_000
    start = time.monotonic()
    with PdfTexts() as reader:
        result = reader.read(pdf)
    assert time.monotonic() - start < GENEROUS
    assert result.text is None and result.refused == "plus de 2 s"
    assert result.note("content/publications/fichiers/lent.pdf", reader.limits) == (
        "content/publications/fichiers/lent.pdf : texte intégral non extrait (plus de 2 s) ; "
        "la publication est publiée sans texte intégral"
    )
    with PdfTexts() as again:  # the refusal is cached: no worker, no wait, the same note
        assert again.read(pdf) == result
        assert again._worker is None


def test_one_worker_reads_many_pdfs_and_survives_unreadable_ones(tmp_path):
    files = []
    for n in range(4):
        files.append(tmp_path / f"{n}.pdf")
        files[-1].write_bytes(text_pdf(f"Document numero {n} sur les droits humains."))
    broken = tmp_path / "casse.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n")
    workers = set()
    with PdfTexts() as reader:
        for path in [files[0], broken, *files[1:]]:
            result = reader.read(path)
            workers.add(reader._worker.process.pid)
            assert not result.refused
            assert result.text == (None if path == broken else f"Document numero {path.stem} sur les droits humains.")
    assert len(workers) == 1


@needs_proc
def test_a_crashed_worker_is_replaced_and_none_is_left(tmp_path):
    slow, normal = tmp_path / "lent.pdf", tmp_path / "normal.pdf"
    slow.write_bytes(slow_pdf())
    normal.write_bytes(text_pdf("Apres le crash, le document suivant est lu."))
    before = _children()
    with PdfTexts() as reader:
        assert reader.read(normal).text  # starts the worker
        first = reader._worker.process.pid
        assert first in _children() - before
        threading.Timer(0.5, os.kill, (first, signal.SIGKILL)).start()
        crashed = reader.read(slow)
        assert crashed.refused == "le lecteur PDF s'est arrêté"
        other = tmp_path / "autre.pdf"
        other.write_bytes(text_pdf("Un autre document, lu par un nouveau lecteur."))
        assert reader.read(other).text == "Un autre document, lu par un nouveau lecteur."
        assert reader._worker.process.pid != first
    assert _children() - before == set()


@needs_proc
def test_no_worker_outlives_an_exception(tmp_path):
    pdf = tmp_path / "normal.pdf"
    pdf.write_bytes(text_pdf("Un document lu avant que le build n'echoue."))
    before = _children()
    with pytest.raises(KeyboardInterrupt), PdfTexts() as reader:
        reader.read(pdf)
        assert _children() - before
        raise KeyboardInterrupt
    assert _children() - before == set()


def test_pages_over_the_limit_are_not_read_and_the_build_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(pdftext, "MAX_PAGES", 3)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(text_pdf(*(f"Contenu de la page numero {n}" for n in range(1, 6))))
    with PdfTexts() as reader:
        result = reader.read(pdf)
    assert result.text.split("\n\n") == [f"Contenu de la page numero {n}" for n in (1, 2, 3)]
    assert result.note("long.pdf", reader.limits) == (
        "long.pdf : texte intégral limité aux 3 premières pages (le document en compte 5)"
    )


def test_an_oversized_file_is_refused_unread(tmp_path, monkeypatch):
    from pdh.content.crosschecks import MAX_ATTACHMENT_BYTES

    assert pdftext.MAX_BYTES == MAX_ATTACHMENT_BYTES
    monkeypatch.setattr(pdftext, "MAX_BYTES", 2_000_000)
    pdf = tmp_path / "gros.pdf"
    pdf.write_bytes(text_pdf("Un texte qui ne sera pas lu du tout.") + b"%" * 2_000_000)
    with PdfTexts() as reader:
        result = reader.read(pdf)
        assert reader._worker is None
    assert result.refused == "plus de 2 Mo" and result.text is None


@needs_proc
def test_the_worker_runs_with_an_address_space_limit(tmp_path):
    pdf = tmp_path / "normal.pdf"
    pdf.write_bytes(text_pdf("Un document ordinaire pour demarrer le lecteur."))
    with PdfTexts() as reader:
        reader.read(pdf)
        limits = Path(f"/proc/{reader._worker.process.pid}/limits").read_text()
    line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
    assert line.split()[3] == str(pdftext.MAX_MEMORY)


def test_a_decompression_bomb_stops_at_pypdf_limits(tmp_path):
    pdf = tmp_path / "bombe.pdf"
    pdf.write_bytes(_pdf([b" " * (pdftext.MAX_STREAM_BYTES + 1_000_000)]))
    assert len(pdf.read_bytes()) < 100_000
    with PdfTexts() as reader:
        result = reader.read(pdf)
    assert result.text is None and result.refused == "le document dépasse une limite du lecteur PDF"
    assert "bombe.pdf : texte intégral non extrait" in result.note("bombe.pdf", reader.limits)


def test_the_same_bytes_under_another_name_are_read_once(tmp_path):
    pdf, copy = tmp_path / "a.pdf", tmp_path / "b.pdf"
    pdf.write_bytes(text_pdf("Le meme document sous deux noms differents."))
    copy.write_bytes(pdf.read_bytes())
    with PdfTexts() as reader:
        first = reader.read(pdf)
    with PdfTexts() as reader:
        assert reader.read(copy) == first and reader._worker is None


def test_the_cache_is_keyed_by_hash_extractor_and_limits(tmp_path):
    pdf = tmp_path / "normal.pdf"
    pdf.write_bytes(text_pdf("Le vrai texte du document sur les droits."))
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    cache = Path(os.environ["PDH_CACHE_DIR"]) / "pdf-text"
    record = {"sha256": digest, "text": "Texte invente de toutes pieces", "refused": "", "pages": 0}
    with PdfTexts() as reader:
        limits = list(astuple(reader.limits))
    planted = {  # each of these is someone else's record, or no record at all: never trusted
        "pypdf-0.0.1-x1": {**record, "extractor": "pypdf-0.0.1-x1", "limits": limits},
        pdftext.extractor_key(): {**record, "extractor": pdftext.extractor_key(), "limits": [*limits[:-1], 10]},
    }
    for key, value in planted.items():
        (cache / key).mkdir(parents=True, exist_ok=True)
        (cache / key / f"{digest}.json").write_text(json.dumps(value), encoding="utf-8")
    with PdfTexts() as reader:
        assert reader.read(pdf).text == "Le vrai texte du document sur les droits."
    stored = json.loads((cache / pdftext.extractor_key() / f"{digest}.json").read_text(encoding="utf-8"))
    assert stored["text"] == "Le vrai texte du document sur les droits." and stored["sha256"] == digest
    for corrupt in ("{not json", json.dumps({**stored, "sha256": "0" * 64}), json.dumps({**stored, "text": 3})):
        (cache / pdftext.extractor_key() / f"{digest}.json").write_text(corrupt, encoding="utf-8")
        with PdfTexts() as reader:
            assert reader.read(pdf).text == "Le vrai texte du document sur les droits."
            assert reader._worker is not None  # re-read, then rewritten
    with PdfTexts() as reader:
        assert reader.read(pdf).text == "Le vrai texte du document sur les droits." and reader._worker is None
    assert not list(cache.rglob("*.tmp"))


def test_the_cache_lives_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path / "pdh"))
    assert pdftext.default_cache_dir() == tmp_path / "pdh" / "pdf-text"
    monkeypatch.delenv("PDH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pdftext.default_cache_dir() == tmp_path / "xdg" / "pdh-site" / "pdf-text"
    monkeypatch.setenv("XDG_CACHE_HOME", ".cache")  # relative: ignored, as the XDG specification says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pdftext.default_cache_dir() == tmp_path / "home" / ".cache" / "pdh-site" / "pdf-text"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    """The tiny site, strict, with a slow PDF on a new publication and invented text planted in <repo>/.cache/."""
    repo = tiny_project(tmp_path_factory.mktemp("hostile"))
    assert (repo.root / GUIDE_PDF.relative_to(ROOT)).read_bytes() == GUIDE_PDF.read_bytes()
    (repo.root / "content" / "publications" / "fichiers" / "lent.pdf").write_bytes(slow_pdf())
    repo.write(
        "content/publications/2026-document-lent.md",
        """
    ---
    title: Document lent (exemple)
    date: "2026-05-02"
    type: rapport
    summary: Exemple de PDF trop lent à lire.
    authors: [pdh]
    attachments:
      - file: content/publications/fichiers/lent.pdf
        title: Document complet (PDF)
    ---
    """,
    )
    digest = hashlib.sha256(GUIDE_PDF.read_bytes()).hexdigest()
    invented = {
        "file": GUIDE_PDF.name,
        "text": "Texte empoisonne : zygomorphe",
        "sha256": digest,
        "extractor": pdftext.extractor_key(),
        "refused": "",
        "pages": 0,
    }
    for folder in (repo.root / ".cache" / "pdf-text", repo.root / ".cache" / "pdf-text" / pdftext.extractor_key()):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{digest}.json").write_text(json.dumps(invented), encoding="utf-8")
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    logger = logging.getLogger("mkdocs")
    level = logger.level
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PDH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.setenv("PDH_PDF_TIMEOUT", "2")
        logger.setLevel(logging.INFO)  # setLevel, not the attribute: loggers cache what an earlier level let through
        logger.addHandler(handler)
        try:
            site = repo.build()  # strict: a WARNING would abort it
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
    return site, records


def _index_text(site: Path) -> str:
    fragments = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    return "\n".join(gzip.decompress(fragment.read_bytes()).decode("utf-8") for fragment in fragments)


def test_a_slow_pdf_is_published_without_full_text_and_noted(hostile_site):
    site, records = hostile_site
    page = soup(site / "publications" / "2026-document-lent" / "index.html")
    assert page.select_one("h1").get_text(strip=True) == "Document lent (exemple)"
    assert page.select_one("details.pdh-fulltext") is None
    notes = [r.getMessage() for r in records if r.name == "mkdocs.hooks.pdh"]
    assert notes == [
        "Attention : content/publications/fichiers/lent.pdf : texte intégral non extrait (plus de 2 s) ; "
        "la publication est publiée sans texte intégral"
    ]
    assert all(r.levelno == logging.INFO for r in records if r.name == "mkdocs.hooks.pdh")


def test_a_cache_planted_in_the_repository_is_never_read(hostile_site):
    site, _ = hostile_site
    section = soup(site / "publications" / GUIDE / "index.html").select_one("details.pdh-fulltext")
    assert "ornithorynque" in section.get_text() and "zygomorphe" not in section.get_text()
    index = _index_text(site)
    assert "ornithorynque" in index and "zygomorphe" not in index
