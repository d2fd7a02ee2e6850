"""Experiment handles against a fake service: submit, wait with its progress displays, paging,
cancel and retry, dataset uploads."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import sys
import tempfile
import types
import unittest
import urllib.parse
from typing import Any, Dict, List
from unittest import mock

from _support import FakeServiceTest, Hidden, Request, fixture, need

import cascade_client
from cascade_client import WaitTimeout
from cascade_client import datasets as encoding
from cascade_client import progress as display

ID = "fb996498-088c-43b4-a449-084268738a77"


def state(status: str, done: int, total: int = 28, failed: int = 0) -> Dict[str, Any]:
    info = copy.deepcopy(fixture("experiment.json"))
    info["status"] = status
    info["progress"].update(done=done, total=total, failed=failed, succeeded=done - failed)
    return info


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class SubmitAndWaitTests(FakeServiceTest):

    def test_submit_takes_a_dict_json_text_or_a_file(self) -> None:
        self.service.on("POST", "/experiments", (202, {"Idempotent-Replayed": "false"}, fixture("submitted.json")))
        spec = {"name": "quickstart", "teacher": {"kind": "hierarchical"}}
        experiment = self.cascade.submit(spec)
        self.assertEqual(experiment.id, ID)
        self.assertFalse(experiment.replayed)
        self.assertEqual(experiment.info["status"], "QUEUED")
        self.cascade.submit(json.dumps(spec))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(spec, f)
        self.addCleanup(os.unlink, f.name)
        self.cascade.submit(f.name)
        self.assertEqual([r.json() for r in self.service.requests], [spec, spec, spec])
        self.assertEqual(len({r.headers["Idempotency-Key"] for r in self.service.requests}), 3)
        with self.assertRaises(ValueError):
            self.cascade.submit("{not json")

    def test_wait_polls_until_finished_and_draws_a_terminal_bar(self) -> None:
        self.service.on("GET", "/experiments/" + ID, (200, {}, state("QUEUED", 0)), (200, {}, state("RUNNING", 14)),
                        (200, {}, state("SUCCEEDED", 28)))
        experiment = cascade_client.Experiment(self.cascade, fixture("submitted.json"))
        out = Tty()
        self.assertIs(experiment.wait(poll=0.001, stream=out), experiment)
        self.assertEqual(experiment.info["status"], "SUCCEEDED")
        text = out.getvalue()
        frames = text.split("\r")[1:]
        self.assertEqual(len(frames), 3)
        self.assertIn("[###############---------------] 14/28  50% RUNNING", frames[1])
        self.assertIn("[##############################] 28/28 100% SUCCEEDED", frames[2])
        self.assertTrue(text.endswith("\n"))
        self.assertTrue(frames[0].startswith("quickstart fb996498 "))

    def test_wait_writes_a_line_per_change_when_not_a_terminal(self) -> None:
        self.service.on("GET", "/experiments/" + ID, (200, {}, state("RUNNING", 3)), (200, {}, state("RUNNING", 3)),
                        (200, {}, state("FAILED", 28, failed=2)))
        out = io.StringIO()
        cascade_client.Experiment(self.cascade, fixture("submitted.json")).wait(poll=0.001, stream=out)
        self.assertEqual(out.getvalue(), "[3/28] RUNNING\n[28/28] FAILED\n")

    def test_wait_gives_up_after_the_timeout(self) -> None:
        self.service.on("GET", "/experiments/" + ID, (200, {}, state("RUNNING", 3)))
        experiment = cascade_client.Experiment(self.cascade, fixture("submitted.json"))
        with self.assertRaises(WaitTimeout) as raised:
            experiment.wait(poll=0.01, timeout=0.05, progress=False)
        self.assertIn("still RUNNING", str(raised.exception))
        self.assertIsInstance(raised.exception, TimeoutError)

    def test_status_and_progress_ask_the_service(self) -> None:
        self.service.on("GET", "/experiments/" + ID, (200, {}, state("RUNNING", 7)))
        experiment = cascade_client.Experiment(self.cascade, fixture("submitted.json"))
        self.assertEqual(experiment.status(), "RUNNING")
        self.assertEqual(experiment.progress()["done"], 7)
        self.assertFalse(experiment.done())
        self.assertIn("RUNNING 7/28", repr(experiment))

    def test_a_running_result_is_read_again_a_finished_one_is_kept(self) -> None:
        running = dict(fixture("result.json"), status="RUNNING")
        self.service.on("GET", "/experiments/%s/results" % ID, (200, {}, running), (200, {}, fixture("result.json")))
        experiment = cascade_client.Experiment(self.cascade, fixture("submitted.json"))
        self.assertEqual(experiment.results()["status"], "RUNNING")
        self.assertEqual(experiment.results()["status"], "SUCCEEDED")
        experiment.results()
        self.assertEqual(len(self.service.requests), 2)

    def test_describe_counts_failed_runs(self) -> None:
        self.assertEqual(display.describe(state("RUNNING", 10, 20, failed=2), width=10),
                         "[#####-----] 10/20  50% RUNNING (2 failed)")


class _Shell:
    pass


_Shell.__name__ = "ZMQInteractiveShell"  # what a Jupyter kernel's IPython shell is called


class _Handle:
    def __init__(self, shown: List[Any]) -> None:
        self.shown = shown

    def update(self, obj: Any) -> None:
        self.shown.append(obj)


class _Widget:
    def __init__(self, *children: Any, **fields: Any) -> None:
        self.children = children
        self.__dict__.update(fields)


def notebook(shown: List[Any], with_widgets: bool) -> Dict[str, Any]:
    """sys.modules entries that make the client believe it runs in a Jupyter kernel: IPython whose
    get_ipython() is a ZMQInteractiveShell, IPython.display recording what is displayed, and
    ipywidgets (or, without, None: not installed)."""
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: _Shell()  # type: ignore[attr-defined]
    ipython_display = types.ModuleType("IPython.display")

    def display(obj: Any, display_id: Any = None) -> Any:
        shown.append(obj)
        return _Handle(shown) if display_id else None

    ipython_display.display = display  # type: ignore[attr-defined]
    widgets = types.ModuleType("ipywidgets")
    widgets.IntProgress = widgets.Label = widgets.HBox = _Widget  # type: ignore[attr-defined]
    return {"IPython": ipython, "IPython.display": ipython_display, "ipywidgets": widgets if with_widgets else None}


class NotebookTests(FakeServiceTest):

    def setUp(self) -> None:
        super().setUp()
        self.service.on("GET", "/experiments/" + ID, (200, {}, state("RUNNING", 7)), (200, {}, state("SUCCEEDED", 28)))
        self.experiment = cascade_client.Experiment(self.cascade, fixture("submitted.json"))

    def test_in_a_notebook_wait_shows_an_ipywidgets_bar(self) -> None:
        shown: List[Any] = []
        with mock.patch.dict(sys.modules, notebook(shown, with_widgets=True)):
            self.experiment.wait(poll=0.001)
        box = shown[0]
        bar, label = box.children[0]
        self.assertEqual((bar.value, bar.max, bar.bar_style), (28, 28, "success"))
        self.assertTrue(label.value.startswith("quickstart fb996498 28/28 SUCCEEDED"), label.value)

    def test_without_ipywidgets_a_text_line_is_updated_in_place(self) -> None:
        shown: List[Any] = []
        with mock.patch.dict(sys.modules, notebook(shown, with_widgets=False)):
            self.experiment.wait(poll=0.001)
        self.assertEqual(shown[0], "quickstart fb996498")
        self.assertIn("[########----------------------] 7/28  25% RUNNING", shown[1])
        self.assertIn("28/28 100% SUCCEEDED", shown[2])
        self.assertEqual(len(shown), 3)

    def test_a_terminal_ipython_is_not_a_notebook(self) -> None:
        ipython = types.ModuleType("IPython")
        ipython.get_ipython = lambda: object()  # type: ignore[attr-defined]
        with mock.patch.dict(sys.modules, {"IPython": ipython}):
            self.assertFalse(display.in_notebook())
            self.assertIsInstance(display.choose(True, "x", io.StringIO()), display.Lines)
        self.assertIsInstance(display.choose(False, "x"), display.Nothing)


class ListingTests(FakeServiceTest):

    def test_experiments_follows_the_cursor_and_passes_the_filters(self) -> None:
        first = {"items": [state("SUCCEEDED", 28), state("SUCCEEDED", 28)], "nextCursor": "c1"}
        second = {"items": [state("FAILED", 28)], "nextCursor": None}

        def page(request: Request) -> Any:
            query = urllib.parse.parse_qs(request.query)
            return 200, {}, second if query.get("cursor") == ["c1"] else first

        self.service.on("GET", "/experiments", page)
        found = list(self.cascade.experiments(status="SUCCEEDED", tag="nightly", name="quick", page_size=2))
        self.assertEqual([e.info["status"] for e in found], ["SUCCEEDED", "SUCCEEDED", "FAILED"])
        queries = [urllib.parse.parse_qs(r.query) for r in self.service.requests]
        self.assertEqual(queries[0], {"status": ["SUCCEEDED"], "tag": ["nightly"], "name": ["quick"], "limit": ["2"]})
        self.assertEqual(queries[1]["cursor"], ["c1"])
        self.assertEqual(len(queries), 2)

    def test_the_generator_is_lazy(self) -> None:
        self.service.on("GET", "/experiments", (200, {}, {"items": [state("QUEUED", 0)], "nextCursor": "more"}))
        iterator = self.cascade.experiments()
        self.assertEqual(self.service.requests, [])
        next(iterator)
        self.assertEqual(len(self.service.requests), 1)


class ActionTests(FakeServiceTest):

    def test_cancel_retry_delete_runs_and_baseline(self) -> None:
        self.service.on("POST", "/experiments/%s/cancel" % ID, (200, {}, state("CANCELLED", 4)))
        self.service.on("POST", "/experiments/%s/retry" % ID, (200, {}, state("QUEUED", 4)))
        self.service.on("DELETE", "/experiments/" + ID, (204, {}, b""))
        self.service.on("GET", "/experiments/%s/runs" % ID, (200, {}, [{"id": "r", "status": "CANCELLED"}]))
        self.service.on("POST", "/experiments/%s/baseline" % ID, (200, {}, {"name": "quickstart", "experiment": ID}))
        self.service.on("GET", "/baselines/quickstart", (200, {}, {"name": "quickstart", "experiment": ID}))
        experiment = cascade_client.Experiment(self.cascade, fixture("submitted.json"))
        self.assertEqual(experiment.cancel().info["status"], "CANCELLED")
        self.assertEqual(experiment.retry().info["status"], "QUEUED")
        self.assertEqual(experiment.runs()[0]["status"], "CANCELLED")
        self.assertEqual(experiment.mark_baseline()["experiment"], ID)
        self.assertEqual(self.cascade.baseline("quickstart")["experiment"], ID)
        experiment.delete()
        self.assertEqual([(r.method, r.path) for r in self.service.requests], [
            ("POST", "/experiments/%s/cancel" % ID), ("POST", "/experiments/%s/retry" % ID),
            ("GET", "/experiments/%s/runs" % ID), ("POST", "/experiments/%s/baseline" % ID),
            ("GET", "/baselines/quickstart"), ("DELETE", "/experiments/" + ID)])

    def test_csv_and_server_plots(self) -> None:
        self.service.on("GET", "/experiments/%s/results" % ID, (200, {"Content-Type": "text/csv"}, b"estimator,n\n"))
        self.service.on("GET", "/experiments/%s/plots/nmse.svg" % ID, (200, {"Content-Type": "image/svg+xml"}, b"<svg/>"))
        experiment = cascade_client.Experiment(self.cascade, fixture("submitted.json"))
        self.assertEqual(experiment.results_csv(), "estimator,n\n")
        self.assertEqual(self.service.requests[0].query, "format=csv")
        self.assertEqual(self.service.requests[0].headers["Accept"], "text/csv")
        self.assertEqual(experiment.plot_image(), b"<svg/>")

    def test_catalogues(self) -> None:
        self.service.on("GET", "/estimators", (200, {}, fixture("estimators.json")))
        self.service.on("GET", "/teachers", (200, {}, fixture("teachers.json")))
        self.service.on("GET", "/expectations", (200, {}, [{"name": "estimator"}]))
        self.assertIn("hierarchical-spectral", [k["kind"] for k in self.cascade.estimators()])
        self.assertIn("hierarchical", [k["kind"] for k in self.cascade.teachers()])
        self.assertEqual(self.cascade.expectations(), [{"name": "estimator"}])


DATASET = {"id": "d1", "name": "toy", "rows": 3, "columns": 2}


class DatasetTests(FakeServiceTest):

    def setUp(self) -> None:
        super().setUp()
        self.service.on("POST", "/datasets", (201, {}, DATASET))
        self.x = [[0.1, 2.0], [-3.5, 1e-300], [1.0 / 3.0, 7.0]]
        self.y = [1, -1, 1]

    def query(self) -> Dict[str, List[str]]:
        return urllib.parse.parse_qs(self.service.requests[-1].query)

    def test_without_numpy_the_upload_is_a_csv_that_reads_back_exactly(self) -> None:
        with Hidden("numpy"):
            self.assertEqual(self.cascade.upload_dataset("toy", self.x, self.y), DATASET)
        request = self.service.requests[-1]
        self.assertEqual(request.headers["Content-Type"], "text/csv")
        self.assertEqual(self.query(), {"name": ["toy"], "format": ["csv"], "labelColumn": ["label"]})
        lines = request.body.decode("ascii").splitlines()
        self.assertEqual(lines[0], "x0,x1,label")
        read = [[float(v) for v in line.split(",")] for line in lines[1:]]
        self.assertEqual([r[:2] for r in read], self.x)  # bit for bit: repr() round-trips doubles
        self.assertEqual([r[2] for r in read], self.y)

    def test_csv_refuses_ragged_rows_and_mismatched_labels(self) -> None:
        with self.assertRaisesRegex(ValueError, "row 1 has 1 features"):
            encoding.csv([[1, 2], [3]], [0, 1])
        with self.assertRaisesRegex(ValueError, "2 rows but y has 1"):
            encoding.csv([[1, 2], [3, 4]], [0])
        with Hidden("numpy"):
            with self.assertRaisesRegex(ImportError, "pip install numpy"):
                self.cascade.upload_dataset("toy", self.x, self.y, format="npz")

    def test_with_numpy_the_default_is_an_npz_made_in_memory(self) -> None:
        np = need("numpy")
        x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
        y = np.array([0, 1])
        self.cascade.upload_dataset("cube", x, y)
        request = self.service.requests[-1]
        self.assertEqual(request.headers["Content-Type"], "application/octet-stream")
        self.assertEqual(self.query(), {"name": ["cube"], "format": ["npz"]})
        with np.load(io.BytesIO(request.body)) as npz:
            self.assertEqual(sorted(npz.files), ["x", "y"])
            np.testing.assert_array_equal(npz["x"], x)
            self.assertEqual(npz["x"].dtype, np.float32)
            np.testing.assert_array_equal(npz["y"], y)

    def test_with_numpy_an_npy_pair_goes_as_multipart_features_and_labels(self) -> None:
        np = need("numpy")
        x = np.array(self.x)
        self.cascade.upload_dataset("pair", x, self.y, format="npy")
        request = self.service.requests[-1]
        content_type = request.headers["Content-Type"]
        self.assertTrue(content_type.startswith("multipart/form-data; boundary="))
        boundary = content_type.split("=", 1)[1].encode("ascii")
        parts = [p for p in request.body.split(b"--" + boundary) if p.strip(b"-\r\n")]
        self.assertEqual(len(parts), 2)
        arrays = {}
        for part in parts:
            head, _, data = part.partition(b"\r\n\r\n")
            name = head.split(b'name="')[1].split(b'"')[0].decode()
            arrays[name] = np.load(io.BytesIO(data[:-2]))  # the part ends with CRLF
        np.testing.assert_array_equal(arrays["features"], x)
        np.testing.assert_array_equal(arrays["labels"], np.array(self.y))

    def test_a_file_is_uploaded_as_it_is(self) -> None:
        data = b"a,b,label\n1,2,0\n"
        with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as f:
            f.write(data)
        self.addCleanup(os.unlink, f.name)
        self.cascade.upload_dataset_file(f.name, name="file", label_column="label")
        self.assertEqual(self.service.requests[-1].body, data)
        self.assertEqual(hashlib.sha256(self.service.requests[-1].body).hexdigest(), hashlib.sha256(data).hexdigest())
        self.assertEqual(self.query(), {"name": ["file"], "format": ["csv"], "labelColumn": ["label"]})

    def test_list_get_delete(self) -> None:
        self.service.on("GET", "/datasets", (200, {}, {"items": [DATASET]}))
        self.service.on("GET", "/datasets/d1", (200, {}, DATASET))
        self.service.on("DELETE", "/datasets/d1", (204, {}, b""))
        self.assertEqual(self.cascade.datasets(), [DATASET])
        self.assertEqual(self.cascade.dataset("d1"), DATASET)
        self.cascade.delete_dataset("d1")
        self.assertEqual(self.service.requests[-1].method, "DELETE")


if __name__ == "__main__":
    unittest.main()
