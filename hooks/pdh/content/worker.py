"""A worker process for untrusted documents: `python -m <module> MEMORY`, one JSON request per line.

Used for reading PDF text (pdh.content.pdfworker) and drawing PDF covers (pdh.content.coverworker):
a hostile file costs at most the time and memory the parent allows, then the worker is killed.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Self

HOOKS = Path(__file__).resolve().parents[2]  # hooks/: the worker runs from there (see Worker)
STARTUP_TIMEOUT = 60.0  # seconds for the worker to import its libraries (not counted against a document)


class WorkerStopped(Exception):
    """The worker overran its time or died; the message is the French reason."""


class Worker:
    """`python -m <module> MEMORY`, speaking JSON lines on its stdin and stdout.

    `crashed` is the French reason given when it dies; `needs` names what it imports, for the message
    when it cannot even start.
    """

    def __init__(self, module: str, memory: int, *, crashed: str, needs: str, what: str) -> None:
        self.crashed = crashed
        # cwd is hooks/: `-m` puts the cwd first on sys.path, and the repository root may hold any file.
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, str(memory)],
            cwd=HOOKS,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="ascii",
            errors="replace",
        )
        self._replies: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()
        try:
            self._reply(STARTUP_TIMEOUT)
        except BaseException as exc:
            self.stop()
            if isinstance(exc, WorkerStopped):  # the environment's fault, not a document's: no note, no cache
                raise RuntimeError(
                    f"{what} : le processus {sys.executable} -m {module} n'a pas démarré ({needs} est-il installé ?)"
                ) from None
            raise

    def _read_replies(self) -> None:
        # A thread, not select(): it works with pipes on every system.
        assert self.process.stdout is not None  # a pipe (stdout=PIPE)
        for line in self.process.stdout:
            self._replies.put(line)
        self._replies.put(None)

    def _reply(self, seconds: float) -> dict[str, object]:
        try:
            line = self._replies.get(timeout=seconds)
        except queue.Empty:
            raise WorkerStopped(f"plus de {seconds:g} s".replace(".", ",")) from None
        try:
            reply = json.loads(line) if line is not None else None
        except ValueError:
            reply = None
        if not isinstance(reply, dict):
            raise WorkerStopped(self.crashed)
        return reply

    def ask(self, request: Mapping[str, object], seconds: float) -> dict[str, object]:
        """The worker's reply, or WorkerStopped when it overran `seconds` or died."""
        assert self.process.stdin is not None  # a pipe (stdin=PIPE)
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except OSError:
            raise WorkerStopped(self.crashed) from None
        return self._reply(seconds)

    def stop(self) -> None:
        """Kill the worker (it holds no state worth a graceful exit) and reap it."""
        self.process.kill()
        self.process.wait()
        self._reader.join(timeout=5)  # the pipe is at its end now that the worker is gone
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:  # both are pipes (see __init__)
                    stream.close()
            except OSError:
                pass


class WorkerOwner:
    """Starts a Worker when first needed; a `with` block stops it, even when the build fails."""

    _worker: Worker | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker, if one runs."""
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
