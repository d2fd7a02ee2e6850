"""Results as tables, checked against the JSON they come from (fixtures: the real service's
quickstart result; a grid and a compare answer written to the contract)."""

from __future__ import annotations

import unittest

from _support import FakeServiceTest, Hidden, fixture, need

import cascade_client
from cascade_client import MissingDependency

GRID_ID = "5b0c3f7e-0a43-4a9e-9d3c-5b7f0f1c2d11"


class PlainResultTests(FakeServiceTest):

    def setUp(self) -> None:
        super().setUp()
        self.result = fixture("result.json")
        self.service.on("GET", "/experiments/[^/]+/results", (200, {}, self.result))
        self.experiment = cascade_client.Experiment(self.cascade, fixture("experiment.json"))

    def test_curves_have_one_row_per_estimator_and_n_with_mean_and_stderr_per_metric(self) -> None:
        rows = self.experiment.curves(as_frame=False)
        self.assertEqual(len(rows), len(self.result["curves"]))
        self.assertEqual(len(rows), 2 * 7)  # quickstart: 2 estimators x 7 sample sizes
        self.assertEqual({(r["estimator"], r["n"]) for r in rows},
                         {(c["estimator"], c["n"]) for c in self.result["curves"]})
        for row, curve in zip(rows, self.result["curves"]):
            for metric, summary in curve["metrics"].items():
                self.assertEqual(row[metric + "_mean"], summary["mean"])
                self.assertEqual(row[metric + "_stderr"], summary["stderr"])
            for direction in curve.get("directions") or []:
                self.assertEqual(row["cos2_%d_mean" % direction["index"]], direction["cos2"]["mean"])
            self.assertEqual(row["seeds"], 2)
        ridge = [r for r in rows if r["estimator"] == "krr-quadratic"]
        # kernel ridge is capped at maxTrain = 2000: larger n say so
        self.assertEqual([(r["n"], r["capped"], r["trainUsed"]) for r in ridge if r["n"] >= 2000],
                         [(2000, False, 2000), (4000, True, 2000), (8000, True, 2000), (16000, True, 2000),
                          (32000, True, 2000)])
        self.assertNotIn("cos2_1_mean", ridge[0])

    def test_fits_carry_the_interval_the_window_and_the_theory_slope(self) -> None:
        rows = self.experiment.fits(as_frame=False)
        spectral = rows[0]
        fit = self.result["fits"][0]
        self.assertEqual(spectral["estimator"], "spectral")
        self.assertEqual((spectral["exponent"], spectral["ci95_low"], spectral["ci95_high"]),
                         (fit["exponent"], fit["ci95"][0], fit["ci95"][1]))
        self.assertEqual((spectral["nMin"], spectral["nMax"], spectral["points"]), (4000.0, 32000.0, 4))
        # the service names the window's theory slope theoryExponent; the table calls it theorySlope
        self.assertEqual(spectral["theorySlope"], fit["theoryExponent"])
        self.assertEqual(spectral["asymptoticExponent"], -0.5)
        self.assertIsNone(rows[1]["theorySlope"])  # kernel ridge: no theory

    def test_crossings_and_verdicts(self) -> None:
        crossings = self.experiment.crossings(as_frame=False)
        self.assertEqual([(c["direction"], c["n"]) for c in crossings],
                         [(c["direction"], c["n"]) for c in self.result["crossings"]])
        self.assertEqual(self.experiment.verdicts(as_frame=False), [])

    def test_a_plain_result_has_no_cells(self) -> None:
        with self.assertRaisesRegex(ValueError, "has no grid"):
            self.experiment.cells()

    def test_a_finished_result_is_read_once(self) -> None:
        self.experiment.results()
        self.experiment.curves(as_frame=False)
        self.experiment.fits(as_frame=False)
        self.assertEqual(len(self.service.paths("GET")), 1)
        self.experiment.results(refresh=True)
        self.assertEqual(len(self.service.paths("GET")), 2)

    def test_dataframes_have_the_same_numbers(self) -> None:
        need("pandas")
        curves = self.experiment.curves()
        self.assertEqual(list(curves.columns[:5]), ["estimator", "n", "seeds", "mse_mean", "mse_stderr"])
        self.assertEqual(curves.shape[0], 14)
        spectral = curves[curves.estimator == "spectral"].set_index("n")
        self.assertEqual(spectral.loc[32000, "nmse_mean"], self.result["curves"][6]["metrics"]["nmse"]["mean"])
        fits = self.experiment.fits()
        self.assertEqual(list(fits.columns[:10]), ["estimator", "metric", "exponent", "ci95_low", "ci95_high", "r2",
                                                   "nMin", "nMax", "points", "theorySlope"])
        self.assertAlmostEqual(fits.set_index("estimator").loc["spectral", "exponent"], -1.017077759251063, places=15)
        self.assertEqual(list(self.experiment.verdicts().columns[:3]), ["estimator", "quantity", "direction"])

    def test_without_pandas_a_dataframe_call_says_what_to_install(self) -> None:
        with Hidden("pandas"):
            with self.assertRaises(MissingDependency) as raised:
                self.experiment.curves()
            self.assertIn("pip install pandas", str(raised.exception))
            self.assertIn("python3-pandas", str(raised.exception))
            self.assertIsInstance(raised.exception, ImportError)
            self.assertEqual(len(self.experiment.curves(as_frame=False)), 14)  # records need nothing


