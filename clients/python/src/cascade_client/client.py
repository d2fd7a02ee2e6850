"""The client: :class:`Cascade` (one service), :class:`Experiment` (one experiment on it) and
:class:`Comparison` (GET /experiments/compare)."""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, TextIO, Tuple, Union

from . import datasets as _datasets
from . import frames as _frames
from . import plotting as _plotting
from . import progress as _progress
from ._http import Transport
from .errors import WaitTimeout

JSON = Dict[str, Any]
Spec = Union[Mapping[str, Any], str, "os.PathLike[str]"]

TERMINAL = frozenset({"SUCCEEDED", "FAILED", "CANCELLED"})


def _load_spec(spec: Spec) -> bytes:
    """The spec as JSON bytes: a mapping, JSON text, or the path of a JSON file."""
    if isinstance(spec, Mapping):
        return json.dumps(spec).encode("utf-8")
    text = os.fspath(spec)
    if not text.lstrip().startswith("{"):
        with open(text, "rb") as f:
            data = f.read()
        json.loads(data.decode("utf-8"))  # a readable error here rather than the server's 400
        return data
    json.loads(text)
    return text.encode("utf-8")


class Cascade:
    """A Cascade service.

    Args:
        url: the service's base URL, e.g. ``http://localhost:8080``. Redirects are never followed:
            give the final URL.
        token: the bearer token; default ``$CASCADE_TOKEN`` (none when unset).
        timeout: seconds to wait for each answer.
        retries: extra attempts after a connection error or a 502/503/504, for calls that are safe
            to repeat (reads, deletes, and submissions, which carry an Idempotency-Key).
        backoff: the first retry's wait in seconds, doubled each time (or the answer's Retry-After).
    """

    def __init__(self, url: str, token: Optional[str] = None, *, timeout: float = 60.0, retries: int = 3,
                 backoff: float = 1.0) -> None:
        self.http = Transport(url, token if token is not None else os.environ.get("CASCADE_TOKEN"),
                              timeout=timeout, retries=retries, backoff=backoff)

    @property
    def url(self) -> str:
        return self.http.base

    def __repr__(self) -> str:
        return "Cascade(%r)" % self.url

    # experiments

    def submit(self, spec: Spec, idempotency_key: Optional[str] = None) -> "Experiment":
        """Validates and queues an experiment (POST /experiments); returns its handle at once.

        ``spec`` is a dict, JSON text or the path of a JSON file. Every submission sends an
        ``Idempotency-Key`` (a fresh one unless given), and retries after a lost answer reuse it,
        so the experiment is queued once; submitting again with the same key returns the first
        experiment (``Experiment.replayed`` is then True). A bad spec raises
        :class:`~cascade_client.errors.BadRequest` naming every bad field in ``field_errors``.
        """
        key = idempotency_key or "cascade-py-" + str(uuid.uuid4())
        response = self.http.call("submit", body=_load_spec(spec), content_type="application/json",
                                  headers={"Idempotency-Key": key})
        experiment = Experiment(self, response.json())
        experiment.replayed = response.headers.get("idempotent-replayed", "").lower() == "true"
        experiment.idempotency_key = key
        return experiment

    def experiment(self, id: str) -> "Experiment":
        """The experiment ``id`` (GET /experiments/{id}); NotFound when there is none."""
        return Experiment(self, self.http.call("experiment", {"id": id}).json())

    def experiments(self, status: Optional[str] = None, tag: Optional[str] = None, name: Optional[str] = None,
                    page_size: int = 50) -> Iterator["Experiment"]:
        """Experiments newest first, following the keyset pages (``nextCursor``) lazily.

        ``status`` (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), ``tag`` and ``name`` (a substring)
        filter on the server."""
        cursor: Optional[str] = None
        while True:
            page = self.http.call("experiments", query={"status": status, "tag": tag, "name": name,
                                                        "cursor": cursor, "limit": page_size}).json()
            for item in page.get("items") or []:
                yield Experiment(self, item)
            cursor = page.get("nextCursor")
            if not cursor:
                return

    def compare(self, ids: Iterable[Union[str, "Experiment"]]) -> "Comparison":
        """GET /experiments/compare?ids=A,B,...: summaries, ``specDiff``, and curves and fits tagged
        with their experiment, as a :class:`Comparison` (with DataFrames and a plot)."""
        id_list = [i.id if isinstance(i, Experiment) else str(i) for i in ids]
        if len(id_list) < 2:
            raise ValueError("compare needs at least two experiments")
        return Comparison(self.http.call("compare", query={"ids": ",".join(id_list)}).json())

    def baseline(self, name: str) -> JSON:
        """The baseline of an experiment name (GET /baselines/{name})."""
        answer: JSON = self.http.call("baseline", {"name": name}).json()
        return answer

    # catalogues

    def estimators(self) -> List[JSON]:
        """Every estimator kind with its parameters, types, defaults and limits."""
        answer: List[JSON] = self.http.call("estimators").json()
        return answer

    def teachers(self) -> List[JSON]:
        """Every teacher kind with its parameters, types, defaults and limits."""
        answer: List[JSON] = self.http.call("teachers").json()
        return answer

    def expectations(self) -> Any:
        """The fields of a spec's ``expect`` entries."""
        return self.http.call("expectations").json()

    # datasets

    def upload_dataset(self, name: str, x: Any, y: Any, *, format: Optional[str] = None,
                       label_column: str = "label") -> JSON:
        """Uploads features ``x`` (rows x features, or rows x h x w x c) and labels ``y``.

        ``format``: ``"npz"`` (the default when numpy is installed: one .npz made in memory),
        ``"npy"`` (two .npy files as a multipart upload) or ``"csv"`` (the default without numpy;
        ``x`` as rows of numbers, every value written so that it reads back exactly). Returns the
        stored dataset (id, rows, columns, label summary, sha256 of the uploaded bytes); name it in a
        spec as ``{"teacher": {"kind": "dataset", "id": ...}}``."""
        fmt = format or ("npz" if _datasets.have_numpy() else "csv")
        body, content_type, query = _datasets.encode(x, y, fmt, label_column)
        query = dict(query, name=name)
        answer: JSON = self.http.call("upload_dataset", query=query, body=body, content_type=content_type).json()
        return answer

    def upload_dataset_file(self, path: "Union[str, os.PathLike[str]]", name: Optional[str] = None,
                            label_column: str = "label") -> JSON:
        """Uploads a .csv or .npz file as it is (the format from its suffix)."""
        text = os.fspath(path)
        fmt = "npz" if text.lower().endswith(".npz") else "csv"
        with open(text, "rb") as f:
            body = f.read()
        query: Dict[str, Any] = {"name": name or os.path.basename(text), "format": fmt}
        if fmt == "csv":
            query["labelColumn"] = label_column
        answer: JSON = self.http.call("upload_dataset", query=query, body=body,
                                      content_type="text/csv" if fmt == "csv" else "application/octet-stream").json()
        return answer

    def datasets(self) -> List[JSON]:
        """The caller's datasets, newest first."""
        answer: List[JSON] = self.http.call("datasets").json().get("items", [])
        return answer

    def dataset(self, id: str) -> JSON:
        answer: JSON = self.http.call("dataset", {"id": id}).json()
        return answer

    def delete_dataset(self, id: str) -> None:
        """Deletes a dataset (Conflict while a queued or running experiment uses it)."""
        self.http.call("delete_dataset", {"id": id})


