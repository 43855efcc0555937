"""Background work of the project database: importing an uploaded file."""

from django_tasks import task


@task()
def import_run(*, run_id: int) -> str:
    """Import the file of a queued run (uploaded by staff), then delete the stored file; the status it ended with."""
    from .imports import import_stored

    run = import_stored(run_id=run_id)
    return run.status if run is not None else ""
