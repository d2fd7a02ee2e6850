"""``python -m cascade_client submit SPEC.json --server URL [--wait] ...``: see :mod:`cascade_client.cli`."""

from .cli import run

if __name__ == "__main__":
    run()
