"""Covers of attached PDFs: the first page as a small WebP (PNG where Pillow lacks WebP) for the publication pages.

PDFium is C++ fed with contributed files: PDFs are rendered one by one in one worker process
(pdh.content.coverworker) with time, size and memory limits, and each result, image or refusal, is
cached outside the repository by content hash, renderer fingerprint and limits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
from dataclasses import astuple, dataclass
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path

from PIL import features

from .cache import cache_root, digest, file_sha256, read_record, write_record
from .pdftext import MAX_BYTES as _TEXT_MAX_BYTES
from .worker import Worker, WorkerOwner, WorkerStopped

WIDTH, HEIGHT = 300, 424  # px: the cover fits this box, aspect ratio kept (an A4 page gives 300 × 424)
QUALITY = 70  # WebP quality (method 6, the slowest and smallest): a cover weighs a few kilobytes
MAX_BYTES = _TEXT_MAX_BYTES  # = pdftext.MAX_BYTES = crosschecks.MAX_ATTACHMENT_BYTES (a test keeps them equal)
MIN_POINTS = 3  # page side, in points: PDF 1.7 annex C's bounds; outside them a cover would be
MAX_POINTS = 14_400  # a hairline or a blank square, and only a hostile file would go there
MAX_MEMORY = 1 << 30  # address space of the worker (RLIMIT_AS)
TIMEOUT = 10.0  # seconds per document, reading and encoding included
MAX_IMAGE_BYTES = 1_000_000  # a 300 × 424 RGB image is 381,600 bytes raw: no reply or cache record is larger
WORKER_SOURCE = Path(__file__).with_name("coverworker.py")
CRASHED = "le moteur de rendu PDF s'est arrêté"
INVALID = "réponse invalide du moteur de rendu PDF"


@dataclass(frozen=True)
class Limits:
    """What one document may cost; part of every cache record, so other limits mean another rendering."""

    seconds: float
    file_bytes: int
    memory: int
    min_points: float
    max_points: float

    @classmethod
    def current(cls) -> Limits:
        return cls(TIMEOUT, MAX_BYTES, MAX_MEMORY, MIN_POINTS, MAX_POINTS)


@dataclass(frozen=True)
class Cover:
    """One PDF's cover image, or why it has none."""

    image: bytes | None = None
    format: str = ""  # "webp" or "png" when there is an image
    refused: str = ""  # why there is no cover (French); the publication is published without one

    @property
    def media_type(self) -> str:
        return {"webp": "image/webp", "png": "image/png"}.get(self.format, "")

    def note(self, name: str) -> str:
        """What the build tells the editor about this document ('' when nothing)."""
        return f"{name} : couverture non générée ({self.refused})" if self.refused else ""


def renderer_key(fmt: str) -> str:
    """Names the cache folder: another pypdfium2, PDFium build, Pillow, codec, worker code or box is another folder."""
    try:
        pdfium_version, files = version("pypdfium2"), distribution("pypdfium2").files or []
    except PackageNotFoundError:
        raise RuntimeError(
            "couvertures des PDF : pypdfium2 n'est pas installé (make install : requirements.txt)"
        ) from None
    build = [
        file.read_text()
        for file in files  # the PDFium build inside the wheel, or of a source build
        if file.as_posix() == "pypdfium2_raw/version.json" and Path(file.locate()).is_file()
    ]
    fingerprint = digest(
        WORKER_SOURCE.read_bytes(),
        pdfium_version,
        *build,
        version("pillow"),
        features.version("webp" if fmt == "webp" else "zlib") or "",
        fmt,
        str(WIDTH),
        str(HEIGHT),
        str(QUALITY),
    )
    return f"pypdfium2-{pdfium_version}-{fmt}-{fingerprint[:16]}"


