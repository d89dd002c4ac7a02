"""A one-off script that scrolls the page to an element once Streamlit has drawn it: a link to
one item of a long page (``?topic=``) opens with that item in view."""

from __future__ import annotations

import json

# Streamlit draws elements after the script that names them has run; look for the target for a
# few seconds, then give up quietly.
_SCRIPT = """
<script>
(() => {
  const selector = ".st-key-" + CSS.escape(%(key)s);
  let tries = 0;
  const look = () => {
    const target = document.querySelector(selector);
    if (target) {
      target.scrollIntoView({block: "start"});
    } else if (tries++ < 50) {
      setTimeout(look, 100);
    }
  };
  look();
})();
</script>
"""


def render_scroll_script(key: str) -> str:
    """A script scrolling to the element whose Streamlit key is ``key`` (its ``st-key-`` class)."""
    return _SCRIPT % {"key": json.dumps(key)}
