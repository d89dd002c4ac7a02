"""Many readers without browsers: ``python -m bench.load [--sessions 50] [--data-dir DIR]``.

Each session is a websocket client speaking Streamlit's own protocol, as the browser does: it
opens ``/_stcore/stream``, asks for a script run of a page (a ``BackMsg`` with ``rerun_script``)
and reads ``ForwardMsg``s until the run's ``script_finished``. Every session walks every page,
first plain and then with a sources filter in the query string (a filtered view the server must
compute or find in its shared cache), all sessions at once. A rerun's time is from the request
to its ``script_finished``. An error is a run that raised (an exception element in its deltas),
finished otherwise than successfully, timed out, or a connection that failed.

It reports the median and p95 rerun time and the errors; the bench (make bench) calls
``run_load`` on its own server. Browser work (drawing charts) is not in these figures: that is
what the bench's browser walk measures.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from lib.app.pages import PAGE_SPECS
from scripts.live_server import start_streamlit, stop_process
from scripts.sessions import Walk

SESSIONS = 50
RUN_TIMEOUT_S = 300
FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


def list_requests(source_id: str | None) -> list[tuple[str, str, str]]:
    """(page name, query string, the page's title) for each rerun a session asks for: every
    page, then every page again filtered to one source when the package has one to name."""
    pages = [(spec.path.strip("/"), spec.title) for spec in PAGE_SPECS]
    plain = [(name, "", title) for name, title in pages]
    filtered = [(name, f"sources={source_id}", title) for name, title in pages]
    return plain + (filtered if source_id else [])


def _rerun_message(page_name: str, query: str) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page_name
    return message.SerializeToString()


def _new_element(forward: ForwardMsg):
    if forward.WhichOneof("type") != "delta" or forward.delta.WhichOneof("type") != ("new_element"):
        return None
    return forward.delta.new_element


async def _one_run(socket, page_name: str, query: str, title: str) -> tuple[float, str | None]:
    """Seconds from asking for a run of the page to its end, and what went wrong, if anything:
    an exception drawn, a run that did not finish, or a run that never drew the page's title
    (a wrong page)."""
    started = time.perf_counter()
    await socket.send(_rerun_message(page_name, query))
    raised, titled = None, False
    where = f"/{page_name}?{query}"
    while True:
        raw = await asyncio.wait_for(socket.recv(), RUN_TIMEOUT_S)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        element = _new_element(forward)
        if element is not None and element.WhichOneof("type") == "exception":
            raised = raised or f"{element.exception.type}: {element.exception.message[:120]}"
        if element is not None and element.WhichOneof("type") == "heading":
            # The page's own h1 begins with its name in the sidebar ("Briefing: the US…").
            titled = titled or element.heading.body.startswith(title)
        if forward.WhichOneof("type") != "script_finished":
            continue
        status = forward.script_finished
        if status == EARLY:
            continue  # superseded by a rerun the app asked for; its end is the one to wait for
        elapsed = time.perf_counter() - started
        if status != FINISHED:
            return elapsed, f"{where}: finished {ForwardMsg.ScriptFinishedStatus.Name(status)}"
        if raised:
            return elapsed, f"{where}: {raised}"
        if not titled:
            return elapsed, f"{where}: the run never drew the title {title!r}"
        return elapsed, None


async def _session(url: str, requests: list[tuple[str, str, str]], load: Walk) -> None:
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(
            stream, subprotocols=["streamlit"], max_size=None, open_timeout=RUN_TIMEOUT_S
        ) as socket:
            for page_name, query, title in requests:
                elapsed, error = await _one_run(socket, page_name, query, title)
                load.times.append(elapsed)
                if error:
                    load.failures.append(error)
    except (OSError, TimeoutError, websockets.WebSocketException) as err:
        load.failures.append(f"session failed: {type(err).__name__}: {err}")


async def _run_all(url: str, sessions: int, requests: list[tuple[str, str, str]]) -> Walk:
    load = Walk()
    await asyncio.gather(*(_session(url, requests, load) for _ in range(sessions)))
    return load


def run_load(url: str, sessions: int, source_id: str | None) -> Walk:
    """``sessions`` protocol clients walking every page at once on the server at ``url``."""
    found: list[Walk] = []

    def work() -> None:
        found.append(asyncio.run(_run_all(url, sessions, list_requests(source_id))))

    # The bench runs sync Playwright, which owns this thread's event loop: the clients get a
    # thread of their own.
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    if not found:
        raise RuntimeError("the protocol sessions stopped without a result")
    return found[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--source", help="a source id for the filtered reruns")
    args = parser.parse_args()
    url, proc = start_streamlit(args.data_dir, timeout=600)
    try:
        load = run_load(url, args.sessions, args.source)
    finally:
        stop_process(proc)
    print(
        f"{args.sessions} protocol sessions: {len(load.times)} reruns, median "
        f"{load.median:.2f} s, p95 {load.p95:.2f} s, {len(load.failures)} error(s)"
    )
    for error in load.failures[:20]:
        print(f"  {error}")
    return 1 if load.failures else 0


if __name__ == "__main__":
    sys.exit(main())