class GridResultTests(FakeServiceTest):

    def setUp(self) -> None:
        super().setUp()
        self.result = fixture("grid_result.json")
        self.service.on("GET", "/experiments/[^/]+/results", (200, {}, self.result))
        self.experiment = cascade_client.Experiment(self.cascade, {"id": GRID_ID, "name": "gamma-by-d"})

    def test_cells_are_flattened_with_their_coordinates_as_columns(self) -> None:
        rows = self.experiment.cells(as_frame=False)
        self.assertEqual(len(rows), sum(len(c["curves"]) for c in self.result["cells"]))
        for cell in self.result["cells"]:
            mine = [r for r in rows if r["cell"] == cell["index"]]
            self.assertEqual(len(mine), len(cell["curves"]))
            for row, curve in zip(mine, cell["curves"]):
                self.assertEqual(row["teacher.d"], cell["coords"]["teacher.d"])
                self.assertEqual(row["teacher.secondLayer.gamma"], cell["coords"]["teacher.secondLayer.gamma"])
                self.assertEqual((row["estimator"], row["n"], row["nmse_mean"], row["alpha"]),
                                 (curve["estimator"], curve["n"], curve["metrics"]["nmse"]["mean"], curve["alpha"]))
        fits = self.experiment.cells("fits", as_frame=False)
        self.assertEqual([(f["cell"], f["teacher.d"], f["exponent"]) for f in fits],
                         [(c["index"], c["coords"]["teacher.d"], c["fits"][0]["exponent"]) for c in self.result["cells"]])
        crossings = self.experiment.cells("crossings", as_frame=False)
        self.assertEqual(crossings[0]["theoryN"], 280.0)
        with self.assertRaisesRegex(ValueError, "table must be one of"):
            self.experiment.cells("spectra")

    def test_curves_of_a_grid_point_to_cells(self) -> None:
        with self.assertRaisesRegex(ValueError, r"grid .* use cells\('curves'\)"):
            self.experiment.curves()

    def test_studies_have_one_row_per_point(self) -> None:
        exponents = self.experiment.studies("exponents", as_frame=False)
        self.assertEqual(len(exponents), 4)
        self.assertEqual(exponents[0]["teacher.d"], 8)
        self.assertEqual((exponents[1]["x"], exponents[1]["exponent"], exponents[1]["ci95_low"],
                          exponents[1]["theorySlope"]), (1.0, -0.5, -0.55, -0.45))
        thresholds = self.experiment.studies("thresholds", as_frame=False)
        self.assertEqual([(t["x"], t["n"], t["censored"]) for t in thresholds],
                         [(8, 300.0, False), (12, 450.0, False), (16, 800.0, True)])
        self.assertEqual((thresholds[0]["slope"], thresholds[0]["slope_ci95_low"], thresholds[0]["asymptoticSlope"]),
                         (1.0, 0.8, 2.0))
        envelopes = self.experiment.studies("envelopes", as_frame=False)
        self.assertEqual([e["argmin.teacher.secondLayer.gamma"] for e in envelopes], [0.75, 1.0])
        self.assertEqual(envelopes[0]["axes"], "teacher.secondLayer.gamma")
        self.assertEqual(envelopes[0]["fitExponent"], -0.5)

    def test_cells_as_a_dataframe_lead_with_cell_and_axes(self) -> None:
        need("pandas")
        frame = self.experiment.cells()
        self.assertEqual(list(frame.columns[:5]), ["cell", "teacher.d", "teacher.secondLayer.gamma", "estimator", "n"])
        at = frame[(frame["teacher.d"] == 12) & (frame.estimator == "spectral")]
        self.assertEqual(sorted(at["teacher.secondLayer.gamma"].unique().tolist()), [0.75, 1.0])


