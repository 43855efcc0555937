"""A new web worker reads the search's in-memory copies when it starts, so the first visitor does not wait."""

import importlib.util
from pathlib import Path

import pytest
from django.db import DatabaseError

from ecodialogue.projectdb.search import facet_snapshot, warm

from .test_search import library  # noqa: F401 - a fixture


@pytest.mark.django_db(transaction=True)
def test_the_copies_are_read_in_the_background_at_start(library):  # noqa: F811
    assert facet_snapshot.copies.value.version != facet_snapshot.version()
    warm.warm_in_background().join(timeout=30)
    assert facet_snapshot.copies.value.version == facet_snapshot.version()


def test_a_database_that_is_not_ready_leaves_the_copies_to_the_first_search(monkeypatch, caplog):
    def refuse():
        raise DatabaseError("no such table: projectdb_projectsversion")

    monkeypatch.setattr(facet_snapshot, "current", refuse)
    warm.warm()  # no exception: the worker keeps starting
    assert "first search reads them" in caplog.text


def test_gunicorn_starts_the_reading_after_a_worker_loads_the_application(monkeypatch):
    started = []
    monkeypatch.setattr(warm, "warm_in_background", lambda: started.append(True))
    path = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    config.post_worker_init(worker=None)
    assert started == [True]


def test_the_workers_of_a_machine_read_their_copies_one_at_a_time(tmp_path, monkeypatch):
    lock = tmp_path / "warm.lock"
    monkeypatch.setattr(warm, "LOCK", lock)
    read = []
    monkeypatch.setattr(facet_snapshot, "current", lambda: read.append(True))
    monkeypatch.setattr(warm.word_index, "enabled", lambda: False)
    monkeypatch.setattr(warm.connections, "close_all", lambda: None)
    with warm.one_at_a_time(lock):  # another worker is reading
        thread = warm.warm_in_background()
        thread.join(timeout=0.5)
        assert thread.is_alive() and not read
    thread.join(timeout=5)
    assert read == [True]
