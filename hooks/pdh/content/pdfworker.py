"""The PDF reading worker: `python -m pdh.content.pdfworker MEMORY`, one JSON request per line on stdin.

Runs in its own process (started by pdftext.PdfTexts) so that a hostile PDF costs at most the
time, memory and pages the parent allows; it imports nothing from the project but this module.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Any

MAX_STREAM_BYTES = 50_000_000  # decompressed bytes per stream, enforced by pypdf itself

Request = dict[str, Any]  # a JSON object from the parent process: its values are whatever JSON it sent
Reply = dict[str, object]  # a JSON object for the parent process


def serve(memory: int) -> None:
    """Worker loop: one request line in, one reply line out, until stdin closes."""
    replies = os.fdopen(os.dup(1), "w", encoding="ascii")
    os.dup2(2, 1)  # nothing pypdf might print can corrupt the replies
    set_limit("RLIMIT_AS", memory)
    import logging

    import pypdf  # noqa: F401 - imported before "ready", so its import time is no document's time

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    replies.write('{"ready": true}\n')
    replies.flush()
    answer_requests(
        replies, lambda request: read(Path(request["path"]), request["pages"], request["bytes"], request["chars"])
    )


def answer_requests(replies: IO[str], handle: Callable[[Request], Reply]) -> None:
    """A worker's loop: one JSON request line in, `handle`'s reply line out, until stdin closes."""
    for line in sys.stdin:
        request = json.loads(line)
        set_limit("RLIMIT_CPU", time.process_time() + 2 * request["seconds"] + 5)  # should the build die meanwhile
        try:
            reply = handle(request)
        except MemoryError:
            reply = {"refused": "memory"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()
        if reply.get("refused") == "memory":
            return  # a MemoryError may leave the interpreter in any state: the next document gets a new worker


def read(path: Path, max_pages: int, max_bytes: int, max_chars: int) -> Reply:
    """{"sha256", "text" (None for a scan or an unreadable PDF), "pages" (count when over `max_pages`)}."""
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    reply: Reply = {"sha256": hashlib.sha256(data).hexdigest(), "text": None, "pages": 0}
    if len(data) > max_bytes:
        return reply
    from pypdf.errors import LimitReachedError

    try:
        with _pypdf_limits():
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            count, parts, size = len(reader.pages), [], 0
            for index in range(min(count, max_pages)):
                part = _tidy(reader.pages[index].extract_text() or "")
                parts.append(part)
                size += len(part)
                if size >= max_chars:
                    break
            else:
                reply["pages"] = count if count > max_pages else 0
    except MemoryError:
        raise
    except LimitReachedError:  # pypdf's own guards: a decompression bomb, too many objects…
        return {**reply, "refused": "limit"}
    except Exception:  # noqa: BLE001 - an unreadable PDF gets the same note as a scan
        return reply
    text = "\n\n".join(part for part in parts if part)
    if len(re.sub(r"\W", "", text)) >= 20:
        # Lone surrogates from broken font maps would make the cache unwritable.
        reply["text"] = text[:max_chars].encode("utf-8", "replace").decode("utf-8")
    return reply


def _pypdf_limits() -> AbstractContextManager[object]:
    """pypdf's own guards (decompressed bytes, no external decoder), on versions that have them."""
    from contextlib import nullcontext
    from dataclasses import fields

    try:
        from pypdf import apply_configuration, get_configuration
    except ImportError:  # pypdf < 7: its built-in defaults only
        return nullcontext()
    known = {field.name for field in fields(get_configuration())}
    wanted: dict[str, int | None] = {
        name: MAX_STREAM_BYTES
        for name in (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "jbig2_maximum_output_length",
            "brotli_maximum_output_length",
            "maximum_declared_stream_length",
        )
    }
    wanted["jbig2dec_binary"] = None  # never run an external decoder on a contributed file
    # None: the current configuration (pypdf's defaults), with these values overwritten
    return apply_configuration(None, **{name: value for name, value in wanted.items() if name in known})


def set_limit(name: str, value: float) -> None:
    """Set this process's soft limit `name` (a `resource.RLIMIT_*`), within its hard limit."""
    try:
        import resource

        limit = getattr(resource, name)
        hard = resource.getrlimit(limit)[1]
        resource.setrlimit(limit, (int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard), hard))
    except (ImportError, AttributeError, ValueError, OSError):
        pass  # not on this system (Windows): the parent's time limit still applies


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
