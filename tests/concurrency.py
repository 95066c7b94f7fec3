"""Concurrent writes in tests: real threads, each with its own database connection."""

import threading

from django.db import connections


def run_together(action, items) -> None:
    """Call `action(item)` for every item, each in its own thread, all released at once by a
    barrier; each thread closes its database connections. Returns once every thread is done.
    `action` records its own outcome (an exception it lets out is only printed by the thread)."""
    barrier = threading.Barrier(len(items))

    def worker(item):
        try:
            barrier.wait()
            action(item)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
