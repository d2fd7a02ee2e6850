"""The in-tree build backend: wheels and sdists that pip accepts, and ``pip install`` from the
checkout in a fresh virtual environment with no package index (``--no-index``), with and without
build isolation."""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile
from typing import Dict, List

from _support import PROJECT, required_extras

sys.path.insert(0, os.path.join(PROJECT, "buildsys"))
import cascade_build  # noqa: E402

import cascade_client  # noqa: E402


def temporary_directory(test: unittest.TestCase) -> str:
    path = tempfile.mkdtemp(prefix="cascade-client-")
    test.addCleanup(shutil.rmtree, path, True)
    return path


class BackendTests(unittest.TestCase):

    def test_the_version_is_the_same_in_pyproject_and_the_package(self) -> None:
        self.assertEqual(cascade_build.Project().version, cascade_client.__version__)

    def test_the_fallback_toml_reader_agrees_with_tomllib(self) -> None:
        try:
            import tomllib
        except ImportError:
            self.skipTest("tomllib is new in Python 3.11")
        with open(os.path.join(PROJECT, "pyproject.toml"), "rb") as f:
            data = f.read()
        self.assertEqual(cascade_build.parse_simple_toml(data.decode("utf-8")), tomllib.loads(data.decode("utf-8")))
        sample = '[a.b]\nx = "q\\"#" # c\ny = [\n  "1", # one\n  "2",\n]\nz = true\nn = -3\n'
        self.assertEqual(cascade_build.parse_simple_toml(sample), tomllib.loads(sample))
        with self.assertRaises(ValueError):
            cascade_build.parse_simple_toml("x = 1.5e3\n")

    def test_the_wheel_holds_the_package_typed_with_a_valid_record(self) -> None:
        out = temporary_directory(self)
        name = cascade_build.build_wheel(out)
        self.assertEqual(name, "cascade_client-%s-py3-none-any.whl" % cascade_client.__version__)
        with zipfile.ZipFile(os.path.join(out, name)) as wheel:
            names = wheel.namelist()
            dist_info = "cascade_client-%s.dist-info/" % cascade_client.__version__
            for expected in ("cascade_client/__init__.py", "cascade_client/py.typed", "cascade_client/cli.py",
                             dist_info + "METADATA", dist_info + "WHEEL", dist_info + "RECORD",
                             dist_info + "entry_points.txt"):
                self.assertIn(expected, names)
            self.assertFalse([n for n in names if "__pycache__" in n or n.endswith(".pyc")])
            self.assertFalse([n for n in names if n.startswith(("tests/", "buildsys/"))])
            record = list(csv.reader(io.StringIO(wheel.read(dist_info + "RECORD").decode("utf-8"))))
            self.assertEqual(sorted(r[0] for r in record), sorted(names))
            for path, digest, size in record:
                if path.endswith("RECORD"):
                    self.assertEqual((digest, size), ("", ""))
                    continue
                data = wheel.read(path)
                expected_digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                self.assertEqual((digest, int(size)), ("sha256=" + expected_digest, len(data)), path)
            metadata = wheel.read(dist_info + "METADATA").decode("utf-8")
            self.assertIn("Name: cascade-client\n", metadata)
            self.assertIn("Requires-Python: >=3.9\n", metadata)
            self.assertIn('Requires-Dist: pandas; extra == "pandas"\n', metadata)
            self.assertNotIn("\nRequires-Dist: pandas\n", metadata)  # optional only
            self.assertIn("# cascade-client", metadata)  # the README as the long description
            self.assertEqual(wheel.read(dist_info + "entry_points.txt").decode(),
                             "[console_scripts]\ncascade-client = cascade_client.cli:run\n\n")
            self.assertIn("Root-Is-Purelib: true", wheel.read(dist_info + "WHEEL").decode())

    def test_builds_are_reproducible(self) -> None:
        a, b = temporary_directory(self), temporary_directory(self)
        for build in (cascade_build.build_wheel, cascade_build.build_sdist):
            with open(os.path.join(a, build(a)), "rb") as f, open(os.path.join(b, build(b)), "rb") as g:
                self.assertEqual(f.read(), g.read(), build.__name__)

    def test_the_sdist_builds_the_same_wheel_again(self) -> None:
        out = temporary_directory(self)
        name = cascade_build.build_sdist(out)
        base = name[:-len(".tar.gz")]
        with tarfile.open(os.path.join(out, name)) as sdist:
            members = sdist.getnames()
            for expected in ("PKG-INFO", "pyproject.toml", "README.md", "buildsys/cascade_build.py",
                             "src/cascade_client/__init__.py", "tests/test_packaging.py"):
                self.assertIn(base + "/" + expected, members)
            if hasattr(tarfile, "data_filter"):  # 3.12+ (and later 3.8-3.11 releases): no links out
                sdist.extractall(out, filter="data")
            else:
                sdist.extractall(out)
        wheels = temporary_directory(self)
        wheel = subprocess.run([sys.executable, "-c", "import cascade_build, sys; print(cascade_build.build_wheel(sys.argv[1]))",
                                wheels], cwd=os.path.join(out, base), env=dict(os.environ, PYTHONPATH="buildsys",
                                                                              PYTHONDONTWRITEBYTECODE="1"),
                               capture_output=True, text=True, timeout=120)
        self.assertEqual(wheel.returncode, 0, wheel.stderr)
        with zipfile.ZipFile(os.path.join(wheels, wheel.stdout.strip())) as built:
            self.assertIn("cascade_client/client.py", built.namelist())

    def test_editable_wheels_point_at_the_sources(self) -> None:
        out = temporary_directory(self)
        with zipfile.ZipFile(os.path.join(out, cascade_build.build_editable(out))) as wheel:
            self.assertEqual(wheel.read("cascade_client.pth").decode().strip(), os.path.join(PROJECT, "src"))
            self.assertNotIn("cascade_client/__init__.py", wheel.namelist())

    def test_metadata_hook(self) -> None:
        out = temporary_directory(self)
        dist_info = cascade_build.prepare_metadata_for_build_wheel(out)
        self.assertTrue(os.path.isfile(os.path.join(out, dist_info, "METADATA")))
        self.assertEqual(cascade_build.get_requires_for_build_wheel(), [])
        self.assertEqual(cascade_build.get_requires_for_build_sdist(), [])