class PdfCovers(WorkerOwner):
    """Renders PDF covers one by one in one long-lived worker; use as a context manager, so no worker outlives it."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        """`cache_dir` defaults to pdf-cover/ in pdh.content.cache.cache_root(), outside the repository."""
        self.limits = Limits.current()
        self.format = "webp" if features.check("webp") else "png"  # PNG only where Pillow was built without libwebp
        self.key = renderer_key(self.format)
        self.cache = (cache_dir or cache_root() / "pdf-cover") / self.key
        self.starts = 0  # workers started: 0 when every cover came from the cache
        self._worker: Worker | None = None
        self._seen: dict[str, Cover] = {}  # by hash: a file attached twice is rendered once, even without a cache
        self._by_path: dict[Path, Cover] = {}

    def cover(self, path: Path) -> bytes | None:
        """The cover's bytes (format in `self.format`), or None: see `note` for why."""
        return self.render(path).image

    def note(self, path: Path, name: str | None = None) -> str | None:
        """Why `path` got no cover, for the editor, under `name` (default: the path); None when it got one."""
        result = self._by_path.get(path)
        return result.note(name or str(path)) if result is not None and result.refused else None

    def render(self, path: Path) -> Cover:
        """The PDF's cover within the limits; an unchanged file is rendered once per cache."""
        size = path.stat().st_size
        if size > self.limits.file_bytes:
            result = Cover(refused=_too_big(self.limits.file_bytes))
        elif size == 0:
            result = Cover(refused="fichier vide")
        else:
            file_digest = file_sha256(path)
            if file_digest not in self._seen:
                found = self._load(file_digest)
                if found is None:
                    found, read_digest = self._extract(path)
                    if read_digest == file_digest:  # the file did not change meanwhile: the result is this hash's
                        self._store(file_digest, found)
                self._seen[file_digest] = found
            result = self._seen[file_digest]
        self._by_path[path] = result
        return result

    def _extract(self, path: Path) -> tuple[Cover, str]:
        limits = self.limits
        if self._worker is None:
            self._worker = Worker(
                "pdh.content.coverworker", limits.memory, crashed=CRASHED, needs="pypdfium2", what="couvertures des PDF"
            )
            self.starts += 1
        request = {
            "path": str(path.resolve()),
            "bytes": limits.file_bytes,
            "seconds": limits.seconds,
            "min_points": limits.min_points,
            "max_points": limits.max_points,
            "width": WIDTH,
            "height": HEIGHT,
            "format": self.format,
            "quality": QUALITY,
        }
        try:
            reply = self._worker.ask(request, limits.seconds)
        except WorkerStopped as stopped:
            self.close()  # a worker that overran or crashed is never reused
            return Cover(refused=str(stopped)), file_sha256(path)
        code, read_digest = reply.get("refused"), str(reply.get("sha256"))
        if code == "memory":
            self.close()  # the worker exits after a MemoryError
        if code is not None:
            reason = self._reason(code, reply.get("size"))
            return Cover(refused=reason or INVALID), read_digest if reason else ""
        image = self._checked_image(reply.get("image"))
        if image is None:
            return Cover(refused=INVALID), ""
        return Cover(image, self.format), read_digest

    def _reason(self, code: object, size: object) -> str:
        """The French reason for a worker's refusal code ('' for an unknown code)."""
        if code == "page-size" and isinstance(size, list) and len(size) == 2 and all(type(v) is int for v in size):
            return (
                f"première page de {size[0]} × {size[1]} pt, hors des limites "
                f"de {self.limits.min_points:g} à {self.limits.max_points:g} pt de côté"
            )
        reasons: dict[object, str] = {
            "encrypted": "PDF chiffré",
            "unreadable": "PDF illisible",
            "empty": "PDF sans page",
            "bytes": _too_big(self.limits.file_bytes),
            "memory": f"plus de {self.limits.memory >> 20} Mio de mémoire",
        }
        return reasons.get(code, "")

    def _checked_image(self, encoded: object, image_sha256: object = None) -> bytes | None:
        """The image in a reply or a cache record (whose hash must then match) if it is one of ours."""
        if not isinstance(encoded, str) or len(encoded) > MAX_IMAGE_BYTES * 4 // 3 + 4:
            return None
        try:
            image = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            return None
        if self.format == "webp":
            signed = image[:4] == b"RIFF" and image[8:12] == b"WEBP"
        else:
            signed = image[:8] == b"\x89PNG\r\n\x1a\n"
        if not signed or (image_sha256 is not None and hashlib.sha256(image).hexdigest() != image_sha256):
            return None
        return image

    def _load(self, file_digest: str) -> Cover | None:
        """The cached result for exactly this hash, renderer and limits; anything else is ignored."""
        record = read_record(self.cache, file_digest, ("renderer", self.key), list(astuple(self.limits)))
        if record is None:
            return None
        refused, encoded = record.get("refused"), record.get("image")
        if isinstance(refused, str) and refused and encoded is None:
            return Cover(refused=refused)
        expected = record.get("image_sha256")
        image = self._checked_image(encoded, expected) if isinstance(expected, str) and refused == "" else None
        return Cover(image, self.format) if image is not None else None

    def _store(self, file_digest: str, result: Cover) -> None:
        """Write the record atomically; a cache that cannot be written only costs time."""
        image = result.image
        record = {
            "sha256": file_digest,
            "renderer": self.key,
            "limits": list(astuple(self.limits)),
            "refused": result.refused,
            "image": base64.b64encode(image).decode("ascii") if image else None,
            "image_sha256": hashlib.sha256(image).hexdigest() if image else None,
        }
        write_record(self.cache, file_digest, record)


def _too_big(limit: int) -> str:
    return f"plus de {limit / 1_000_000:g} Mo".replace(".", ",")


def cover_size(image: bytes) -> tuple[int, int]:
    """The size a page shows a cover at, in CSS pixels: half its pixels, sharp on high-density screens."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        return max(1, picture.width // 2), max(1, picture.height // 2)
