"""Every save and deletion of projects gets a number, in the order the changes commit.

The search's in-memory copy reads "what changed after the number I read"
(`changes.py`): the numbers must grow, name every project changed, survive
a deletion, and follow the commits even when transactions overlap.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from ecodialogue.projectdb.changes import changed_since, latest_number
from ecodialogue.projectdb.models import Project, ProjectChange
from ecodialogue.projectdb.services import projects_save

from .test_selectors import SDC, record


def _record(identifier, **changes):
    fields = {
        "countries": [("KZ", 100)],
        "sectors": [("41010", 100)],
        "funder": SDC,
        "budgets": [],
        "status": "2",
        "start": "2024-01-01",
    }
    return record(identifier, **(fields | changes))


def _number(identifier) -> int:
    return ProjectChange.objects.get(project_id=Project.objects.get(identifier=identifier).pk).number


def test_each_saving_batch_takes_the_next_number_for_all_its_projects(save):
    before = latest_number()
    first, second = save(_record("XM-CHANGE-A"), _record("XM-CHANGE-B"))
    assert latest_number() == before + 1
    assert _number("XM-CHANGE-A") == _number("XM-CHANGE-B") == before + 1
    (third,) = save(_record("XM-CHANGE-C"))
    assert latest_number() == before + 2
    assert sorted(changed_since(before, limit=10)) == sorted([first.pk, second.pk, third.pk])
    assert changed_since(before + 1, limit=10) == [third.pk]


def test_an_unchanged_record_takes_no_number(save):
    save(_record("XM-CHANGE-A"))
    number = latest_number()
    save(_record("XM-CHANGE-A"))
    assert latest_number() == number


def test_a_deletion_is_numbered_and_its_row_stays(save):
    (project,) = save(_record("XM-CHANGE-A"))
    number = latest_number()
    Project.objects.filter(pk=project.pk).delete()
    assert latest_number() == number + 1
    assert changed_since(number, limit=10) == [project.pk]


def test_a_refused_record_takes_no_number(db):
    number = latest_number()
    (result,) = projects_save(records=[_record("XM-CHANGE-A", status="99")], source=Project.Source.IATI)
    assert result.problems and latest_number() == number


def test_more_changes_than_the_limit_answer_none(save):
    number = latest_number()
    save(*[_record(f"XM-CHANGE-{n}") for n in range(3)])
    assert changed_since(number, limit=2) is None
    assert len(changed_since(number, limit=3)) == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent connections and row locks")
def test_overlapping_saves_are_numbered_in_the_order_they_commit():
    saved, release = threading.Event(), threading.Event()

    def first():
        try:
            with transaction.atomic():
                projects_save(records=[_record("XM-CHANGE-FIRST")], source=Project.Source.IATI)
                saved.set()
                release.wait(timeout=10)  # numbered, not yet committed
        finally:
            connections.close_all()

    def second():
        try:
            projects_save(records=[_record("XM-CHANGE-SECOND")], source=Project.Source.IATI)
        finally:
            connections.close_all()

    one = threading.Thread(target=first)
    one.start()
    assert saved.wait(timeout=10)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(0.5)
    # The second waits for the first's commit to take its number; nothing is visible to readers yet.
    assert two.is_alive()
    assert latest_number() == 0
    release.set()
    one.join(timeout=10)
    two.join(timeout=10)
    assert _number("XM-CHANGE-FIRST") == 1 and _number("XM-CHANGE-SECOND") == 2 == latest_number()


def test_an_import_batch_takes_one_number_for_its_projects(db, tmp_path):
    from ecodialogue.projectdb.imports import import_path

    from .test_imports import FIXTURES

    number = latest_number()
    run = import_path(FIXTURES / "valid.xml")
    assert run.created == 2
    assert latest_number() == number + 1
    assert {change.number for change in ProjectChange.objects.all()} == {number + 1}