class Experiment:
    """One experiment on a :class:`Cascade` service.

    ``info`` is the last answer of GET /experiments/{id} (status, progress, timings, spec as run);
    :meth:`status` and :meth:`refresh` ask again. Results are read on demand and kept once the
    experiment is finished.
    """

    replayed: bool
    idempotency_key: Optional[str]

    def __init__(self, client: Cascade, info: Mapping[str, Any]) -> None:
        self.client = client
        self.info: JSON = dict(info)
        self.id: str = str(info["id"])
        self.replayed = False
        self.idempotency_key = None
        self._result: Optional[JSON] = None

    def __repr__(self) -> str:
        progress = self.info.get("progress") or {}
        return "<Experiment %s %s %s %s/%s>" % (self.info.get("name"), self.id, self.info.get("status"),
                                                progress.get("done"), progress.get("total"))

    @property
    def name(self) -> Optional[str]:
        return self.info.get("name")

    @property
    def url(self) -> str:
        return "%s/experiments/%s" % (self.client.url, self.id)

    def refresh(self) -> JSON:
        """GET /experiments/{id}: status, progress (runs done / total) and timings."""
        self.info = self.client.http.call("experiment", {"id": self.id}).json()
        return self.info

    def status(self) -> str:
        """The current status: QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED."""
        return str(self.refresh()["status"])

    def progress(self) -> JSON:
        """The current run counts (total, queued, running, succeeded, failed, cancelled, done, fraction)."""
        progress: JSON = self.refresh()["progress"]
        return progress

    def done(self) -> bool:
        return self.status() in TERMINAL

    def wait(self, poll: float = 2.0, timeout: Optional[float] = None, progress: bool = True,
             stream: Optional[TextIO] = None) -> "Experiment":
        """Polls until the experiment is finished (SUCCEEDED, FAILED or CANCELLED); returns self.

        With ``progress`` a bar shows the runs done: a widget in a notebook (ipywidgets if present,
        else a line of text), a carriage-return line in a terminal, a line per change elsewhere
        (``stream``, default stderr). Raises :class:`~cascade_client.errors.WaitTimeout` after
        ``timeout`` seconds; the experiment goes on running on the server."""
        if poll <= 0:
            raise ValueError("poll must be positive")
        display = _progress.choose(progress, "%s %s" % (self.name or "experiment", self.id[:8]), stream)
        deadline = None if timeout is None else time.monotonic() + timeout
        info: Optional[JSON] = None
        try:
            while True:
                info = self.refresh()
                display.update(info)
                if info["status"] in TERMINAL:
                    return self
                if deadline is not None and time.monotonic() >= deadline:
                    raise WaitTimeout(self.id, float(timeout or 0), str(info["status"]))
                pause = poll if deadline is None else max(0.0, min(poll, deadline - time.monotonic()))
                time.sleep(pause)
        finally:
            display.close(info)

    def results(self, refresh: bool = False) -> JSON:
        """The result (CONTRACT.md "Result"): curves, fits, crossings, theory, verdicts, timings;
        partial while running. A finished experiment's result is read once and kept."""
        if self._result is None or refresh or self._result.get("status") not in TERMINAL:
            self._result = self.client.http.call("results", {"id": self.id}).json()
        return self._result

    def results_csv(self) -> str:
        """The curves as CSV (GET /experiments/{id}/results?format=csv)."""
        return self.client.http.call("results", {"id": self.id}, query={"format": "csv"}, accept="text/csv").text()

    def runs(self) -> List[JSON]:
        """Every run (estimator, n, seed) with its status, attempts, error and outcome."""
        answer: List[JSON] = self.client.http.call("runs", {"id": self.id}).json()
        return answer

    def _plain(self, what: str) -> JSON:
        result = self.results()
        if _frames.is_grid(result):
            raise ValueError("experiment %s is a grid (a study): its %s are per cell; use cells(%r), which "
                             "adds the cell's coordinates as columns" % (self.id, what, what))
        return result

    def curves(self, as_frame: bool = True) -> Any:
        """One row per (estimator, n): ``seeds``, ``<metric>_mean`` and ``<metric>_stderr`` per metric,
        ``cos2_<j>_mean``/``_stderr`` per teacher direction, ``capped``/``trainUsed`` where a point
        used fewer samples. A pandas DataFrame, or a list of dicts with ``as_frame=False``."""
        records = _frames.table(self._plain("curves"), "curves")
        return _as(records, ["estimator", "n", "seeds"], as_frame, "curves()")

    def fits(self, as_frame: bool = True) -> Any:
        """One row per fitted power law: ``exponent``, ``ci95_low``/``ci95_high``, ``r2``, the window
        ``nMin``..``nMax``, ``theorySlope`` (the theory surrogate's slope over the same window) and
        ``asymptoticExponent`` (the theory's asymptote)."""
        records = _frames.table(self._plain("fits"), "fits")
        return _as(records, ["estimator", "metric", "exponent", "ci95_low", "ci95_high", "r2", "nMin", "nMax",
                             "points", "theorySlope"], as_frame, "fits()")

    def crossings(self, as_frame: bool = True) -> Any:
        """One row per (estimator, direction): the n where its seed-mean cos² reaches 1/2."""
        records = _frames.table(self._plain("crossings"), "crossings")
        return _as(records, ["estimator", "direction", "n", "theoryN"], as_frame, "crossings()")

    def verdicts(self, as_frame: bool = True) -> Any:
        """The spec's expectations as checked: value, expected, tolerance, pass, reason."""
        records = [dict(v) for v in self.results().get("verdicts") or []]
        return _as(records, ["estimator", "quantity", "direction", "n", "value", "expected", "tolerance",
                             "pass"], as_frame, "verdicts()")

    def cells(self, table: str = "curves", as_frame: bool = True) -> Any:
        """A grid's cells flattened: every row of each cell's ``table`` (``curves``, ``fits`` or
        ``crossings``, columns as in :meth:`curves` / :meth:`fits`) led by ``cell`` (its index) and
        one column per grid axis, named by its path (``teacher.d``) and holding the cell's value."""
        result = self.results()
        if not _frames.is_grid(result):
            raise ValueError("experiment %s has no grid, so no cells; use curves() and fits()" % self.id)
        records = _frames.cell_table(result, table)
        return _as(records, ["cell"] + _frames.coords_of(result), as_frame, "cells()")

    def studies(self, kind: str = "exponents", as_frame: bool = True) -> Any:
        """A grid's studies (``exponents``, ``thresholds`` or ``envelopes``), one row per point with
        its series' estimator, axis and fixed coordinates."""
        records = _frames.study_table(self.results(), kind)
        return _as(records, ["estimator", "axis", "x"], as_frame, "studies()")

    def plot(self, ax: Any = None, metric: Optional[str] = None) -> Any:
        """matplotlib: ``metric`` (default the spec's fitted metric, NMSE) against n on log-log axes,
        one series per estimator with standard-error bars, its fitted power law over the fit window
        and the theory curve where there is one. Returns the Axes. For a grid, one panel per cell."""
        result = self.results()
        metric = metric or _plotting.fitted_metric(result)
        title = "%s (%s)" % (self.name or self.id, result.get("status"))
        if not _frames.is_grid(result):
            return _plotting.plot_curves(result.get("curves") or [], result.get("fits") or [], result.get("theory"),
                                         metric, ax, title=title)
        plt = _plotting.require_pyplot("plot()")
        cells = result.get("cells") or []
        columns = min(3, max(1, len(cells)))
        rows = (len(cells) + columns - 1) // columns
        fig, axes = plt.subplots(rows, columns, figsize=(5 * columns, 3.6 * rows), squeeze=False)
        for i, cell in enumerate(cells):
            coords = ", ".join("%s=%s" % kv for kv in (cell.get("coords") or {}).items())
            _plotting.plot_curves(cell.get("curves") or [], cell.get("fits") or [], cell.get("theory"), metric,
                                  axes[i // columns][i % columns], title=coords)
        for j in range(len(cells), rows * columns):
            axes[j // columns][j % columns].set_visible(False)
        fig.suptitle(title)
        return axes

    def plot_image(self, plot: str = "nmse", format: str = "svg") -> bytes:
        """The service's own plot (``nmse``, ``cos2`` or ``spectrum``) as SVG or PNG bytes; in a
        notebook: ``IPython.display.SVG(exp.plot_image())``."""
        if format not in ("svg", "png"):
            raise ValueError("format must be svg or png")
        return self.client.http.call("plot_" + format, {"id": self.id, "plot": plot},
                                     accept="image/svg+xml" if format == "svg" else "image/png").body

    def cancel(self) -> "Experiment":
        """Cancels queued runs; running runs stop at their next checkpoint (Conflict when finished)."""
        self.info = self.client.http.call("cancel", {"id": self.id}).json()
        return self

    def retry(self) -> "Experiment":
        """Re-queues failed and cancelled runs (Conflict when there are none)."""
        self.info = self.client.http.call("retry", {"id": self.id}).json()
        self._result = None
        return self

    def delete(self) -> None:
        """Cancels and deletes the experiment with its runs and results."""
        self.client.http.call("delete", {"id": self.id})

    def mark_baseline(self) -> JSON:
        """Makes this SUCCEEDED experiment the baseline of its name (needs an admin token)."""
        answer: JSON = self.client.http.call("mark_baseline", {"id": self.id}, idempotent=True).json()
        return answer


class Comparison:
    """The answer of GET /experiments/compare (CONTRACT.md "Comparing experiments").

    ``raw`` is the answer as sent; ``experiments`` the summaries; :meth:`spec_diff` the spec paths
    whose values differ; :meth:`curves` and :meth:`fits` the experiments' tables with an
    ``experiment`` column first; :meth:`plot` overlays them."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw: JSON = dict(raw)

    def __repr__(self) -> str:
        return "<Comparison of %d experiments, %d spec paths differ>" % (len(self.ids), len(self.spec_diff()))

    @property
    def experiments(self) -> List[JSON]:
        return list(self.raw.get("experiments") or [])

    @property
    def ids(self) -> List[str]:
        return [str(e.get("id", e.get("experiment"))) for e in self.experiments]

    def spec_diff(self) -> List[Tuple[str, Dict[str, Any]]]:
        """``(path, {experiment id: value})`` for every spec path whose values differ. The service
        may send each entry's values as a list in the order of ``experiments`` or keyed by id."""
        entries: List[Tuple[str, Dict[str, Any]]] = []
        ids = self.ids
        for entry in self.raw.get("specDiff") or []:
            values = entry.get("values")
            if isinstance(values, list):
                by_id = dict(zip(ids, values))
            elif isinstance(values, Mapping):
                by_id = dict(values)
            else:
                by_id = {}
            entries.append((str(entry.get("path")), by_id))
        return entries

    def spec_diff_frame(self, as_frame: bool = True) -> Any:
        """One row per differing path, one column per experiment id."""
        records: List[JSON] = []
        for path, values in self.spec_diff():
            row: JSON = {"path": path}
            row.update({i: values.get(i) for i in self.ids})
            records.append(row)
        return _as(records, ["path"] + self.ids, as_frame, "spec_diff_frame()")

    def curves(self, as_frame: bool = True) -> Any:
        records = _frames.tagged(self.raw.get("curves") or [], _frames.curve_record)
        return _as(records, ["experiment", "estimator", "n", "seeds"], as_frame, "curves()")

    def fits(self, as_frame: bool = True) -> Any:
        records = _frames.tagged(self.raw.get("fits") or [], _frames.fit_record)
        return _as(records, ["experiment", "estimator", "metric", "exponent", "ci95_low", "ci95_high", "r2",
                             "nMin", "nMax", "points", "theorySlope"], as_frame, "fits()")

    def plot(self, ax: Any = None, metric: str = "nmse") -> Any:
        """Every experiment's curves and fits on one log-log Axes, labelled ``<name or id>: <estimator>``."""
        names = {i: str(e.get("name") or i[:8]) for i, e in zip(self.ids, self.experiments)}
        curves = self.raw.get("curves") or []
        fits = self.raw.get("fits") or []
        for experiment in self.ids:
            label = "%s %s: " % (names[experiment], experiment[:8]) if len(set(names.values())) < len(names) \
                else names[experiment] + ": "
            ax = _plotting.plot_curves([c for c in curves if c.get("experiment") == experiment],
                                       [f for f in fits if f.get("experiment") == experiment], None, metric, ax,
                                       label_prefix=label)
        return ax


def _as(records: Sequence[JSON], first: Sequence[str], as_frame: bool, purpose: str) -> Any:
    if not as_frame:
        return list(records)
    return _frames.frame(records, _frames.columns_of(records, first), purpose)


__all__ = ["Cascade", "Experiment", "Comparison", "TERMINAL"]
