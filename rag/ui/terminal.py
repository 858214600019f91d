"""Indexing progress for the terminal that started the server.

A first start embeds the whole corpus, which takes long enough that a silent
terminal looks hung. On a TTY one line is redrawn in place; in a log file
(systemd, CI, ``nohup``) a line per stage and per tenth of the way keeps the
log short but still shows that work is moving. When the work is done the
terminal says so in words ("ready: ..."), because the person who started the
server is waiting for exactly that line before opening the page.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    def __init__(self, stream: TextIO | None = None, label: str = "indexing") -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last: tuple[str, int] = ("", -1)
        self._open_line = False
        self._t0 = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        tenth = int(10 * done / total) if total else 10
        if self.tty:
            width = 30
            filled = int(width * done / max(1, total))
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r{self.label}: {stage:9} [{bar}] {done}/{total}")
            self._open_line = True
        elif (stage, tenth) != self._last:
            self.stream.write(f"{self.label}: {stage} {done}/{total}\n")
        self._last = (stage, tenth)
        self.stream.flush()

    def finish(self, summary: str, timed: bool = True) -> None:
        """End the progress with ``summary``; ``timed=False`` when the summary already states its duration."""
        self._close_line()
        took = f" ({time.monotonic() - self._t0:.1f}s)" if timed else ""
        self.stream.write(f"{self.label}: {summary}{took}\n")
        self.stream.flush()

    def _close_line(self) -> None:
        if self._open_line:
            self.stream.write("\n")
            self._open_line = False


def say(stream: TextIO | None, line: str) -> None:
    """One whole line for the person at the terminal (nothing when the server runs without one)."""
    if stream is None:
        return
    stream.write(line.rstrip("\n") + "\n")
    stream.flush()
