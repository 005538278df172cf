"""The search indexer: a Pagefind process that reads each page as soon as it is built.

Pagefind's service mode (`pagefind --service`, what its own Python and Node packages drive) takes pages over a
pipe: each message is base64-encoded JSON followed by a comma, and each answer comes back the same way on its
output. Pages go in while the site is still being rendered, so Pagefind reads them on the other core and no
copy of the site has to be written to disk for it. Its messages are handled in order, so the index written at
the end holds every page sent before. (Pagefind's own Python package waits a tenth of a second per answer,
which for 8,000 pages would be many minutes; its protocol is simple enough to speak directly. The version is
pinned in pyproject.toml.)
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

from pagefind.service import get_executable

from . import index_check

TIMEOUT = 1800  # seconds to wait for the index to be written
# Pagefind's memory allocator (jemalloc) keeps freed memory for ten seconds by default before giving it back, and
# writing an index frees and allocates a great deal: given back at once, a large office's index is written in
# about 0.5 GB rather than 0.6-0.7 GB per language, for about 10% more of Pagefind's CPU time (2.5 s, 3% of the
# English and Welsh build's). (The variable is jemalloc's, as Pagefind's Rust build of it names it; an office's
# own setting of it is kept; another allocator ignores it.)
ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}


class SearchIndexError(Exception):
    """Pagefind could not index the built site."""


class Indexer:
    def __init__(self, exclude_selectors: list[str]) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("The search index could not be built: Pagefind is not installed (make setup).")
        self.log = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.log,
                env=ALLOCATOR | os.environ,
            )
        except OSError as error:
            raise SearchIndexError(f"The search index could not be built: {error}") from None
        self.sent = 0
        self.pages = 0  # pages given, which the written index must hold
        self.answers: dict[int, dict | None] = {}  # answers someone waits for, by message number (None: not yet)
        self.errors: list[str] = []
        self.writer: threading.Thread | None = None  # waits for the index to be written (start_writing)
        self.write_error: SearchIndexError | None = None  # what went wrong writing it
        self.answered = threading.Condition()
        self.reader = threading.Thread(target=self.read_answers, daemon=True)
        self.reader.start()
        try:
            self.index_id = self.ask({"type": "NewIndex", "config": {"exclude_selectors": exclude_selectors}})[
                "index_id"
            ]
        except SearchIndexError:
            self.close()
            raise

    def send(self, payload: dict, awaited: bool = False) -> int:
        self.sent += 1
        if awaited:
            with self.answered:
                self.answers[self.sent] = None
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
        except (BrokenPipeError, ValueError):
            raise SearchIndexError(self.failure("Pagefind stopped")) from None
        return self.sent

    def ask(self, payload: dict, timeout: float = 60) -> dict:
        number = self.send(payload, awaited=True)
        try:
            self.process.stdin.flush()
        except BrokenPipeError:
            raise SearchIndexError(self.failure("Pagefind stopped")) from None
        return self.answer(number, timeout)

    def answer(self, number: int, timeout: float) -> dict:
        """Pagefind's answer to message `number` (sent with awaited=True), once it comes."""
        with self.answered:
            if not self.answered.wait_for(
                lambda: self.answers[number] is not None or not self.reader.is_alive(), timeout
            ):
                raise SearchIndexError(self.failure("Pagefind did not answer in time"))
            answer = self.answers.pop(number)
        if answer is None:
            raise SearchIndexError(self.failure("Pagefind stopped"))
        if answer.get("type") == "Error":
            raise SearchIndexError(self.failure(answer.get("message", "")))
        return answer

    def read_answers(self) -> None:
        pending = b""
        while chunk := self.process.stdout.read1(65536):
            *complete, pending = (pending + chunk).split(b",")
            for encoded in complete:
                answer = json.loads(base64.b64decode(encoded))
                number, payload = answer.get("message_id"), answer.get("payload", {})
                with self.answered:
                    if number in self.answers:
                        self.answers[number] = payload
                        self.answered.notify_all()
                    elif payload.get("type") == "Error":
                        self.errors.append(payload.get("message", ""))
        with self.answered:
            self.answered.notify_all()

    def add(self, url: str, html: str) -> None:
        """Give Pagefind one page's HTML, published at url (e.g. /grants/abc/)."""
        self.send({"type": "AddFile", "index_id": self.index_id, "url": url, "file_contents": html})
        self.pages += 1

    def start_writing(self, output: Path) -> None:
        """Ask Pagefind to write the index into output, without waiting: it writes on its own while this process
        goes on, and is stopped as soon as the index is whole, giving back its memory (finish_writing waits for
        that and says what went wrong). Pagefind is stopped if it cannot be asked."""
        message = {"type": "WriteFiles", "index_id": self.index_id, "output_path": str(output)}
        try:
            number = self.send(message, awaited=True)
            self.process.stdin.flush()
        except BrokenPipeError:
            error = SearchIndexError(self.failure("Pagefind stopped"))
            self.close()
            raise error from None
        except SearchIndexError:
            self.close()
            raise
        self.writer = threading.Thread(target=self.wait_for_index, args=(number, output), daemon=True)
        self.writer.start()

    @property
    def writing(self) -> bool:
        """Whether Pagefind is still writing the index start_writing asked for."""
        return self.writer is not None and self.writer.is_alive()

    def finish_writing(self) -> None:
        """Wait until the index start_writing asked for is written and whole on disk, and Pagefind stopped."""
        assert self.writer is not None, "start_writing first"
        self.writer.join()
        if self.write_error is not None:
            raise self.write_error

    def wait_for_index(self, number: int, output: Path) -> None:
        """Wait for Pagefind's answer to message `number`, then until the index is whole, then stop Pagefind
        (stopping it sooner loses the writes still under way: generator/search/index_check.py)."""
        try:
            self.answer(number, TIMEOUT)
            if self.errors:
                raise SearchIndexError(self.failure(self.errors[0]))
            lacking = index_check.wait_until_whole(output, self.pages)
            if lacking:
                raise SearchIndexError(
                    "The search index came out incomplete (" + "; ".join(lacking) + "), so nothing was published "
                    "and the site as last published is unchanged. Build again; if it happens again, report it."
                )
        except SearchIndexError as error:
            self.write_error = error
        finally:
            self.close()

    def abandon(self) -> None:
        """Stop Pagefind, whether or not it is writing the index (the build failed)."""
        self.close()
        if self.writer is not None:
            self.writer.join()

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
            try:
                self.process.wait(timeout=60)  # on a loaded machine, Pagefind may take a while to finish
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=5)
        self.log.close()

    def failure(self, reason: str) -> str:
        try:
            self.log.seek(0)
            said = self.log.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        except ValueError:  # closed: the build stopped Pagefind (abandon) while its index was being written
            said = []
        detail = " / ".join([reason.strip(), *said]).strip(" /")
        return f"The search index could not be built (Pagefind said: {detail})"
