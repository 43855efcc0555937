"""Reading a web process's in-memory copies of the search when it starts, not at its first search.

Why: at 100,000 projects the facet copy and the words take 8–10 s to read
(docs/performance.md); without this, the first person to search on each new
gunicorn worker waits for them. `gunicorn.conf.py` calls
`warm_in_background` after a worker loads the application: the worker
serves pages meanwhile, and a search that arrives during the read waits for
it (the copies' locks) instead of reading them twice. The workers of one
machine read one after another (a lock file): each read raises the
process's memory for a while, and four at once would add up.
"""

import contextlib
import fcntl
import logging
import tempfile
import threading
from pathlib import Path

from django.db import DatabaseError, connections

from . import facet_snapshot, word_index

logger = logging.getLogger(__name__)


LOCK = Path(tempfile.gettempdir()) / "ecodialogue-search-warm.lock"


@contextlib.contextmanager
def one_at_a_time(path: Path | None = None):
    """Wait for the other processes of this machine reading their copies, then hold the turn."""
    with open(path or LOCK, "a") as handle:  # noqa: PTH123 - a file descriptor for flock
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def warm() -> None:
    """Read the copies now; a database not ready yet (no migrations, down) leaves them to the first search."""
    try:
        with one_at_a_time():
            facet_snapshot.current()
            if word_index.enabled():
                word_index.current()
    except DatabaseError:
        logger.warning("The search's copies could not be read at start; the first search reads them", exc_info=True)
    except Exception:  # the worker goes on serving; the first search tries again, and shows the fault
        logger.exception("Reading the search's copies at start failed; the first search reads them")
    finally:
        connections.close_all()  # this thread's connections: the thread ends here


def warm_in_background() -> threading.Thread:
    thread = threading.Thread(target=warm, name="search-warm", daemon=True)
    thread.start()
    return thread
