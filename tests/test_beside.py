"""The downloads are made in a second process while the pages render, and come back whole or not at all."""

from __future__ import annotations

import os

import pytest

from generator.build.beside import Pending, can_fork


def made_in() -> dict[str, bytes]:
    return {"pid": str(os.getpid()).encode()}


def test_the_files_are_made_in_a_second_process_when_the_machine_has_cores_to_spare():
    files = Pending(made_in, beside=True).result()
    assert (files["pid"] != str(os.getpid()).encode()) == can_fork()


def test_in_preview_the_files_are_made_here_when_first_asked_for():
    calls = []
    pending = Pending(lambda: calls.append(1) or made_in(), beside=False)
    assert calls == []
    assert pending.result() == {"pid": str(os.getpid()).encode()} == pending.result()
    assert calls == [1]


def failing() -> dict[str, bytes]:
    raise ValueError("the spreadsheet could not be written")


@pytest.mark.parametrize("beside", [True, False])
def test_a_failure_while_making_the_files_reaches_the_build(beside):
    with pytest.raises(ValueError, match="could not be written"):
        Pending(failing, beside=beside).result()


def test_files_written_out_are_let_go():
    pending = Pending(made_in, beside=False)
    assert pending.result()
    pending.release()
    assert pending.result() == {}  # nothing is kept (or made again) once the build has written them


def test_stopped_work_stops_at_its_next_file_and_can_be_resumed():
    """A preview rebuild with newer data stops the last one's downloads between two files (build/preview.py)."""
    import threading

    from generator.build.beside import Superseded, checkpoint

    stopped = threading.Event()

    def work():
        checkpoint(stopped)
        return {"a": b"1"}

    pending = Pending(work, beside=False, stopped=stopped)
    pending.stop()
    with pytest.raises(Superseded):
        pending.result()
    assert pending.stopped and not pending.done
    pending.resume()
    assert pending.result() == {"a": b"1"}


def downloads() -> dict[str, bytes]:
    return {"data/grants.csv": b"id\n1\n", "feeds/decisions.xml": b"<feed/>"}


@pytest.mark.parametrize("beside", [True, False])
def test_the_files_are_written_into_the_site(beside, tmp_path):
    """Made in a second process, they are moved into the site from the folder it wrote them in (their bytes
    never pass through the build's own memory), and that folder is removed."""
    pending = Pending(downloads, beside=beside)
    made_beside = pending._folder
    assert pending.write(tmp_path) == list(downloads())
    assert {path: (tmp_path / path).read_bytes() for path in downloads()} == downloads()
    assert made_beside is None or not made_beside.exists()
