"""lib/render/style.py against the names it styles: every relation type and event category the
schema allows has a look, and nothing is styled that the data cannot hold."""

from __future__ import annotations

from lib.data.schema import EVENT_CATEGORIES, RELATION_TYPES
from lib.render.cards import label_relation, render_relation_badge_html
from lib.render.style import CATEGORY_STYLES, ONLY_ONE_SOURCE, RELATION_STYLES


def test_every_relation_type_has_a_style_and_every_style_a_relation_type():
    assert set(RELATION_STYLES) == {*RELATION_TYPES, ONLY_ONE_SOURCE}
    labels = [label_relation(r) for r in RELATION_TYPES]
    assert len(set(labels)) == len(labels)  # no two relations read the same


def test_an_unknown_relation_is_drawn_as_not_computable():
    assert label_relation(None) == label_relation("no_such_relation") == "— not computable"
    assert "— not computable" in render_relation_badge_html("no_such_relation")


def test_every_event_category_has_a_style_and_every_style_a_category():
    assert set(CATEGORY_STYLES) == set(EVENT_CATEGORIES)
    symbols = [style.symbol for style in CATEGORY_STYLES.values()]
    labels = [style.label for style in CATEGORY_STYLES.values()]
    assert len(set(symbols)) == len(symbols) and len(set(labels)) == len(labels)
