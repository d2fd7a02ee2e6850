"""Results as tables: flat records (plain dicts, standard library) and pandas DataFrames.

Every table is built as a list of flat records first, so it is the same with or without pandas;
:func:`frame` turns records into a DataFrame when pandas is installed.

Column names keep the result's JSON names (``estimator``, ``n``, ``nMin``, ``theorySlope``); a
metric's summary becomes ``<metric>_mean`` and ``<metric>_stderr``, a teacher direction's cos² is
``cos2_<j>_mean``/``cos2_<j>_stderr``, an interval ``ci95`` is ``ci95_low``/``ci95_high``, and a
grid cell's coordinates are columns named by their spec path (``teacher.d``).
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from ._optional import load

Record = Dict[str, Any]

CURVE_TABLES = ("curves", "fits", "crossings")
STUDY_KINDS = ("exponents", "thresholds", "envelopes")


def require_pandas(purpose: str) -> Any:
    """The pandas module, or MissingDependency saying what to install."""
    return load("pandas", purpose, "pandas", "python3-pandas")


def frame(records: Sequence[Record], columns: Sequence[str], purpose: str) -> Any:
    """A DataFrame of ``records`` with ``columns`` in this order (also when there are no rows)."""
    pandas = require_pandas(purpose)
    return pandas.DataFrame.from_records(list(records), columns=list(columns))


def columns_of(records: Iterable[Record], first: Sequence[str] = ()) -> List[str]:
    """Column names: ``first`` (those present), then the others in first-seen order; without
    records, ``first`` (an empty table still has its usual columns)."""
    seen: Dict[str, None] = {}
    records = list(records)
    if not records:
        return list(first)
    for name in first:
        if any(name in r for r in records):
            seen[name] = None
    for r in records:
        for name in r:
            seen.setdefault(name, None)
    return list(seen)


def _interval(record: Record, name: str, value: Any) -> None:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        record[name + "_low"], record[name + "_high"] = value[0], value[1]


def curve_record(curve: Mapping[str, Any]) -> Record:
    """One (estimator, n) point: seed count, mean and stderr per metric and per direction's cos²."""
    record: Record = {"estimator": curve.get("estimator"), "n": curve.get("n"), "seeds": curve.get("seeds")}
    for metric, summary in (curve.get("metrics") or {}).items():
        if isinstance(summary, Mapping):
            record[metric + "_mean"] = summary.get("mean")
            record[metric + "_stderr"] = summary.get("stderr")
    for direction in curve.get("directions") or []:
        cos2 = direction.get("cos2") or {}
        record["cos2_%s_mean" % direction.get("index")] = cos2.get("mean")
        record["cos2_%s_stderr" % direction.get("index")] = cos2.get("stderr")
    info = curve.get("info") or {}
    if "capped" in info:
        record["capped"] = bool(info["capped"])
    if "trainUsed" in info:
        record["trainUsed"] = info["trainUsed"]
    if "alpha" in curve:
        record["alpha"] = curve["alpha"]
    return record


def fit_record(fit: Mapping[str, Any], asymptotic: Optional[float] = None) -> Record:
    """One fitted power law: exponent, 95% interval, R², window, the theory's slope over the window."""
    record: Record = {"estimator": fit.get("estimator"), "metric": fit.get("metric"), "exponent": fit.get("exponent")}
    _interval(record, "ci95", fit.get("ci95"))
    for name in ("r2", "nMin", "nMax", "points", "intercept", "intervalMethod"):
        if name in fit:
            record[name] = fit[name]
    # CONTRACT.md calls the surrogate's slope over the window theorySlope; services before it
    # name it theoryExponent.
    record["theorySlope"] = fit.get("theorySlope", fit.get("theoryExponent"))
    if asymptotic is not None:
        record["asymptoticExponent"] = asymptotic
    return record


def crossing_record(crossing: Mapping[str, Any]) -> Record:
    record: Record = {"estimator": crossing.get("estimator"), "direction": crossing.get("direction"),
                      "n": crossing.get("n")}
    if "theoryN" in crossing:
        record["theoryN"] = crossing["theoryN"]
    return record


