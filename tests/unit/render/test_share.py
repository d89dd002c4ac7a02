"""lib/render/share.py: the share link's field and copy button (no server)."""

from __future__ import annotations

from lib.render.share import render_share_html


def test_a_link_with_markup_in_it_stays_inside_the_field():
    """The copying itself is checked in a browser (tests/browser/test_whole_app.py)."""
    link = 'http://h/sources?q="><script>alert(1)</script>&source=a'
    markup = render_share_html(link)
    assert (
        'value="http://h/sources?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;source=a"'
        in (markup)
    )
    assert "<script>alert(1)" not in markup
