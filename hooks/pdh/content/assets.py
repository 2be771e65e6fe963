"""Contributed files (logos, attachments): allowed types, checked by content; SVG through `svg.clean_svg`."""

from __future__ import annotations

from pathlib import Path

from .svg import svg_refusal

LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_PIXELS = 25_000_000  # a larger image is refused (decompression bombs)


def _looks_like(kind: str, head: bytes) -> bool:
    if kind == "image/png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "image/jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind == "image/webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if kind == "application/pdf":
        return head.startswith(b"%PDF-")
    if kind.startswith("application/vnd."):
        return head.startswith(b"PK\x03\x04")
    if kind == "text/csv":
        return b"\x00" not in head
    return False


def check_file_type(path: Path, allowed: dict[str, str]) -> str | None:
    """French reason why `path` is not an acceptable file of its declared type, or None."""
    suffix = path.suffix.lower()
    kind = allowed.get(suffix)
    if kind is None:
        return f"type de fichier « {suffix or 'sans extension'} » non accepté (acceptés : {', '.join(sorted(allowed))})"
    data = path.read_bytes()
    if kind == "image/svg+xml":
        return svg_refusal(data)  # cleaned by an allow-list at build time; refused here if hostile
    if not _looks_like(kind, data[:16]):
        return f"le contenu du fichier ne correspond pas à son extension « {suffix} »"
    if kind.startswith("image/"):
        return check_raster(data)
    return None


def check_raster(data: bytes) -> str | None:
    """The image must decode, within a pixel budget (no decompression bomb)."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    return f"image trop grande ({image.width} × {image.height} pixels)"
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "image trop grande"
    except Exception:  # noqa: BLE001 - any decoder failure means the same thing to the author
        return "image illisible ou endommagée"
    return None


def pixel_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a raster image already checked by `check_raster`; None for anything else."""
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.width, image.height
    except Exception:  # noqa: BLE001 - not a raster image (SVG, PDF…)
        return None