def _asymptotic(theory: Any) -> Optional[float]:
    return theory.get("exponent") if isinstance(theory, Mapping) else None


def table(report: Mapping[str, Any], which: str) -> List[Record]:
    """``curves``, ``fits`` or ``crossings`` of a plain result (or of one grid cell)."""
    if which == "curves":
        return [curve_record(c) for c in report.get("curves") or []]
    if which == "fits":
        asymptotic = _asymptotic(report.get("theory"))
        return [fit_record(f, asymptotic) for f in report.get("fits") or []]
    if which == "crossings":
        return [crossing_record(c) for c in report.get("crossings") or []]
    raise ValueError("table must be one of %s, was %r" % (", ".join(CURVE_TABLES), which))


def is_grid(result: Mapping[str, Any]) -> bool:
    """A studies result (CONTRACT.md "Studies") has ``cells`` in place of ``curves``."""
    return result.get("cells") is not None


def cell_table(result: Mapping[str, Any], which: str = "curves") -> List[Record]:
    """Every cell's ``which`` table, each row led by the cell's index and coordinates."""
    records: List[Record] = []
    for cell in result.get("cells") or []:
        lead: Record = {"cell": cell.get("index")}
        lead.update(cell.get("coords") or {})
        for row in table(cell, which):
            merged = dict(lead)
            merged.update(row)
            records.append(merged)
    return records


def coords_of(result: Mapping[str, Any]) -> List[str]:
    """The grid's axes in order (the spec's ``grid`` keys, else the cells' coordinates)."""
    spec = result.get("spec") or {}
    grid = spec.get("grid") if isinstance(spec, Mapping) else None
    if isinstance(grid, Mapping):
        return list(grid)
    return columns_of(cell.get("coords") or {} for cell in result.get("cells") or [])


def study_table(result: Mapping[str, Any], kind: str = "exponents") -> List[Record]:
    """One row per point of each ``studies[kind]`` series, the series' fields repeated on it.

    ``fixed`` coordinates become columns named by their path, ``argmin`` ones ``argmin.<path>``,
    intervals ``<name>_low``/``<name>_high``, censored threshold cells rows with ``censored`` set.
    """
    if kind not in STUDY_KINDS:
        raise ValueError("kind must be one of %s, was %r" % (", ".join(STUDY_KINDS), kind))
    studies = result.get("studies") or {}
    records: List[Record] = []
    for series in studies.get(kind) or []:
        lead: Record = {}
        for name, value in series.items():
            if name in ("points", "censored", "fit"):
                continue
            if name == "fixed" and isinstance(value, Mapping):
                lead.update(value)
            elif name == "axes" and isinstance(value, list):
                lead["axes"] = ",".join(str(v) for v in value)
            elif name == "ci95":
                _interval(lead, "slope_ci95" if kind == "thresholds" else "ci95", value)
            else:
                lead[name] = value
        fit = series.get("fit")
        if isinstance(fit, Mapping):
            lead["fitExponent"] = fit.get("exponent")
            _interval(lead, "fitCi95", fit.get("ci95"))
        for point, censored in [(p, False) for p in series.get("points") or []] + \
                               [(p, True) for p in series.get("censored") or []]:
            row = dict(lead)
            for name, value in point.items():
                if name == "argmin" and isinstance(value, Mapping):
                    for axis, v in value.items():
                        row["argmin." + axis] = v
                elif name == "ci95":
                    _interval(row, "ci95", value)
                else:
                    row[name] = value
            if kind == "thresholds":
                row["censored"] = censored
            records.append(row)
    return records


def tagged(items: Iterable[Mapping[str, Any]], convert: Any) -> List[Record]:
    """Rows of ``convert(item)`` led by the item's ``experiment`` id (the compare answer's tag)."""
    records: List[Record] = []
    for item in items:
        row: Record = {"experiment": item.get("experiment")}
        row.update(convert(item))
        records.append(row)
    return records
