"""Optional packages (pandas, matplotlib, numpy, ipywidgets, IPython), imported only when a call
needs them. Imported by name so the client type-checks the same whether they are installed or not."""

from __future__ import annotations

import importlib
from typing import Any, Optional

from .errors import MissingDependency


def load(module: str, purpose: str, package: str, debian: Optional[str] = None) -> Any:
    """The module, or MissingDependency naming what to install for ``purpose``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency(package, purpose, debian) from None


def find(module: str) -> Optional[Any]:
    """The module, or None when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None
