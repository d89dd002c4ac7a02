"""derive keys its cache on the compute function's code: editing the function (as the file watcher
reloads it) computes afresh instead of serving the old function's results."""

from __future__ import annotations

import sys
import types
import uuid
from dataclasses import replace

from lib.app.cache import derive

SOURCE = "def compute(package, n):\n    return ({answer}, n)\n"


def _load_module(name: str, answer: int) -> types.ModuleType:
    # Same module name and qualified name each time, as a reload of an edited file gives.
    module = types.ModuleType(name)
    exec(SOURCE.format(answer=answer), module.__dict__)
    sys.modules[name] = module
    return module


def test_an_edited_compute_function_is_not_served_from_the_old_cache(curated):
    keyed = replace(curated, key=("derive-code", uuid.uuid4().hex))
    name = f"sahel_test_{uuid.uuid4().hex}"
    try:
        first = _load_module(name, answer=1)
        assert derive(first.compute, keyed, 7) == (1, 7)
        assert derive(_load_module(name, answer=1).compute, keyed, 7) == (1, 7)
        edited = _load_module(name, answer=2)
        assert derive(edited.compute, keyed, 7) == (2, 7)
    finally:
        sys.modules.pop(name, None)


def test_an_unchanged_function_reloaded_shares_its_cached_result(curated):
    keyed = replace(curated, key=("derive-code-same", uuid.uuid4().hex))
    name = f"sahel_test_{uuid.uuid4().hex}"
    try:
        first = derive(_load_module(name, answer=3).compute, keyed, 1)
        again = derive(_load_module(name, answer=3).compute, keyed, 1)
        assert again is first  # same code, same key: one cached result
    finally:
        sys.modules.pop(name, None)
