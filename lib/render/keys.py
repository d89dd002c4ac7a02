"""Presentation mode's keys: ← / → step through the story, then through the pages, and a clicker's
Page Up / Page Down step the story, by pressing the same buttons and links a presenter would
click. Elsewhere Page Up / Page Down keep scrolling the page, as long pages need."""

from __future__ import annotations

import json

# One listener for the whole browser tab: the page bar and story buttons are looked up on each
# key press, so the listener outlives page changes and does nothing once the mode is off.
_SCRIPT = """
<script>
(() => {
  if (window.__sbPresentKeys) return;
  window.__sbPresentKeys = true;
  const KEYS = %(keys)s;
  const FORWARD = new Set(["ArrowRight", "PageDown"]);
  const BACK = new Set(["ArrowLeft", "PageUp"]);
  const STORY_ONLY = new Set(["PageDown", "PageUp"]);
  // Keys that already mean something where the focus is: typing, sliders, charts, the map.
  const OWN_KEYS = 'input, textarea, select, [contenteditable], [role="slider"], ' +
    '[role="listbox"], [role="radiogroup"], .js-plotly-plot, iframe';
  document.addEventListener("keydown", (event) => {
    const forward = FORWARD.has(event.key);
    if (!forward && !BACK.has(event.key)) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const bar = document.querySelector(`.st-key-${KEYS.bar}`);
    if (!bar) return;
    if (event.target.closest && event.target.closest(OWN_KEYS)) return;
    const step = document.querySelector(
      `.st-key-${forward ? KEYS.next_step : KEYS.previous_step} button`);
    let control = step && !step.disabled ? step : null;
    if (!control && STORY_ONLY.has(event.key)) return;  // let the page scroll
    if (!control) {
      const label = forward ? KEYS.next_page : KEYS.previous_page;
      // The link's text also holds its icon's name (a ligature), so look for the label in it.
      control = Array.from(bar.querySelectorAll("a"))
        .find((link) => link.textContent.includes(`${label}:`));
    }
    if (control) {
      event.preventDefault();
      control.click();
    }
  });
})();
</script>
"""


def render_page_keys_script(
    bar_key: str, previous_step: str, next_step: str, previous_page: str, next_page: str
) -> str:
    """The key listener, told the page bar's key, the story buttons' keys and the page links'
    label prefixes (all ours, never data)."""
    keys = {
        "bar": bar_key,
        "previous_step": previous_step,
        "next_step": next_step,
        "previous_page": previous_page,
        "next_page": next_page,
    }
    return _SCRIPT % {"keys": json.dumps(keys)}
