"""The share link's markup: the link in a text field a reader can copy by hand, and a button
that copies it to the clipboard and says so.

The clipboard API needs a secure context (https, or http on localhost and 127.0.0.1) and can
still be refused; the button then selects the field and falls back to ``execCommand('copy')``,
and if that fails too it asks the reader to press the copy keys on the selected text.

Not ``st.code``'s copy button, measured against it on Streamlit 1.67 in Chromium: it is hidden
until hovered, so Tab never reaches it; it copies nothing on a plain-http address such as a
briefing room's own server (no clipboard API there, and no fallback); and its highlighter adds
1.56 MB of script (514 kB gzipped) to every page. tests/browser/test_whole_app.py checks the
first two on this button.
"""

from __future__ import annotations

import html

SHARE_CSS = """
<style>
.sb-share { display: flex; flex-direction: column; gap: 0.35rem; }
.sb-share label { font-size: 0.875rem; color: rgba(49, 51, 63, 0.75); }
.sb-share-row { display: flex; gap: 0.4rem; align-items: stretch; }
.sb-share-field {
  flex: 1 1 auto; min-width: 0; font: inherit; font-size: 0.8rem; padding: 0.3rem 0.45rem;
  border: 1px solid rgba(49, 51, 63, 0.3); border-radius: 0.4rem; background: #ffffff;
  color: #31333f;
}
.sb-share-copy {
  flex: 0 0 auto; font: inherit; font-size: 0.85rem; padding: 0.3rem 0.7rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.3); border-radius: 0.4rem; background: #ffffff;
  color: #31333f;
}
.sb-share-copy:hover, .sb-share-copy:focus-visible { border-color: #b3261e; color: #b3261e; }
.sb-share-status { font-size: 0.8rem; min-height: 1.1em; color: #1b5e20; }
</style>
"""

# One listener for the whole tab, on the document: the sidebar's markup is replaced on every
# rerun (with the new link), and a listener on the old button would go with it.
SHARE_SCRIPT = """
<script>
(() => {
  if (window.__sbShareCopy) return;
  window.__sbShareCopy = true;
  const copyByHand = (field) => {
    field.focus();
    field.select();
    try { return document.execCommand("copy"); } catch (error) { return false; }
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest && event.target.closest(".sb-share-copy");
    if (!button) return;
    const box = button.closest(".sb-share");
    const field = box.querySelector(".sb-share-field");
    const status = box.querySelector(".sb-share-status");
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(field.value);
        copied = true;
      } catch (error) {
        copied = false;
      }
    }
    if (!copied) copied = copyByHand(field);
    status.textContent = copied ? "Copied" : "Select the link and press Ctrl+C (⌘C) to copy it";
  });
  // A click in the field selects the whole link, ready to copy by hand.
  document.addEventListener("focusin", (event) => {
    if (event.target.classList && event.target.classList.contains("sb-share-field")) {
      event.target.select();
    }
  });
})();
</script>
"""


def render_share_html(link: str) -> str:
    """The link to the current view in a read-only field, with a Copy button and its status."""
    value = html.escape(link, quote=True)
    return (
        f'{SHARE_CSS}<div class="sb-share">'
        '<label for="sb-share-field">Link to this view</label>'
        '<div class="sb-share-row">'
        f'<input id="sb-share-field" class="sb-share-field" type="text" readonly value="{value}" '
        'aria-label="Link to this view" spellcheck="false">'
        '<button type="button" class="sb-share-copy">Copy link</button></div>'
        '<span class="sb-share-status" role="status" aria-live="polite"></span>'
        f"</div>{SHARE_SCRIPT}"
    )