def venv_available() -> bool:
    return importlib.util.find_spec("venv") is not None and importlib.util.find_spec("ensurepip") is not None


class PipInstallTests(unittest.TestCase):
    """``pip install --no-index ./clients/python`` in a fresh venv: the build needs nothing from an index."""

    def setUp(self) -> None:
        if not venv_available():
            message = "venv or ensurepip is missing (Debian: apt-get install python3-venv)"
            if required_extras():
                self.fail(message + " and CASCADE_REQUIRE_PYTHON_EXTRAS=1")
            self.skipTest(message)

    def pip(self, venv: str, *args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1",
                   PIP_CONFIG_FILE=os.devnull, PYTHONDONTWRITEBYTECODE="1")
        return subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--no-index"] + list(args),
                              capture_output=True, text=True, env=env, timeout=300)

    def test_pip_installs_from_the_checkout_without_an_index_isolated_or_not(self) -> None:
        root = temporary_directory(self)
        # a copy: pip may leave build files next to the sources; the checkout stays clean
        source = os.path.join(root, "src-copy")
        shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        venv = os.path.join(root, "venv")
        created = subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True, text=True, timeout=300)
        self.assertEqual(created.returncode, 0, created.stderr)
        runs: Dict[str, List[str]] = {"isolated": [source], "no isolation": ["--no-build-isolation", source]}
        for how, args in runs.items():
            with self.subTest(how=how):
                done = self.pip(venv, "--force-reinstall", *args)
                self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
                python = os.path.join(venv, "bin", "python")
                check = subprocess.run([python, "-c", "import cascade_client, os; print(cascade_client.__version__); "
                                        "print(os.path.isfile(os.path.join(os.path.dirname(cascade_client.__file__), "
                                        "'py.typed')))"], capture_output=True, text=True, timeout=60, cwd=root)
                self.assertEqual(check.stdout.split(), [cascade_client.__version__, "True"], check.stderr)
                script = subprocess.run([os.path.join(venv, "bin", "cascade-client"), "--version"],
                                        capture_output=True, text=True, timeout=60)
                self.assertEqual(script.returncode, 0, script.stderr)
                usage = subprocess.run([python, "-m", "cascade_client", "submit"], capture_output=True, text=True,
                                       timeout=60, cwd=root)
                self.assertEqual(usage.returncode, 2)  # bad usage, as documented


if __name__ == "__main__":
    unittest.main()
