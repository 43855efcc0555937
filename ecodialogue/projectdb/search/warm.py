"""Reading a web process's in-memory copies of the search when it starts, not at its first search.

Why: at 100,000 projects the facet copy and the words take 8–10 s to read
(docs/performance.md); without this, the first person to search on each new
gunicorn worker waits for them. `gunicorn.conf.py` calls
`warm_in_background` after a worker loads the application: the worker
serves pages meanwhile, and a search that arrives during the read waits for
it (the copies' locks) instead of reading them twice.
"""

import logging
import threading

from django.db import DatabaseError, connections

from . import facet_snapshot, word_index

logger = logging.getLogger(__name__)


def warm() -> None:
    """Read the copies now; a database not ready yet (no migrations, down) leaves them to the first search."""
    try:
        facet_snapshot.current()
        if word_index.enabled():
            word_index.current()
    except DatabaseError:
        logger.warning("The search's copies could not be read at start; the first search reads them", exc_info=True)
    finally:
        connections.close_all()  # this thread's connections: the thread ends here


def warm_in_background() -> threading.Thread:
    thread = threading.Thread(target=warm, name="search-warm", daemon=True)
    thread.start()
    return thread
