"""lib/render/share.py: the share link's field and copy button (no server)."""

from __future__ import annotations

from lib.render.share import render_share_html


def test_share_markup_holds_the_link_escaped_in_a_field_with_a_copy_button():
    link = 'http://h/sources?q="><script>alert(1)</script>&source=a'
    markup = render_share_html(link)
    assert (
        'value="http://h/sources?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;source=a"'
        in (markup)
    )
    assert "<script>alert(1)" not in markup
    assert 'class="sb-share-copy">Copy link</button>' in markup
    assert 'role="status"' in markup  # where "Copied" is announced
    # The fallback for a refused clipboard: select the field and copy the selection.
    assert 'execCommand("copy")' in markup and "navigator.clipboard" in markup
