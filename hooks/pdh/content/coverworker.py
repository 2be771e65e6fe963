"""The PDF cover worker: `python -m pdh.content.coverworker MEMORY`, one JSON request per line on stdin.

Runs in its own process (started by pdfcover.PdfCovers) so that a hostile PDF costs at most the time
and memory the parent allows: PDFium is C++, and a crash, a hang or an exhausted address space ends
this process, never the build. It imports only the standard library, pypdfium2 and Pillow. The image
travels back base64-encoded inside the JSON reply line (a thumbnail is a few kilobytes): no temporary
file to name, clean up or trust.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pdh.content.pdfworker import Reply, Request, answer_requests, set_limit  # the standard library only

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument  # imported in the worker only, once it is ready to serve

SHRINK = 1 - 1e-9  # PDFium rounds pixel sizes up: 300/595 × 595 may be 300.00000000000006, i.e. 301 px


def serve(memory: int) -> None:
    """Worker loop: one request line in, one reply line out, until stdin closes."""
    replies = os.fdopen(os.dup(1), "w", encoding="ascii")
    os.dup2(2, 1)  # nothing PDFium or Pillow might print can corrupt the replies
    set_limit("RLIMIT_AS", memory)
    set_limit("RLIMIT_CORE", 0)  # a crash on a hostile PDF must not leave a gigabyte core file behind
    import pypdfium2  # noqa: F401 - loads and initialises PDFium before "ready", so no document pays for it
    from PIL import Image  # noqa: F401

    replies.write('{"ready": true}\n')
    replies.flush()
    answer_requests(replies, lambda request: render(Path(request["path"]), request))


def render(path: Path, request: Request) -> Reply:
    """{"sha256", "image" (base64)} or {"sha256", "refused": code[, "size"]}: the first page, fitted to the box.

    Codes: "bytes" (the file grew past the limit), "encrypted", "unreadable", "empty" (no page),
    "page-size" (with the page's [width, height] in points), "memory".
    """
    with open(path, "rb") as handle:
        data = handle.read(request["bytes"] + 1)
    reply: Reply = {"sha256": hashlib.sha256(data).hexdigest()}
    if len(data) > request["bytes"]:
        return {**reply, "refused": "bytes"}
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        locked = getattr(error, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
        return {**reply, "refused": "encrypted" if locked else "unreadable"}
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - whatever a broken file raises, it gets no cover
        return {**reply, "refused": "unreadable"}
    try:
        return {**reply, **_first_page(document, request)}
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001
        return {**reply, "refused": "unreadable"}
    finally:
        document.close()  # closes its pages and bitmaps too: nothing accumulates over a build


def _first_page(document: PdfDocument, request: Request) -> Reply:
    if len(document) < 1:
        return {"refused": "empty"}
    page = document[0]
    width, height = page.get_size()  # the visible box (CropBox within MediaBox), /Rotate applied
    low, high = request["min_points"], request["max_points"]
    if not (low <= width <= high and low <= height <= high):
        return {"refused": "page-size", "size": [round(v) if math.isfinite(v) else 0 for v in (width, height)]}
    scale = min(request["width"] / width, request["height"] / height) * SHRINK
    image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
    if image.width > request["width"] or image.height > request["height"]:
        image.thumbnail((request["width"], request["height"]))
    out = io.BytesIO()
    if request["format"] == "webp":
        image.save(out, "WEBP", quality=request["quality"], method=6)
    else:
        image.save(out, "PNG", optimize=True)
    return {"image": base64.b64encode(out.getvalue()).decode("ascii")}


if __name__ == "__main__":
    serve(int(sys.argv[1]))
