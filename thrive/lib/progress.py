"""Progress for long command-line work: a rich spinner on a terminal, silence elsewhere."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
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


@contextmanager
def progress_bar(message: str, *, quiet: bool = False) -> Iterator[Callable[[int, int, str], None]]:
    """A bar on a terminal that the block moves with report(done, total, what); silent when
    output is piped or quiet."""
    if quiet or not sys.stderr.isatty():
        yield lambda done, total, what: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(message, total=None)

        def report(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what or message)

        yield report