class CompareTests(FakeServiceTest):

    def setUp(self) -> None:
        super().setUp()
        self.answer = fixture("compare.json")
        self.service.on("GET", "/experiments/compare", (200, {}, self.answer))
        self.ids = [e["id"] for e in self.answer["experiments"]]

    def test_compare_sends_the_ids_and_tags_rows_with_their_experiment(self) -> None:
        comparison = self.cascade.compare([self.ids[0], cascade_client.Experiment(self.cascade, {"id": self.ids[1]})])
        self.assertEqual(self.service.requests[0].query, "ids=" + "%2C".join(self.ids))
        self.assertEqual(comparison.ids, self.ids)
        self.assertEqual(comparison.spec_diff()[0], ("teacher.d", {self.ids[0]: 20, self.ids[1]: 12}))
        curves = comparison.curves(as_frame=False)
        self.assertEqual(len(curves), len(self.answer["curves"]))
        self.assertEqual({c["experiment"] for c in curves}, set(self.ids))
        self.assertEqual(curves[0]["nmse_mean"], self.answer["curves"][0]["metrics"]["nmse"]["mean"])
        fits = comparison.fits(as_frame=False)
        self.assertEqual([(f["experiment"], f["estimator"]) for f in fits],
                         [(f["experiment"], f["estimator"]) for f in self.answer["fits"]])
        self.assertIn("2 experiments, 2 spec paths differ", repr(comparison))

    def test_spec_diff_values_may_come_keyed_by_id(self) -> None:
        keyed = dict(self.answer, specDiff=[{"path": "test.n", "values": {self.ids[0]: 2000, self.ids[1]: 500}}])
        comparison = cascade_client.Comparison(keyed)
        self.assertEqual(comparison.spec_diff(), [("test.n", {self.ids[0]: 2000, self.ids[1]: 500})])
        rows = comparison.spec_diff_frame(as_frame=False)
        self.assertEqual(rows, [{"path": "test.n", self.ids[0]: 2000, self.ids[1]: 500}])

    def test_compare_needs_two(self) -> None:
        with self.assertRaises(ValueError):
            self.cascade.compare([self.ids[0]])

    def test_dataframes(self) -> None:
        need("pandas")
        comparison = self.cascade.compare(self.ids)
        curves = comparison.curves()
        self.assertEqual(list(curves.columns[:4]), ["experiment", "estimator", "n", "seeds"])
        self.assertEqual(curves.groupby("experiment").size().tolist(), [4, 4])
        diff = comparison.spec_diff_frame()
        self.assertEqual(list(diff.columns), ["path"] + self.ids)


if __name__ == "__main__":
    unittest.main()
