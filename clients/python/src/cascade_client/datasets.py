"""Encoding arrays for POST /datasets: .npz or a .npy pair with numpy, CSV without it."""

from __future__ import annotations

import io
import math
import uuid
from typing import Any, List, Mapping, Sequence, Tuple

from ._optional import find, load

FORMATS = ("npz", "npy", "csv")


def have_numpy() -> bool:
    return find("numpy") is not None


def _numpy(purpose: str) -> Any:
    return load("numpy", purpose, "numpy", "python3-numpy")


def npz(x: Any, y: Any) -> bytes:
    """An uncompressed .npz with arrays ``x`` (rows x features, or more dimensions) and ``y``.

    Uncompressed: numeric arrays barely compress, and the service's SHA-256 is of these bytes."""
    np = _numpy("format='npz'")
    buffer = io.BytesIO()
    np.savez(buffer, x=np.asarray(x), y=np.asarray(y))
    return buffer.getvalue()


def npy(array: Any) -> bytes:
    np = _numpy("format='npy'")
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array), allow_pickle=False)
    return buffer.getvalue()


def multipart(parts: Sequence[Tuple[str, str, bytes]]) -> Tuple[bytes, str]:
    """A multipart/form-data body of (field, filename, bytes) parts and its Content-Type."""
    boundary = "cascade-" + uuid.uuid4().hex
    body = io.BytesIO()
    for field, filename, data in parts:
        body.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: application/octet-stream\r\n\r\n" % (boundary, field, filename)).encode("ascii"))
        body.write(data)
        body.write(b"\r\n")
    body.write(("--%s--\r\n" % boundary).encode("ascii"))
    return body.getvalue(), "multipart/form-data; boundary=" + boundary


def _number(value: Any) -> str:
    v = float(value)
    if math.isnan(v) or math.isinf(v):
        return repr(v)  # the service refuses it and names the row and column
    if v == int(v) and abs(v) < 2 ** 53:
        return str(int(v))
    return repr(v)  # shortest text that reads back as the same double


def csv(x: Any, y: Any, label_column: str = "label") -> bytes:
    """CSV with a header ``x0,...,x{d-1},<label_column>``; every number written so it reads back
    exactly (``repr`` of the double). ``x`` is rows of numbers (a 1-D ``x`` is one feature)."""
    if hasattr(x, "tolist"):
        x = x.tolist()
    if hasattr(y, "tolist"):
        y = y.tolist()
    rows: List[List[Any]] = [list(r) if isinstance(r, (list, tuple)) else [r] for r in x]
    labels = [v[0] if isinstance(v, (list, tuple)) and len(v) == 1 else v for v in y]
    if len(rows) != len(labels):
        raise ValueError("x has %d rows but y has %d labels" % (len(rows), len(labels)))
    if not rows:
        raise ValueError("x has no rows")
    width = len(rows[0])
    names = ["x%d" % j for j in range(width)]
    if label_column in names or "," in label_column or "\n" in label_column:
        raise ValueError("label_column %r cannot be used as a CSV column here" % label_column)
    out = io.StringIO()
    out.write(",".join(names + [label_column]) + "\n")
    for i, (row, label) in enumerate(zip(rows, labels)):
        if len(row) != width:
            raise ValueError("row %d has %d features, row 0 has %d" % (i, len(row), width))
        out.write(",".join(_number(v) for v in row) + "," + _number(label) + "\n")
    return out.getvalue().encode("ascii")


def encode(x: Any, y: Any, fmt: str, label_column: str) -> Tuple[bytes, str, Mapping[str, str]]:
    """(body, Content-Type, query parameters) of an upload in format ``fmt``."""
    if fmt == "npz":
        return npz(x, y), "application/octet-stream", {"format": "npz"}
    if fmt == "npy":
        body, content_type = multipart([("features", "x.npy", npy(x)), ("labels", "y.npy", npy(y))])
        return body, content_type, {}
    if fmt == "csv":
        return csv(x, y, label_column), "text/csv", {"format": "csv", "labelColumn": label_column}
    raise ValueError("format must be one of %s, was %r" % (", ".join(FORMATS), fmt))
