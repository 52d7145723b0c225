/* Leeftijdswijzer: the list of age bands becomes a chooser that shows one band and keeps the
   choice in the address (#leeftijd-2-4-jaar), so it survives a reload and can be shared.
   Without this script every band is a section of the page and the list jumps to it.
   Nothing is stored or sent. */
"use strict";
(function () {
  const widget = document.querySelector("[data-jgz-leeftijdswijzer]");
  if (!widget) {
    return;
  }
  const PREFIX = "leeftijd-";
  const sections = Array.from(widget.querySelectorAll("section[data-leeftijd]"));
  const links = Array.from(widget.querySelectorAll("a[data-leeftijd]"));
  const status = widget.querySelector("[data-leeftijd-status]");
  const keys = sections.map((section) => section.dataset.leeftijd);

  /* The band named in the address.  The fragment is compared in its encoded form (as the browser
     keeps it), never decoded: a malformed one such as "#leeftijd-%E0%A4%A" names no band. */
  function chosenInAddress() {
    return keys.find((key) => window.location.hash === "#" + PREFIX + encodeURIComponent(key)) || "";
  }

  function show(key, announce) {
    for (const section of sections) {
      section.hidden = key !== "" && section.dataset.leeftijd !== key;
    }
    for (const link of links) {
      if (link.dataset.leeftijd === key) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    }
    if (announce) {
      const chosen = links.find((link) => link.dataset.leeftijd === key);
      status.textContent = key ? "Getoond: " + chosen.textContent : "Alle leeftijden getoond";
    }
  }

  widget.querySelector("[data-leeftijd-alle]").hidden = false;
  widget.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-leeftijd]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;  // a new tab or window gets the plain link
    }
    event.preventDefault();
    const key = link.dataset.leeftijd;
    // Only the fragment changes, which file:// also allows; the page does not jump.
    const address = window.location.pathname + window.location.search + (key ? "#" + PREFIX + key : "");
    window.history.pushState(null, "", address);
    show(key, true);
  });
  window.addEventListener("popstate", () => show(chosenInAddress(), true));
  window.addEventListener("hashchange", () => show(chosenInAddress(), true));
  show(chosenInAddress(), false);
})();
