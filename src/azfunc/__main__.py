"""``python -m azfunc``: the ``azfunc`` command line."""

from __future__ import annotations

import sys

from azfunc._cli.main import main

if __name__ == "__main__":
    sys.exit(main())
