"""plot(): what is drawn, read back from the matplotlib Axes (Agg backend, no display)."""

from __future__ import annotations

import math
import os
import unittest

from _support import FakeServiceTest, Hidden, fixture, need

import cascade_client
from cascade_client import MissingDependency


def pyplot():  # type: ignore[no-untyped-def]
    os.environ.setdefault("MPLBACKEND", "Agg")
    need("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


class PlotTests(FakeServiceTest):

    def setUp(self) -> None:
        super().setUp()
        self.result = fixture("result.json")
        self.service.on("GET", "/experiments/[^/]+/results", (200, {}, self.result))
        self.experiment = cascade_client.Experiment(self.cascade, fixture("experiment.json"))

    def test_nmse_against_n_log_log_with_error_bars_fits_and_theory(self) -> None:
        plt = pyplot()
        ax = self.experiment.plot()
        self.addCleanup(plt.close, ax.figure)
        self.assertEqual((ax.get_xscale(), ax.get_yscale()), ("log", "log"))
        self.assertEqual(ax.get_ylabel(), "nmse")
        labels = ax.get_legend_handles_labels()[1]
        self.assertEqual(set(labels), {"spectral", "spectral fit: n^-1.02 [-1.19, -0.85]", "krr-quadratic",
                                       "krr-quadratic fit: n^0.00 [-0.00, 0.00]",
                                       "krr-quadratic (capped)",  # capped points drawn apart
                                       "theory (asymptotic n^-0.50)"})
        lines = {line.get_label(): line for line in ax.get_lines()}
        fit = self.result["fits"][0]
        xs, ys = lines["spectral fit: n^-1.02 [-1.19, -0.85]"].get_data()
        self.assertEqual((xs[0], xs[-1]), (fit["nMin"], fit["nMax"]))
        # the line is the service's power law exp(intercept) n^exponent at its window's ends
        self.assertAlmostEqual(ys[-1], math.exp(fit["intercept"]) * fit["nMax"] ** fit["exponent"], places=12)
        # the error bars: seed means at each n, bars from mean - stderr to mean + stderr
        spectral = [c for c in self.result["curves"] if c["estimator"] == "spectral"]
        container = {c.get_label(): c for c in ax.containers}["spectral"]
        xs, ys = container.lines[0].get_data()
        self.assertEqual(list(xs), [c["n"] for c in spectral])
        self.assertEqual(list(ys), [c["metrics"]["nmse"]["mean"] for c in spectral])
        segments = container.lines[2][0].get_segments()
        summary = spectral[3]["metrics"]["nmse"]
        self.assertAlmostEqual(segments[3][0][1], summary["mean"] - summary["stderr"], places=14)
        self.assertAlmostEqual(segments[3][1][1], summary["mean"] + summary["stderr"], places=14)

    def test_a_grid_gets_one_panel_per_cell(self) -> None:
        plt = pyplot()
        self.service.on("GET", "/experiments/[^/]+/results", (200, {}, fixture("grid_result.json")))
        axes = self.experiment.plot()
        self.addCleanup(plt.close, axes[0][0].figure)
        self.assertEqual(axes.shape, (2, 3))
        self.assertEqual(axes[0][0].get_title(), "teacher.d=8, teacher.secondLayer.gamma=0.75")
        self.assertFalse(axes[1][2].get_visible())

    def test_compare_overlays_both_experiments(self) -> None:
        plt = pyplot()
        comparison = cascade_client.Comparison(fixture("compare.json"))
        ax = comparison.plot()
        self.addCleanup(plt.close, ax.figure)
        labels = ax.get_legend_handles_labels()[1]
        self.assertIn("quickstart fb996498: spectral", labels)
        self.assertIn("quickstart 37a782ed: spectral", labels)

    def test_without_matplotlib_plot_says_what_to_install(self) -> None:
        with Hidden("matplotlib"):
            with self.assertRaises(MissingDependency) as raised:
                self.experiment.plot()
        self.assertIn("pip install matplotlib", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
