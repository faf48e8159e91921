"""Progress for long command-line work: a rich spinner on a terminal, silence elsewhere."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def working(message: str, *, quiet: bool = False) -> Iterator[None]:
    """Show `message` with a spinner while the block runs, unless output is piped or quiet."""
    if quiet or not sys.stdout.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield
