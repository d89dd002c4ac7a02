"""scripts/live_server.py: a server that cannot start is reported at once, in words."""

from __future__ import annotations

import pytest

from scripts.live_server import start_streamlit


def test_a_server_that_exits_is_reported_instead_of_awaited(tmp_path):
    # streamlit refuses a script that does not exist and exits: the wait must notice that, not
    # poll its port until the timeout.
    with pytest.raises(RuntimeError, match="streamlit exited early with code"):
        start_streamlit(script=tmp_path / "missing.py", timeout=60)
