"""gunicorn's settings file, read from the working directory (the command in docs/operations.md needs no flag).

Only hooks live here; workers, binding and logs stay on the command line.
"""


def post_worker_init(worker):
    # The project search's in-memory copies, read now in the background rather than at a visitor's first search.
    from ecodialogue.projectdb.search.warm import warm_in_background

    warm_in_background()
