"""Run a worker function on N threads (each builds its own Playwright: sync objects are per thread)."""

from __future__ import annotations

import threading
from collections.abc import Callable


def run_workers(count: int, worker: Callable[[], None], *, name: str) -> None:
    """Call ``worker`` on ``count`` threads and wait for all; one worker runs on the calling thread
    (so a browser handed in by a test, bound to this thread, stays usable)."""
    if count <= 1:
        worker()
        return
    threads = [threading.Thread(target=worker, name=f"{name}-{i}", daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
