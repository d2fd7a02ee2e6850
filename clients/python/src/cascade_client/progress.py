"""Progress of an experiment while :meth:`Experiment.wait` polls it.

- In a Jupyter notebook: an ipywidgets progress bar when ipywidgets is installed, else one line
  of text updated in place.
- In a terminal (stderr is a tty): one line redrawn with a carriage return.
- Elsewhere (CI logs, files): a line each time the counts or the status change.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Mapping, Optional, TextIO

from ._optional import find, load


class Display:
    """Shows one experiment's progress; ``update`` with each GET /experiments/{id} answer."""

    def update(self, info: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def close(self, info: Optional[Mapping[str, Any]]) -> None:
        pass


def describe(info: Mapping[str, Any], width: int = 0, elapsed: Optional[float] = None) -> str:
    """``[#########-----------] 14/28 50% RUNNING`` (the bar only when ``width`` > 0)."""
    progress = info.get("progress") or {}
    done, total = int(progress.get("done") or 0), int(progress.get("total") or 0)
    fraction = done / total if total else 0.0
    parts = []
    if width > 0:
        filled = int(round(fraction * width))
        parts.append("[" + "#" * filled + "-" * (width - filled) + "]")
    parts.append("%d/%d" % (done, total))
    if width > 0:
        parts.append("%3.0f%%" % (100 * fraction))
    parts.append(str(info.get("status", "?")))
    failed = int(progress.get("failed") or 0)
    if failed:
        parts.append("(%d failed)" % failed)
    if elapsed is not None:
        parts.append("%.0fs" % elapsed)
    return " ".join(parts)


class Lines(Display):
    """A line per change: ``[done/total] STATUS`` (what the jar's submit prints)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = ""

    def update(self, info: Mapping[str, Any]) -> None:
        progress = info.get("progress") or {}
        line = "[%s/%s] %s" % (progress.get("done", 0), progress.get("total", 0), info.get("status"))
        if line != self.last:
            self.stream.write(line + "\n")
            self.stream.flush()
            self.last = line


class TerminalBar(Display):
    """One line redrawn in place with a carriage return; a newline when closed."""

    def __init__(self, stream: TextIO, label: str, width: int = 30) -> None:
        self.stream = stream
        self.label = label
        self.width = width
        self.started = time.monotonic()
        self.shown = 0

    def update(self, info: Mapping[str, Any]) -> None:
        text = "%s %s" % (self.label, describe(info, self.width, time.monotonic() - self.started))
        self.stream.write("\r" + text + " " * max(0, self.shown - len(text)))
        self.stream.flush()
        self.shown = len(text)

    def close(self, info: Optional[Mapping[str, Any]]) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


class NotebookWidget(Display):
    """An ipywidgets IntProgress with a label."""

    def __init__(self, widgets: Any, display: Any, label: str) -> None:
        self.bar = widgets.IntProgress(min=0, max=1, value=0, description="")
        self.text = widgets.Label(value=label)
        self.label = label
        self.started = time.monotonic()
        display(widgets.HBox([self.bar, self.text]))

    def update(self, info: Mapping[str, Any]) -> None:
        progress = info.get("progress") or {}
        self.bar.max = max(1, int(progress.get("total") or 0))
        self.bar.value = int(progress.get("done") or 0)
        status = str(info.get("status"))
        self.bar.bar_style = {"SUCCEEDED": "success", "FAILED": "danger", "CANCELLED": "warning"}.get(status, "")
        self.text.value = "%s %s" % (self.label, describe(info, 0, time.monotonic() - self.started))


class NotebookText(Display):
    """One text output updated in place (IPython display handles), without ipywidgets."""

    def __init__(self, display: Any, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self.handle = display(label, display_id=True)

    def update(self, info: Mapping[str, Any]) -> None:
        text = "%s %s" % (self.label, describe(info, 30, time.monotonic() - self.started))
        if self.handle is not None:
            self.handle.update(text)


class Nothing(Display):
    def update(self, info: Mapping[str, Any]) -> None:
        pass


def in_notebook() -> bool:
    """True inside a Jupyter kernel (not a terminal IPython)."""
    ipython_module = sys.modules.get("IPython")
    if ipython_module is None:
        return False
    try:
        shell = ipython_module.get_ipython()
    except AttributeError:
        return False
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def choose(enabled: bool, label: str, stream: Optional[TextIO] = None) -> Display:
    """The display for this environment (see the module's description)."""
    if not enabled:
        return Nothing()
    if stream is None and in_notebook():
        display = load("IPython.display", "a notebook progress bar", "ipython").display
        ipywidgets = find("ipywidgets")
        if ipywidgets is None:
            return NotebookText(display, label)
        return NotebookWidget(ipywidgets, display, label)
    out = stream if stream is not None else sys.stderr
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        return TerminalBar(out, label)
    return Lines(out)
