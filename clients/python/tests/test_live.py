"""Against a real service (CASCADE_URL, e.g. the one PythonClientIntegrationTests starts): submit a
quickstart-sized experiment, wait, tables and DataFrames, a 4xx with its field errors, datasets,
cancel and retry, compare, and the CLI's exit codes. Skipped without CASCADE_URL.

The experiments are the quickstart (examples/quickstart.json) made smaller (d = 10, n up to 4000),
a few seconds of compute each."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
import uuid
import xml.etree.ElementTree as ET
from typing import Any, Dict, List, Optional, Tuple

from _support import PROJECT, REPOSITORY, Hidden, live_url, need
from test_transport import free_port

import cascade_client
from cascade_client import BadRequest, Cascade, CascadeError, Experiment, NotFound
from cascade_client import datasets as encoding

RUN = uuid.uuid4().hex[:8]  # names and tags of this run's experiments
WAIT = 600.0


def small_quickstart(name: str, d: int = 10, expect: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    with open(os.path.join(REPOSITORY, "examples", "quickstart.json"), encoding="utf-8") as f:
        spec: Dict[str, Any] = json.load(f)
    spec["name"] = name
    spec["tags"] = ["pyclient-live", "run-" + RUN]
    spec["teacher"].update(d=d, p=3)
    spec["estimators"][0]["directions"] = 3
    spec["estimators"][1]["maxTrain"] = 1000
    spec["sweep"] = {"n": [500, 1000, 2000, 4000], "seeds": 2}
    spec["test"] = {"n": 1000}
    if expect is not None:
        spec["expect"] = expect
    return spec


class LiveTests(unittest.TestCase):
    cascade: Cascade
    base: Experiment
    variant: Experiment
    spec: Dict[str, Any]

    @classmethod
    def setUpClass(cls) -> None:
        cls.cascade = Cascade(live_url(), token=os.environ.get("CASCADE_TOKEN"))
        cls.spec = small_quickstart("pyclient-live-" + RUN)
        cls.base = cls.cascade.submit(cls.spec, idempotency_key="pyclient-live-" + RUN)
        cls.variant = cls.cascade.submit(small_quickstart("pyclient-live-" + RUN, d=12))
        for experiment in (cls.base, cls.variant):
            experiment.wait(poll=0.2, timeout=WAIT, stream=io.StringIO())

    def test_a_quickstart_finishes_with_curves_and_fits(self) -> None:
        self.assertEqual(self.base.status(), "SUCCEEDED")
        result = self.base.results()
        self.assertEqual(result["experiment"], self.base.id)
        self.assertEqual(result["status"], "SUCCEEDED")
        curves = self.base.curves(as_frame=False)
        self.assertEqual(len(curves), 2 * 4)  # 2 estimators x 4 sample sizes
        self.assertEqual({(c["estimator"], c["n"]) for c in curves},
                         {(e, n) for e in ("spectral", "krr-quadratic") for n in (500, 1000, 2000, 4000)})
        for row, curve in zip(curves, result["curves"]):
            self.assertEqual(row["nmse_mean"], curve["metrics"]["nmse"]["mean"])
            self.assertEqual(row["seeds"], 2)
        krr = {c["n"]: c for c in curves if c["estimator"] == "krr-quadratic"}
        self.assertEqual((krr[1000]["capped"], krr[2000]["capped"], krr[2000]["trainUsed"]), (False, True, 1000))
        fits = {f["estimator"]: f for f in self.base.fits(as_frame=False)}
        self.assertIn("spectral", fits)
        self.assertLessEqual(fits["spectral"]["ci95_low"], fits["spectral"]["exponent"])
        self.assertLessEqual(fits["spectral"]["exponent"], fits["spectral"]["ci95_high"])
        self.assertEqual(self.base.info["progress"]["done"], 16)

    def test_curves_and_fits_as_dataframes(self) -> None:
        need("pandas")
        curves = self.base.curves()
        self.assertEqual(curves.shape[0], 8)
        self.assertEqual(list(curves.columns[:3]), ["estimator", "n", "seeds"])
        spectral = curves[curves.estimator == "spectral"].sort_values("n")
        result = self.base.results()
        self.assertEqual(spectral["nmse_mean"].tolist(),
                         [c["metrics"]["nmse"]["mean"] for c in result["curves"] if c["estimator"] == "spectral"])
        fits = self.base.fits()
        self.assertIn("theorySlope", fits.columns)
        self.assertEqual(fits.shape[0], len(result["fits"]))

    def test_without_pandas_the_dataframe_call_says_what_to_install(self) -> None:
        with Hidden("pandas"):
            with self.assertRaisesRegex(ImportError, "pip install pandas"):
                self.base.curves()

    def test_plot(self) -> None:
        need("matplotlib")
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        ax = self.base.plot()
        self.addCleanup(plt.close, ax.figure)
        self.assertIn("spectral", ax.get_legend_handles_labels()[1])

    def test_a_bad_spec_raises_BadRequest_with_its_field_errors(self) -> None:
        bad = copy.deepcopy(self.spec)
        bad["estimators"][1]["ridge"] = -1
        bad["teacher"]["d"] = -3
        bad["colour"] = "blue"
        with self.assertRaises(BadRequest) as raised:
            self.cascade.submit(bad)
        fields = dict(raised.exception.field_errors)
        self.assertEqual(set(fields), {"estimators[1].ridge", "teacher.d", "colour"})
        self.assertIn("must be between", fields["estimators[1].ridge"])
        self.assertIn("  estimators[1].ridge: must be between", str(raised.exception))
        self.assertEqual(raised.exception.status, 400)

    def test_resubmitting_with_the_same_key_returns_the_same_experiment(self) -> None:
        again = self.cascade.submit(self.spec, idempotency_key="pyclient-live-" + RUN)
        self.assertEqual(again.id, self.base.id)
        self.assertTrue(again.replayed)

    def test_listing_filters_and_pages(self) -> None:
        mine = list(self.cascade.experiments(tag="run-" + RUN, page_size=1))
        self.assertTrue({e.id for e in mine} >= {self.base.id, self.variant.id})
        self.assertEqual(len({e.id for e in mine}), len(mine))  # no page repeats one
        succeeded = list(self.cascade.experiments(status="SUCCEEDED", name="pyclient-live-" + RUN))
        self.assertIn(self.base.id, [e.id for e in succeeded])
        self.assertEqual(self.cascade.experiment(self.base.id).name, "pyclient-live-" + RUN)

    def test_an_unknown_experiment_is_NotFound(self) -> None:
        with self.assertRaises(NotFound) as raised:
            self.cascade.experiment(str(uuid.uuid4()))
        self.assertEqual(raised.exception.status, 404)

    def test_catalogues(self) -> None:
        self.assertIn("hierarchical-spectral", [k["kind"] for k in self.cascade.estimators()])
        self.assertIn("hierarchical", [k["kind"] for k in self.cascade.teachers()])

    def test_cancel_retry_and_delete(self) -> None:
        spec = small_quickstart("pyclient-live-cancel-" + RUN, d=20)
        spec["sweep"] = {"n": [64000, 128000], "seeds": 10}  # far longer than the cancel takes
        spec["estimators"] = spec["estimators"][:1]
        experiment = self.cascade.submit(spec)
        self.assertEqual(experiment.cancel().info["status"], "CANCELLED")
        experiment.wait(poll=0.2, timeout=WAIT, progress=False)  # running runs stop at a checkpoint
        self.assertEqual(experiment.retry().info["status"], "QUEUED")
        experiment.cancel()
        experiment.delete()
        with self.assertRaises(NotFound):
            experiment.refresh()

    def test_datasets_upload_as_csv_and_npz(self) -> None:
        x = [[0.5, -1.25], [2.0, 1.0 / 3.0], [1e-3, 4.0], [-2.5, 0.0], [3.0, 3.0]]
        y = [1, -1, 1, -1, 1]
        uploads: List[Tuple[str, bytes, Dict[str, Any]]] = []
        with Hidden("numpy"):
            uploads.append(("csv", encoding.csv(x, y), self.cascade.upload_dataset("py-csv-" + RUN, x, y)))
        try:
            import numpy  # noqa: F401
        except ImportError:
            pass
        else:
            uploads.append(("npz", encoding.npz(x, y), self.cascade.upload_dataset("py-npz-" + RUN, x, y)))
        for fmt, body, stored in uploads:
            with self.subTest(format=fmt):
                self.assertEqual((stored["rows"], stored["columns"], stored["format"]), (5, 2, fmt))
                self.assertEqual(stored["sha256"], hashlib.sha256(body).hexdigest())
                self.assertEqual(stored["labels"]["count"], 5)
                self.assertEqual(self.cascade.dataset(stored["id"])["sha256"], stored["sha256"])
                self.assertIn(stored["id"], [d["id"] for d in self.cascade.datasets()])
                self.cascade.delete_dataset(stored["id"])
                with self.assertRaises(NotFound):
                    self.cascade.dataset(stored["id"])

    def test_compare(self) -> None:
        try:
            comparison = self.cascade.compare([self.base, self.variant])
        except CascadeError as e:
            # Until GET /experiments/compare exists, the path falls through to /experiments/{id}:
            # 400 naming the id parameter ("must be UUID"), or 404.
            if e.status == 404 or (e.status == 400 and [f for f, _ in e.field_errors] == ["id"]):
                self.skipTest("GET /experiments/compare is not on this server yet (HTTP %s, %s)"
                              % (e.status, e.detail or e.title))
            raise
        self.assertEqual(comparison.ids, [self.base.id, self.variant.id])
        diff = dict(comparison.spec_diff())
        self.assertEqual(diff["teacher.d"], {self.base.id: 10, self.variant.id: 12})
        curves = comparison.curves(as_frame=False)
        self.assertEqual({c["experiment"] for c in curves}, {self.base.id, self.variant.id})
        self.assertEqual(len(curves), 16)


class CommandLineLiveTests(unittest.TestCase):
    """``python -m cascade_client submit`` against the service: exit codes 0, 1, 2, 3."""

    def setUp(self) -> None:
        self.url = live_url()
        self.dir = tempfile.mkdtemp(prefix="cascade-cli-")

    def tearDown(self) -> None:
        for name in os.listdir(self.dir):
            os.unlink(os.path.join(self.dir, name))
        os.rmdir(self.dir)

    def submit(self, spec: Any, *args: str, server: Optional[str] = None) -> "subprocess.CompletedProcess[str]":
        path = os.path.join(self.dir, "spec.json")
        with open(path, "w") as f:
            f.write(spec if isinstance(spec, str) else json.dumps(spec))
        env = dict(os.environ, PYTHONPATH=os.path.join(PROJECT, "src"), PYTHONDONTWRITEBYTECODE="1")
        return subprocess.run([sys.executable, "-m", "cascade_client", "submit", path, "--server", server or self.url,
                               "--poll", "0.2", "--timeout", str(WAIT)] + list(args),
                              capture_output=True, text=True, env=env, timeout=WAIT + 60)

    def test_passing_expectations_exit_0_with_result_and_junit(self) -> None:
        spec = small_quickstart("pyclient-cli-pass-" + RUN, expect=[
            {"estimator": "spectral", "quantity": "exponent", "value": -1.0, "tolerance": 10},
            {"estimator": "krr-quadratic", "quantity": "nmse", "n": 4000, "value": 1.0, "tolerance": 10}])
        out, junit = os.path.join(self.dir, "result.json"), os.path.join(self.dir, "report.xml")
        done = self.submit(spec, "--wait", "--out", out, "--junit", junit)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(out) as f:
            result = json.load(f)
        self.assertEqual((result["status"], result["passed"]), ("SUCCEEDED", True))
        root = ET.parse(junit).getroot()
        self.assertEqual((root.get("tests"), root.get("failures")), ("3", "0"))
        self.assertEqual([c.get("name") for c in root.iter("testcase")],
                         ["experiment status", "expect[0] spectral exponent", "expect[1] krr-quadratic nmse@n=4000"])
        self.assertIn("[16/16] SUCCEEDED", done.stderr)

    def test_a_failed_expectation_exits_1(self) -> None:
        spec = small_quickstart("pyclient-cli-fail-" + RUN, expect=[
            {"estimator": "spectral", "quantity": "exponent", "value": 5.0, "tolerance": 0.1}])
        done = self.submit(spec, "--wait")
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("FAIL spectral", done.stderr)
        self.assertEqual(json.loads(done.stdout)["passed"], False)

    def test_a_bad_spec_exits_2_naming_the_field(self) -> None:
        spec = small_quickstart("pyclient-cli-bad-" + RUN)
        spec["estimators"][1]["ridge"] = -1
        done = self.submit(spec, "--wait")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("estimators[1].ridge: must be between", done.stderr)

    def test_an_unreachable_server_exits_3(self) -> None:
        done = self.submit(small_quickstart("pyclient-cli-down-" + RUN), server="http://127.0.0.1:%d" % free_port())
        self.assertEqual(done.returncode, 3, done.stderr)

    def test_without_wait_the_id_is_printed(self) -> None:
        done = self.submit(small_quickstart("pyclient-cli-nowait-" + RUN))
        self.assertEqual(done.returncode, 0, done.stderr)
        experiment = Cascade(self.url).experiment(done.stdout.strip())
        self.assertEqual(experiment.name, "pyclient-cli-nowait-" + RUN)
        if experiment.status() not in cascade_client.TERMINAL:
            experiment.cancel()


if __name__ == "__main__":
    unittest.main()
