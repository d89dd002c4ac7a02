"""Helpers shared by more than one test module, one module per concern: packages (fixture paths,
copies and edits), corruptions (the broken packages), app (AppTest), markup (rendered HTML),
browser (a Chromium visit), drafts (a hand-built ingest draft), commands (running a module).
Import each name from the module that owns it; fixtures live in tests/conftest.py."""
