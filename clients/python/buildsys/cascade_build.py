"""A PEP 517 build backend (with PEP 660 editable wheels) in the standard library only.

pyproject.toml names it with ``backend-path``, so pip builds the client without downloading
anything: no setuptools, no wheel package, no index (``pip install --no-index ./clients/python``
works with or without build isolation). It builds exactly one pure-Python package from
``src/<package>`` with the metadata of pyproject.toml's ``[project]`` table; it is not a general
build tool.

Formats: wheels per the binary distribution format (PyPA spec; ``RECORD`` with urlsafe-base64
SHA-256 digests), sdists as ``<name>-<version>.tar.gz`` with ``PKG-INFO``, core metadata 2.1.
Archives are reproducible: entries sorted, times from ``SOURCE_DATE_EPOCH`` (else 1980-01-01).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import time
import zipfile
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_EPOCH_1980 = 315532800


# pyproject.toml


def read_pyproject(path: Optional[str] = None) -> Dict[str, Any]:
    """pyproject.toml as a dict: tomllib where it exists (3.11+), else :func:`parse_simple_toml`."""
    path = path or os.path.join(ROOT, "pyproject.toml")
    with open(path, "rb") as f:
        data = f.read()
    try:
        import tomllib
    except ImportError:
        return parse_simple_toml(data.decode("utf-8"))
    return tomllib.loads(data.decode("utf-8"))


_KEY = re.compile(r'^([A-Za-z0-9_-]+|"[^"]*")\s*=\s*(.*)$')


def parse_simple_toml(text: str) -> Dict[str, Any]:
    """The subset of TOML that this package's pyproject.toml uses, for Pythons without tomllib:
    ``[dotted.tables]``, bare or quoted keys, basic strings, booleans, integers, and arrays of
    those (over several lines too); ``#`` comments. Anything else raises ValueError, so a change
    to pyproject.toml that needs more fails the build (and the test comparing with tomllib)."""
    root: Dict[str, Any] = {}
    table = root
    pending: Optional[Tuple[str, str]] = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).strip()
        if pending is not None:
            key, so_far = pending
            so_far += " " + line
            if _balanced(so_far):
                table[key] = _value(so_far, number)
                pending = None
            else:
                pending = (key, so_far)
            continue
        if not line:
            continue
        if line.startswith("[") and line.endswith("]") and not line.startswith("[["):
            table = root
            for part in line[1:-1].strip().split("."):
                part = part.strip().strip('"')
                table = table.setdefault(part, {})
            continue
        match = _KEY.match(line)
        if not match:
            raise ValueError("pyproject.toml line %d: not understood: %s" % (number, raw))
        key, value = match.group(1).strip('"'), match.group(2).strip()
        if _balanced(value):
            table[key] = _value(value, number)
        else:
            pending = (key, value)
    if pending is not None:
        raise ValueError("pyproject.toml: unterminated array for %s" % pending[0])
    return root


def _strip_comment(line: str) -> str:
    in_string = False
    for i, c in enumerate(line):
        if c == '"' and (i == 0 or line[i - 1] != "\\"):
            in_string = not in_string
        elif c == "#" and not in_string:
            return line[:i]
    return line


def _balanced(value: str) -> bool:
    depth, in_string = 0, False
    for i, c in enumerate(value):
        if c == '"' and (i == 0 or value[i - 1] != "\\"):
            in_string = not in_string
        elif not in_string:
            depth += {"[": 1, "]": -1}.get(c, 0)
    return depth == 0 and not in_string


def _value(text: str, number: int) -> Any:
    text = text.strip()
    if text.startswith('"') and text.endswith('"') and len(text) >= 2:
        import json
        return json.loads(text)  # TOML basic strings escape like JSON for what we use
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"[+-]?[0-9]+", text):
        return int(text)
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1]
        parts, current, depth, in_string = [], "", 0, False
        for i, c in enumerate(inner):
            if c == '"' and (i == 0 or inner[i - 1] != "\\"):
                in_string = not in_string
            elif not in_string and c == "," and depth == 0:
                parts.append(current)
                current = ""
                continue
            elif not in_string:
                depth += {"[": 1, "]": -1}.get(c, 0)
            current += c
        parts.append(current)
        return [_value(part, number) for part in parts if part.strip()]
    raise ValueError("pyproject.toml line %d: value not understood: %s" % (number, text))


# metadata


class Project:
    """The [project] table, as the backend needs it."""

    def __init__(self, root: str = ROOT) -> None:
        self.root = root
        data = read_pyproject(os.path.join(root, "pyproject.toml"))
        project = data["project"]
        self.name: str = project["name"]
        self.version: str = project["version"]
        self.project: Mapping[str, Any] = project
        self.dist = re.sub(r"[-_.]+", "_", self.name).lower()
        self.package = self.dist  # src/cascade_client
        self.source = os.path.join(root, "src", self.package)
        if not os.path.isfile(os.path.join(self.source, "__init__.py")):
            raise ValueError("no package at %s" % self.source)

    def metadata(self) -> str:
        p = self.project
        lines = ["Metadata-Version: 2.1", "Name: " + self.name, "Version: " + self.version]
        if p.get("description"):
            lines.append("Summary: " + p["description"])
        if p.get("keywords"):
            lines.append("Keywords: " + ",".join(p["keywords"]))
        for classifier in p.get("classifiers", []):
            lines.append("Classifier: " + classifier)
        if p.get("requires-python"):
            lines.append("Requires-Python: " + p["requires-python"])
        for requirement in p.get("dependencies", []):
            lines.append("Requires-Dist: " + requirement)
        for extra, requirements in p.get("optional-dependencies", {}).items():
            lines.append("Provides-Extra: " + extra)
            for requirement in requirements:
                lines.append('Requires-Dist: %s; extra == "%s"' % (requirement, extra))
        body = ""
        readme = p.get("readme")
        if readme:
            lines.append("Description-Content-Type: text/markdown")
            with open(os.path.join(self.root, readme), encoding="utf-8") as f:
                body = f.read()
        return "\n".join(lines) + "\n\n" + body

    def entry_points(self) -> str:
        scripts = self.project.get("scripts", {})
        if not scripts:
            return ""
        return "[console_scripts]\n" + "".join("%s = %s\n" % kv for kv in sorted(scripts.items())) + "\n"

    def package_files(self) -> Iterator[Tuple[str, str]]:
        """(archive name, path) of every file of the package, sorted; no bytecode."""
        yield from _files(self.source, self.package)

    def sdist_files(self) -> Iterator[Tuple[str, str]]:
        for name in ("pyproject.toml", "README.md"):
            yield name, os.path.join(self.root, name)
        for folder in ("buildsys", "src", "tests"):
            yield from _files(os.path.join(self.root, folder), folder)


def _files(folder: str, prefix: str) -> Iterator[Tuple[str, str]]:
    found: List[Tuple[str, str]] = []
    for directory, subdirectories, files in os.walk(folder):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__" and not d.startswith("."))
        for name in files:
            if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                continue
            path = os.path.join(directory, name)
            found.append((prefix + "/" + os.path.relpath(path, folder).replace(os.sep, "/"), path))
    return iter(sorted(found))


def _timestamp() -> int:
    return max(_EPOCH_1980, int(os.environ.get("SOURCE_DATE_EPOCH", _EPOCH_1980)))


# wheels


class _Wheel:
    def __init__(self, path: str) -> None:
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.records: List[str] = []
        self.date = time.gmtime(_timestamp())[:6]

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.date)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
        self.records.append("%s,sha256=%s,%d" % (name, digest, len(data)))

    def close(self, record_name: str) -> None:
        self.records.append(record_name + ",,")
        info = zipfile.ZipInfo(record_name, date_time=self.date)
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, "\n".join(self.records) + "\n")
        self.zip.close()


def _dist_info(project: Project) -> Dict[str, bytes]:
    files = {
        "METADATA": project.metadata().encode("utf-8"),
        "WHEEL": ("Wheel-Version: 1.0\nGenerator: cascade_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        .encode("ascii"),
    }
    entry_points = project.entry_points()
    if entry_points:
        files["entry_points.txt"] = entry_points.encode("utf-8")
    files["top_level.txt"] = (project.package + "\n").encode("ascii")
    return files


def _build(wheel_directory: str, editable: bool) -> str:
    project = Project()
    filename = "%s-%s-py3-none-any.whl" % (project.dist, project.version)
    dist_info = "%s-%s.dist-info" % (project.dist, project.version)
    wheel = _Wheel(os.path.join(wheel_directory, filename))
    try:
        if editable:
            # A .pth line puts src/ on sys.path: edits to the checkout take effect without reinstalling.
            wheel.add(project.dist + ".pth", (os.path.join(project.root, "src") + "\n").encode("utf-8"))
        else:
            for name, path in project.package_files():
                with open(path, "rb") as f:
                    wheel.add(name, f.read())
        for name, data in _dist_info(project).items():
            wheel.add(dist_info + "/" + name, data)
        wheel.close(dist_info + "/RECORD")
    except BaseException:
        wheel.zip.close()
        os.remove(os.path.join(wheel_directory, filename))
        raise
    return filename


# PEP 517 hooks


def get_requires_for_build_wheel(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Mapping[str, Any]] = None) -> str:
    project = Project()
    dist_info = "%s-%s.dist-info" % (project.dist, project.version)
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    for name, data in _dist_info(project).items():
        with open(os.path.join(metadata_directory, dist_info, name), "wb") as f:
            f.write(data)
    return dist_info


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    return _build(wheel_directory, editable=False)


def build_editable(wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None,
                   metadata_directory: Optional[str] = None) -> str:
    return _build(wheel_directory, editable=True)


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    project = Project()
    base = "%s-%s" % (project.dist, project.version)
    filename = base + ".tar.gz"
    mtime = _timestamp()

    def add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(base + "/" + name)
        info.size = len(data)
        info.mtime = mtime
        info.mode = 0o644
        info.uname = info.gname = ""
        tar.addfile(info, io.BytesIO(data))

    path = os.path.join(sdist_directory, filename)
    raw = open(path, "wb")
    try:
        import gzip
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime) as gz:
            with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
                add(tar, "PKG-INFO", project.metadata().encode("utf-8"))
                for name, file_path in project.sdist_files():
                    with open(file_path, "rb") as f:
                        add(tar, name, f.read())
    finally:
        raw.close()
    return filename
