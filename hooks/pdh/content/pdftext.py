"""Text of attached PDFs, for the « texte intégral » section and the search index.

A tiny PDF can keep a parser busy for hours: PDFs are read one by one in one worker process with time, page,
size and memory limits, and cached outside the repository by content hash, extractor and limits.
"""

from __future__ import annotations

import os
from dataclasses import astuple, dataclass
from importlib.metadata import version
from pathlib import Path

from .cache import cache_root, file_sha256, read_record, write_record
from .pdfworker import MAX_STREAM_BYTES  # noqa: F401 - one of the limits, re-exported for callers
from .worker import Worker, WorkerOwner, WorkerStopped

EXTRACTOR_VERSION = 2  # bump whenever what pdfworker.read returns changes: every cached text is then re-read
MAX_CHARS = 200_000  # a page stays readable and the index bounded, whatever the PDF
MAX_PAGES = 500  # only the first pages of a longer document are read, and the build says so
MAX_BYTES = 30_000_000  # = checks.MAX_ATTACHMENT_BYTES (a test keeps them equal)
MAX_MEMORY = 1 << 30  # address space of the worker (RLIMIT_AS)
TIMEOUT = 20.0  # seconds per document; PDH_PDF_TIMEOUT overrides it
CRASHED = "le lecteur PDF s'est arrêté"


@dataclass(frozen=True)
class Limits:
    """What one document may cost; part of every cache record, so other limits mean another extraction."""

    seconds: float
    pages: int
    file_bytes: int
    memory: int
    chars: int

    @classmethod
    def current(cls) -> Limits:
        """The module's limits, the time limit overridable by $PDH_PDF_TIMEOUT."""
        raw = os.environ.get("PDH_PDF_TIMEOUT") or str(TIMEOUT)
        try:
            seconds = float(raw)
        except ValueError:
            seconds = -1
        if not 0 < seconds < 86_400:
            raise ValueError(f"PDH_PDF_TIMEOUT=« {raw} » : attendu un nombre de secondes positif, par exemple 20")
        return cls(seconds, MAX_PAGES, MAX_BYTES, MAX_MEMORY, MAX_CHARS)


@dataclass(frozen=True)
class PdfText:
    """One PDF's text (None for a scan or an unreadable file), or the limit that stopped its reading."""

    text: str | None = None
    refused: str = ""  # why no text was extracted (French); such a document is published without full text
    pages: int = 0  # the document's page count when only the first `Limits.pages` were read

    def note(self, name: str, limits: Limits) -> str:
        """What the build tells the editor about this document ('' when nothing)."""
        if self.refused:
            return (
                f"{name} : texte intégral non extrait ({self.refused}) ; la publication est publiée sans texte intégral"
            )
        if self.pages and self.text:
            return (
                f"{name} : texte intégral limité aux {limits.pages} premières pages "
                f"(le document en compte {self.pages})"
            )
        return ""


def default_cache_dir() -> Path:
    """$PDH_CACHE_DIR/pdf-text, else $XDG_CACHE_HOME/pdh-site/pdf-text, else ~/.cache/pdh-site/pdf-text."""
    return cache_root() / "pdf-text"


def extractor_key() -> str:
    """Names the cache folder: a new pypdf or a new extraction never reuses older texts."""
    return f"pypdf-{version('pypdf')}-x{EXTRACTOR_VERSION}"


class PdfTexts(WorkerOwner):
    """Reads PDFs one by one in one long-lived worker; use as a context manager, so no worker outlives it."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.limits = Limits.current()
        self.key = extractor_key()
        self.cache = (cache_dir or default_cache_dir()) / self.key
        self._worker: Worker | None = None
        self._seen: dict[str, PdfText] = {}  # by hash: a file attached twice is read once, even without a cache

    def read(self, path: Path) -> PdfText:
        """The PDF's text within the limits; an unchanged file is read once per cache."""
        if path.stat().st_size > self.limits.file_bytes:
            return PdfText(refused=f"plus de {self.limits.file_bytes / 1_000_000:g} Mo".replace(".", ","))
        digest = file_sha256(path)
        if digest not in self._seen:
            result = self._load(digest)
            if result is None:
                result, read_digest = self._extract(path)
                if read_digest == digest:  # the file did not change meanwhile: the text is this hash's
                    self._store(digest, result)
            self._seen[digest] = result
        return self._seen[digest]

    def _extract(self, path: Path) -> tuple[PdfText, str]:
        limits = self.limits
        if self._worker is None:
            self._worker = Worker(
                "pdh.content.pdfworker", limits.memory, crashed=CRASHED, needs="pypdf", what="lecture des PDF"
            )
        request = {
            "path": str(path.resolve()),
            "pages": limits.pages,
            "bytes": limits.file_bytes,
            "chars": limits.chars,
            "seconds": limits.seconds,
        }
        try:
            reply = self._worker.ask(request, limits.seconds)
        except WorkerStopped as stopped:
            self.close()  # a worker that overran or crashed is never reused
            return PdfText(refused=str(stopped)), file_sha256(path)
        if reply.get("refused") == "memory":
            self.close()  # the worker exits after a MemoryError
            return PdfText(refused=f"plus de {limits.memory >> 20} Mio de mémoire"), file_sha256(path)
        if reply.get("refused") == "limit":
            return PdfText(refused="le document dépasse une limite du lecteur PDF"), file_sha256(path)
        text, pages = reply.get("text"), reply.get("pages")
        if not (text is None or isinstance(text, str)) or not isinstance(pages, int):
            return PdfText(refused="réponse invalide du lecteur PDF"), ""
        return PdfText(text[: limits.chars] if text else None, pages=pages), str(reply.get("sha256"))

    def _load(self, digest: str) -> PdfText | None:
        """The cached result for exactly this hash, extractor and limits; anything else is ignored."""
        record = read_record(self.cache, digest, ("extractor", self.key), list(astuple(self.limits)))
        if record is None:
            return None
        text, refused, pages = record.get("text"), record.get("refused"), record.get("pages")
        if (
            not (text is None or isinstance(text, str) and len(text) <= self.limits.chars)
            or not isinstance(refused, str)
            or type(pages) is not int
            or (refused and text is not None)
        ):
            return None
        return PdfText(text, refused, pages)

    def _store(self, digest: str, result: PdfText) -> None:
        write_record(
            self.cache,
            digest,
            {
                "sha256": digest,
                "extractor": self.key,
                "limits": list(astuple(self.limits)),
                "text": result.text,
                "refused": result.refused,
                "pages": result.pages,
            },
        )
