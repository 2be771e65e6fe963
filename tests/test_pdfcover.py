"""PDF covers: first pages become small images, hostile PDFs are given up within the limits, the cache is checked."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import signal
import threading
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from conftest import ROOT
from pdh.content import pdfcover
from pdh.content.pdfcover import PdfCovers
from test_pdftext import (  # the same process checks and PDF writer as the text extraction
    _children,
    needs_proc,
    pdf_file,
)

SAMPLES = sorted((ROOT / "content").rglob("*.pdf"))
GENEROUS = 120  # seconds: only proves that a call returned, on however loaded a machine
TOP_HALF_BLACK = b"0 0 0 rg 0 396 612 396 re f"  # on a 612 × 792 page
FONT = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def make_pdf(*contents: bytes, box: bytes = b"[0 0 612 792]") -> bytes:
    """A PDF with one page per content stream (FlateDecode), every page of size `box`."""
    count = len(contents)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * n) for n in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
    for n, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox %s %s /Contents %d 0 R >>" % (box, FONT, 4 + 2 * n))
        data = zlib.compress(content, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data))
    return pdf_file(objects)


def slow_pdf() -> bytes:
    """~13 kB: 200,000 page-sized grey fills on one page (about a minute of PDFium, far more on a slow machine)."""
    return make_pdf(b"0.5 g 10 10 592 772 re f\n" * 200_000)


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(TOP_HALF_BLACK))))
    writer.encrypt(user_password="secret", owner_password="proprietaire", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def decode(data: bytes | None, fmt: str) -> Image.Image:
    assert data is not None
    image = Image.open(io.BytesIO(data))
    assert image.format == fmt.upper()
    image.load()
    return image


def test_the_cover_is_a_small_image_of_the_first_page(tmp_path):
    pdf = write(tmp_path, "moitie.pdf", make_pdf(TOP_HALF_BLACK, b"0 0 0 rg 0 0 612 792 re f"))  # page 2 all black
    with PdfCovers() as covers:
        data = covers.cover(pdf)
        assert covers.note(pdf, "moitie.pdf") is None
    assert covers.format == "webp"  # Pillow here has WebP; elsewhere PNG is the documented fallback
    image = decode(data, covers.format).convert("L")
    assert image.width == 300 and image.height in (388, 389)  # 612 × 792 pt scaled to 300 px wide
    top = ImageStat.Stat(image.crop((0, 0, 300, 180))).mean[0]
    bottom = ImageStat.Stat(image.crop((0, 210, 300, image.height))).mean[0]
    assert top < 30 and bottom > 225, (top, bottom)


def test_without_webp_the_cover_is_a_png(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfcover.features, "check", lambda feature: feature != "webp")
    pdf = write(tmp_path, "moitie.pdf", make_pdf(TOP_HALF_BLACK))
    with PdfCovers() as covers:
        result = covers.render(pdf)
    assert covers.format == "png" and "-png-" in covers.key and result.media_type == "image/png"
    image = decode(result.image, "png").convert("L")
    assert image.width == 300 and image.getpixel((150, 10)) < 30 and image.getpixel((150, 380)) > 225


@pytest.mark.parametrize(
    ("box", "size"), [(b"[0 0 842 595]", (300, 212)), (b"[0 0 100 1000]", (43, 424)), (b"[0 0 50 50]", (300, 300))]
)
def test_the_cover_fits_300_by_424_keeping_the_aspect_ratio(tmp_path, box, size):
    pdf = write(tmp_path, "format.pdf", make_pdf(b"0 0 1 rg 0 0 5 5 re f", box=box))
    with PdfCovers() as covers:
        image = decode(covers.cover(pdf), covers.format)
    assert abs(image.width - size[0]) <= 1 and abs(image.height - size[1]) <= 1
    assert image.width <= 300 and image.height <= 424


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda path: path.name)
def test_the_sample_pdfs_get_an_a4_cover_with_text_on_it(pdf):
    with PdfCovers() as covers:
        result = covers.render(pdf)
    assert not result.refused and result.media_type == "image/webp"
    image = decode(result.image, result.format).convert("L")
    assert image.size == (300, 424)  # A4
    assert ImageStat.Stat(image).extrema[0][0] < 100  # some dark ink: the page is not blank


def test_samples_exist():
    assert len(SAMPLES) >= 3  # the parametrized test above must have something to check


def test_a_second_build_takes_covers_from_the_cache_without_a_worker(tmp_path):
    pdf = write(tmp_path, "a.pdf", make_pdf(TOP_HALF_BLACK))
    with PdfCovers() as covers:
        first = covers.cover(pdf)
        assert covers.cover(pdf) == first and covers.starts == 1
    copy = write(tmp_path, "b.pdf", pdf.read_bytes())  # the same bytes under another name: the same cover
    with PdfCovers() as covers:
        assert covers.cover(pdf) == first and covers.cover(copy) == first
        assert covers.starts == 0 and covers._worker is None


def test_the_same_pdf_gives_the_same_bytes_in_any_worker(tmp_path, monkeypatch):
    pdf = write(tmp_path, "a.pdf", make_pdf(b"0.2 0.4 0.8 rg 50 50 300 500 re f BT /F1 30 Tf 72 700 Td (PDH) Tj ET"))
    other = write(tmp_path, "b.pdf", make_pdf(TOP_HALF_BLACK))
    outputs = []
    for n, files in enumerate([(pdf,), (other, pdf), (pdf,)]):
        monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path / f"cache-{n}"))  # a fresh worker renders each time
        with PdfCovers() as covers:
            outputs.append([covers.cover(path) for path in files][-1])
            assert covers.starts == 1
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_unreadable_pdfs_get_no_cover_and_a_french_note_and_the_worker_survives(tmp_path):
    files = {
        "casse.pdf": (
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n",
            "PDF illisible",
        ),
        "bruit.pdf": (bytes(range(256)) * 40, "PDF illisible"),
        "chiffre.pdf": (encrypted_pdf(), "PDF chiffré"),
        "geant.pdf": (
            make_pdf(TOP_HALF_BLACK, box=b"[0 0 100000 100000]"),
            "première page de 100000 × 100000 pt, hors des limites de 3 à 14400 pt de côté",
        ),
        "minuscule.pdf": (
            make_pdf(TOP_HALF_BLACK, box=b"[0 0 1 1]"),
            "première page de 1 × 1 pt, hors des limites de 3 à 14400 pt de côté",
        ),
        "vide.pdf": (b"", "fichier vide"),
    }
    normal = write(tmp_path, "normal.pdf", make_pdf(TOP_HALF_BLACK))
    with PdfCovers() as covers:
        for name, (data, reason) in files.items():
            path = write(tmp_path, name, data)
            assert covers.cover(path) is None
            assert covers.note(path, f"content/publications/{name}") == (
                f"content/publications/{name} : couverture non générée ({reason})"
            )
        assert covers.cover(normal) is not None and covers.note(normal) is None
        assert covers.starts == 1  # one worker for all of them


def test_a_pdf_without_pages_gets_no_cover(tmp_path):
    pdf = write(tmp_path, "sans-page.pdf", make_pdf())
    with PdfCovers() as covers:
        result = covers.render(pdf)
    assert result.image is None and result.refused in ("PDF sans page", "PDF illisible")  # PDFium refuses to open it


def test_an_oversized_file_is_refused_without_a_worker(tmp_path, monkeypatch):
    from pdh.content import pdftext
    from pdh.content.crosschecks import MAX_ATTACHMENT_BYTES

    assert pdfcover.MAX_BYTES == pdftext.MAX_BYTES == MAX_ATTACHMENT_BYTES
    monkeypatch.setattr(pdfcover, "MAX_BYTES", 2_000_000)
    pdf = write(tmp_path, "gros.pdf", make_pdf(TOP_HALF_BLACK) + b"%" * 2_000_000)
    with PdfCovers() as covers:
        assert covers.cover(pdf) is None
        assert covers.starts == 0 and covers._worker is None
        assert covers.note(pdf, "gros.pdf") == "gros.pdf : couverture non générée (plus de 2 Mo)"


@needs_proc
def test_a_slow_pdf_is_given_up_and_the_next_one_gets_a_new_worker(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfcover, "TIMEOUT", 2.0)  # the next, ordinary PDF has 2 s too
    slow = write(tmp_path, "lent.pdf", slow_pdf())
    normal = write(tmp_path, "normal.pdf", make_pdf(TOP_HALF_BLACK))
    assert len(slow.read_bytes()) < 20_000
    before = _children()
    start = time.monotonic()
    with PdfCovers() as covers:
        assert covers.cover(slow) is None
        assert time.monotonic() - start < GENEROUS
        assert covers.note(slow, "lent.pdf") == "lent.pdf : couverture non générée (plus de 2 s)"
        assert covers._worker is None  # killed, not reused
        assert covers.cover(normal) is not None and covers.starts == 2
    assert _children() - before == set()
    with PdfCovers() as again:  # the refusal is cached: no worker, no wait, the same note
        assert again.cover(slow) is None and again.starts == 0
        assert again.note(slow, "lent.pdf") == "lent.pdf : couverture non générée (plus de 2 s)"


@needs_proc
def test_a_crashed_worker_is_replaced_and_none_is_left(tmp_path):
    slow = write(tmp_path, "lent.pdf", slow_pdf())
    normal = write(tmp_path, "normal.pdf", make_pdf(TOP_HALF_BLACK))
    before = _children()
    with PdfCovers() as covers:
        assert covers.cover(normal)
        first = covers._worker.process.pid
        threading.Timer(0.5, os.kill, (first, signal.SIGKILL)).start()
        assert covers.cover(slow) is None
        assert covers.note(slow, "lent.pdf") == (
            "lent.pdf : couverture non générée (le moteur de rendu PDF s'est arrêté)"
        )
        other = write(tmp_path, "autre.pdf", make_pdf(b"0 0 0 rg 0 0 612 396 re f"))
        assert covers.cover(other) is not None
        assert covers._worker.process.pid != first and covers.starts == 2
    assert _children() - before == set()


@needs_proc
def test_the_worker_runs_with_memory_and_core_limits_and_dies_with_the_build(tmp_path):
    pdf = write(tmp_path, "normal.pdf", make_pdf(TOP_HALF_BLACK))
    before = _children()
    with pytest.raises(KeyboardInterrupt), PdfCovers() as covers:
        covers.cover(pdf)
        limits = Path(f"/proc/{covers._worker.process.pid}/limits").read_text().splitlines()
        raise KeyboardInterrupt
    assert _children() - before == set()
    address = next(line for line in limits if line.startswith("Max address space"))
    core = next(line for line in limits if line.startswith("Max core file size"))
    assert address.split()[3] == str(pdfcover.MAX_MEMORY) and core.split()[4] == "0"


def test_a_damaged_cache_record_is_ignored_and_rewritten(tmp_path):
    pdf = write(tmp_path, "a.pdf", make_pdf(TOP_HALF_BLACK))
    with PdfCovers() as covers:
        good = covers.cover(pdf)
        record_path = covers.cache / f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    assert base64.b64decode(record["image"]) == good and record["refused"] == ""
    png = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(png, "PNG")
    other = io.BytesIO()
    Image.new("RGB", (300, 388), "red").save(other, "WEBP")
    planted = {
        "pas du JSON": "{pas du json",
        "tronqué": record_path.read_text(encoding="utf-8")[:200],
        "autre hash": json.dumps({**record, "sha256": "0" * 64}),
        "autre moteur": json.dumps({**record, "renderer": "pypdfium2-0.0.1-webp-0000"}),
        "autres limites": json.dumps({**record, "limits": [*record["limits"][:-1], 99_999]}),
        "image modifiée": json.dumps({**record, "image": base64.b64encode(other.getvalue()).decode()}),
        "pas une WebP": json.dumps(
            {
                **record,
                "image": base64.b64encode(png.getvalue()).decode(),
                "image_sha256": hashlib.sha256(png.getvalue()).hexdigest(),
            }
        ),
        "sans hash": json.dumps({**record, "image_sha256": None}),
        "refus et image": json.dumps({**record, "refused": "PDF chiffré"}),
        "base64 invalide": json.dumps({**record, "image": "!!" + record["image"]}),
    }
    file_digest = record["sha256"]
    assert PdfCovers()._load(file_digest) == pdfcover.Cover(good, "webp")  # the record as written is trusted
    for label, text in planted.items():
        record_path.write_text(text, encoding="utf-8")
        assert PdfCovers()._load(file_digest) is None, label
    for label in ("pas du JSON", "image modifiée"):  # end to end: rendered again, then rewritten
        record_path.write_text(planted[label], encoding="utf-8")
        with PdfCovers() as covers:
            assert covers.cover(pdf) == good and covers.starts == 1, label
        assert json.loads(record_path.read_text(encoding="utf-8")) == record, label
    with PdfCovers() as covers:
        assert covers.cover(pdf) == good and covers.starts == 0
    assert not list(covers.cache.glob("*.tmp")) and not list(covers.cache.glob(".*"))


def test_the_cache_folder_names_the_renderer_and_lives_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path / "pdh"))
    with PdfCovers() as covers:
        assert covers.cache.parent == tmp_path / "pdh" / "pdf-cover"
        key = covers.key
    from importlib.metadata import version

    assert key.startswith(f"pypdfium2-{version('pypdfium2')}-webp-")
    edited = tmp_path / "coverworker.py"  # another worker code is another folder: nothing it made is reused
    edited.write_bytes(pdfcover.WORKER_SOURCE.read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(pdfcover, "WORKER_SOURCE", edited)
    assert pdfcover.renderer_key("webp") != key
