"""Run the real django-tasks database worker inside a test (with a transactional database)."""

import io
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command

WORKER_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


@contextmanager
def restored_signal_handlers() -> Iterator[None]:
    """The worker installs its own Ctrl+C handler, which would outlive it in the test run."""
    handlers = {signum: signal.getsignal(signum) for signum in WORKER_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def run_worker() -> None:
    """Drain the task queue with the real database worker, as production runs it."""
    with restored_signal_handlers():
        call_command(
            "db_worker",
            batch=True,
            startup_delay=False,
            reload=False,
            verbosity=0,
            stdout=io.StringIO(),
        )
