"""``python -m cascade_client submit SPEC.json --server URL [--wait] ...``: see :mod:`cascade_client.cli`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
