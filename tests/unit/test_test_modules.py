"""Test modules share code only through tests/helpers/: none imports another test module or
conftest.py, and each helper is imported from the module that owns it, since the package itself
re-exports nothing. Read from the source, so a new test module is checked without a list."""

from __future__ import annotations

import ast

import pytest

from lib.paths import PROJECT_ROOT

TESTS_DIR = PROJECT_ROOT / "tests"
HELPERS = "tests.helpers"


def _tests_imports(source: str) -> list[str]:
    """The modules under tests/ that ``source`` imports, as absolute names; ``from tests.helpers
    import x`` counts as importing tests.helpers.x only if x is one of its modules."""
    helper_modules = {p.stem for p in (TESTS_DIR / "helpers").glob("*.py")} - {"__init__"}
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(a.name for a in node.names if a.name.split(".")[0] == "tests")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tests":
            if node.module == HELPERS:
                found.extend(
                    f"{HELPERS}.{a.name}" if a.name in helper_modules else HELPERS
                    for a in node.names
                )
            else:
                found.append(node.module)
    return found


def find_import_problems(source: str) -> list[str]:
    """Each import in ``source`` of a test module, conftest.py, or a name from tests.helpers
    itself rather than from one of its modules."""
    problems = []
    for module in _tests_imports(source):
        if module == HELPERS:
            problems.append(f"{module}: import the name from the helper module that owns it")
        elif not module.startswith((f"{HELPERS}.", "tests.fixtures.")):
            problems.append(f"{module}: a test module imports no other test module")
    return problems


def test_no_test_module_imports_another_and_helpers_come_from_their_module():
    problems = [
        f"{path.relative_to(TESTS_DIR)}: {problem}"
        for path in sorted(TESTS_DIR.rglob("*.py"))
        for problem in find_import_problems(path.read_text(encoding="utf-8"))
    ]
    assert problems == []


def test_the_helpers_package_itself_holds_nothing_but_its_docstring():
    tree = ast.parse((TESTS_DIR / "helpers" / "__init__.py").read_text(encoding="utf-8"))
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("from tests.helpers import open_app\n", "tests.helpers: import the name"),
        ("from tests.app.test_about_page import APP\n", "tests.app.test_about_page: a test"),
        ("import tests.conftest\n", "tests.conftest: a test module imports no other"),
        ("from tests import conftest\n", "tests: a test module imports no other"),
    ],
)
def test_an_import_past_the_helpers_modules_is_found(source, problem):
    (found,) = find_import_problems(source)
    assert found.startswith(problem)


@pytest.mark.parametrize(
    "source",
    [
        "from tests.helpers.app import open_app\n",
        "from tests.helpers import app\n",  # the module itself, which owns its names
        "from tests.fixtures.hostile import make_fixture\n",  # a fixture's builder, no test
        "from lib.paths import PROJECT_ROOT\nimport pytest\n",
    ],
)
def test_an_import_of_a_helpers_module_or_a_fixture_builder_is_allowed(source):
    assert find_import_problems(source) == []
