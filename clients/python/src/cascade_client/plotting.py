"""matplotlib plots of a result: the error metric against n on log-log axes."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ._optional import load


def require_pyplot(purpose: str) -> Any:
    return load("matplotlib.pyplot", purpose, "matplotlib", "python3-matplotlib")


def fitted_metric(result: Mapping[str, Any]) -> str:
    spec = result.get("spec") or {}
    fit = spec.get("fit") if isinstance(spec, Mapping) else None
    metric = fit.get("metric") if isinstance(fit, Mapping) else None
    return str(metric) if metric else "nmse"


def plot_curves(curves: Sequence[Mapping[str, Any]], fits: Sequence[Mapping[str, Any]],
                theory: Optional[Mapping[str, Any]], metric: str, ax: Any = None,
                label_prefix: str = "", title: Optional[str] = None) -> Any:
    """Draws one series per estimator: seed mean ± stderr against n, log-log, with its fitted power
    law over the fit window (dashed, exponent and 95% interval in the legend) and the theory curve
    (dotted) when the result has one. Points computed on fewer samples than their n (``capped``)
    are drawn hollow. Returns the Axes."""
    plt = require_pyplot("plot()")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    series: Dict[str, List[Tuple[float, float, float, bool]]] = {}
    for c in curves:
        summary = (c.get("metrics") or {}).get(metric)
        if not isinstance(summary, Mapping) or summary.get("mean") is None:
            continue
        capped = bool((c.get("info") or {}).get("capped"))
        series.setdefault(str(c.get("estimator")), []).append(
            (float(c["n"]), float(summary["mean"]), float(summary.get("stderr") or 0.0), capped))
    for estimator, points in series.items():
        points.sort()
        name = label_prefix + estimator
        line = ax.errorbar([p[0] for p in points], [p[1] for p in points], yerr=[p[2] for p in points],
                           marker="o", markersize=4, capsize=2, linewidth=1.2, label=name)
        color = line[0].get_color()
        hollow = [p for p in points if p[3]]
        if hollow:
            ax.plot([p[0] for p in hollow], [p[1] for p in hollow], linestyle="none", marker="o", markersize=7,
                    markerfacecolor="white", markeredgecolor=color, label=name + " (capped)")
        for fit in fits:
            if fit.get("estimator") != estimator or fit.get("metric", metric) != metric:
                continue
            lo, hi, exponent = fit.get("nMin"), fit.get("nMax"), fit.get("exponent")
            if lo is None or hi is None or exponent is None or fit.get("intercept") is None:
                continue
            ns = [float(lo) * (float(hi) / float(lo)) ** (i / 20) for i in range(21)]
            # PowerLaw: metric ~ exp(intercept) n^exponent
            ys = [math.exp(float(fit["intercept"])) * n ** float(exponent) for n in ns]
            ci = fit.get("ci95") or [None, None]
            label = "%s fit: n^%.2f" % (name, float(exponent))
            if ci[0] is not None and ci[1] is not None:
                label += " [%.2f, %.2f]" % (float(ci[0]), float(ci[1]))
            ax.plot(ns, ys, linestyle="--", color=color, linewidth=1.0, label=label)
    if isinstance(theory, Mapping) and metric == "nmse":
        curve = sorted((float(p["n"]), float(p["value"])) for p in theory.get("nmse") or []
                       if p.get("value") is not None and p["value"] > 0)
        if curve:
            label = "theory"
            if theory.get("exponent") is not None:
                label += " (asymptotic n^%.2f)" % float(theory["exponent"])
            ax.plot([p[0] for p in curve], [p[1] for p in curve], linestyle=":", color="0.3", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("n (training samples)")
    ax.set_ylabel(metric)
    if title:
        ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize="small")
    return ax
