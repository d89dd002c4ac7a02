// Claim picker: shows HTML sent from Python and turns a plain click on a claim link
// (a[data-claim]) into a selection inside the running session, with no page load. The link's
// href stays for a middle-click, a modified click or a new tab. Streamlit components v2 call
// this function on every run; the markup is only replaced when it changed, so the page keeps
// its scroll position and the focused link keeps focus.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(":scope > .sb-picker");
  if (!root) {
    root = document.createElement("div");
    root.className = "sb-picker";
    parentElement.appendChild(root);
  }
  const markup = String((data && data.html) || "");
  if (root.__sbMarkup !== markup) {
    const active = document.activeElement;
    const focused = active && root.contains(active) ? active.getAttribute("data-claim") : null;
    root.innerHTML = markup;
    root.__sbMarkup = markup;
    if (focused) {
      const again = root.querySelector(`a[data-claim="${CSS.escape(focused)}"]`);
      if (again) again.focus({ preventScroll: true });
    }
  }
  const onClick = (event) => {
    const link = event.target.closest("a[data-claim]");
    if (!link || !root.contains(link)) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    const claim = link.getAttribute("data-claim");
    // Outline at once; the rerun that follows sends the same state back.
    root.querySelectorAll(".sb-selected").forEach((m) => m.classList.remove("sb-selected"));
    root.querySelectorAll(`mark[data-keys~="${CSS.escape(claim)}"]`).forEach((m) => {
      m.classList.add("sb-selected");
    });
    setTriggerValue("picked", claim);
  };
  root.addEventListener("click", onClick);
  return () => root.removeEventListener("click", onClick);
}
