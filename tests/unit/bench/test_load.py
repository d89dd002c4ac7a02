"""The protocol load client counts what a reader would call an error, and times a run to its
real end."""

from __future__ import annotations

import asyncio
import threading

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load import EARLY, FINISHED, _one_run, list_requests
from lib.app.pages import PAGE_SPECS


def _heading(body: str) -> bytes:
    forward = ForwardMsg()
    forward.delta.new_element.heading.body = body
    forward.delta.new_element.heading.tag = "h1"
    return forward.SerializeToString()


def _exception(message: str) -> bytes:
    forward = ForwardMsg()
    forward.delta.new_element.exception.type = "KeyError"
    forward.delta.new_element.exception.message = message
    return forward.SerializeToString()


def _finished(status: int) -> bytes:
    forward = ForwardMsg()
    forward.script_finished = status
    return forward.SerializeToString()


class _Socket:
    """Replays the server's messages and keeps what the client sent."""

    def __init__(self, messages: list[bytes]) -> None:
        self.messages, self.sent = list(messages), []

    async def send(self, raw: bytes) -> None:
        self.sent.append(raw)

    async def recv(self) -> bytes:
        return self.messages.pop(0)


def _run(messages: list[bytes], title: str = "Timeline"):
    socket = _Socket(messages)
    found = []
    # A thread of its own: in the full suite, sync Playwright owns the main thread's loop.
    worker = threading.Thread(
        target=lambda: found.append(asyncio.run(_one_run(socket, "timeline", "sources=a", title)))
    )
    worker.start()
    worker.join()
    (elapsed, error) = found[0]
    return socket, elapsed, error


def test_a_clean_run_of_the_page_is_no_error_and_asks_for_that_page():
    socket, elapsed, error = _run([_heading("Timeline"), _finished(FINISHED)])
    assert error is None and elapsed >= 0
    (sent,) = socket.sent
    message = BackMsg()
    message.ParseFromString(sent)
    assert message.rerun_script.page_name == "timeline"
    assert message.rerun_script.query_string == "sources=a"


def test_a_run_that_is_superseded_is_timed_to_the_rerun_that_ends_it():
    socket, _, error = _run(
        [_finished(EARLY), _heading("Timeline"), _finished(FINISHED), _finished(FINISHED)]
    )
    assert error is None
    assert len(socket.messages) == 1  # stopped at the first real end, not later


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ([_heading("Timeline"), _exception("'claim_id'"), _finished(FINISHED)], "KeyError"),
        ([_heading("Map"), _finished(FINISHED)], "never drew the title 'Timeline'"),
        (
            [_heading("Timeline"), _finished(ForwardMsg.FINISHED_WITH_COMPILE_ERROR)],
            "FINISHED_WITH_COMPILE_ERROR",
        ),
    ],
    ids=["exception drawn", "another page", "compile error"],
)
def test_what_a_reader_would_call_broken_is_an_error(messages, expected):
    _, _, error = _run(messages)
    assert error is not None and expected in error and error.startswith("/timeline?sources=a")


def test_every_page_is_asked_for_plain_then_filtered():
    requests = list_requests("av1-004")
    names = [spec.path.strip("/") for spec in PAGE_SPECS]
    assert [r[0] for r in requests] == names + names
    assert {r[1] for r in requests[: len(names)]} == {""}
    assert {r[1] for r in requests[len(names) :]} == {"sources=av1-004"}
    assert list_requests(None) == requests[: len(names)]
