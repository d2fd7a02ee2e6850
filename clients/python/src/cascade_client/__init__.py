"""Cascade's Python client: submit scaling-law experiments, follow them, read results as pandas
DataFrames, plot them with matplotlib, compare experiments, upload datasets.

    from cascade_client import Cascade
    cascade = Cascade("http://localhost:8080")          # token: $CASCADE_TOKEN, or token="cas_..."
    exp = cascade.submit("examples/quickstart.json").wait()
    exp.curves()      # one row per (estimator, n): nmse_mean, nmse_stderr, ...
    exp.fits()        # exponent, ci95_low/high, window, theory slope
    exp.plot()

Standard library only; pandas, matplotlib, numpy and ipywidgets are used when installed.
The command line for CI: ``python -m cascade_client submit SPEC.json --server URL --wait``.
"""

from ._version import __version__
from .client import TERMINAL, Cascade, Comparison, Experiment
from .errors import (BadRequest, CascadeError, Conflict, Forbidden, MissingDependency, NotFound, PayloadTooLarge,
                     RedirectRefused, ServerError, TooManyRequests, Unauthorized, Unprocessable, Unreachable,
                     UnsupportedMediaType, WaitTimeout)
from .errors import __all__ as _errors

__all__ = ["__version__", "Cascade", "Experiment", "Comparison", "TERMINAL"] + _errors
