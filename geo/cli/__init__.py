"""The command lines: ``python -m geo.annotations``, ``python -m geo.export``,
``python -m geo.build`` and ``python -m geo.cli.security``."""
from __future__ import annotations

import os
import sys
from typing import Callable


def run(main: Callable[[], int | None]) -> None:
    """Exit with ``main()``'s status; a closed pipe (``… | head``) is not an error."""
    try:
        status = main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    sys.exit(status)
