/* Definitions of glossary terms on hover, keyboard focus or a first tap.
   The definitions come from the page's own JSON (#jgz-begrippen-data); nothing is fetched.
   Without JavaScript the term is a plain link to the Begrippenlijst. */
"use strict";
(function () {
  const data = document.getElementById("jgz-begrippen-data");
  if (!data) return;
  const definitions = JSON.parse(data.textContent);

  const tip = document.createElement("div");
  tip.id = "jgz-begrip-uitleg";
  tip.className = "jgz-begrip-uitleg";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);
  let current = null;

  function anchorOf(link) {
    return decodeURIComponent(new URL(link.href).hash.slice(1));
  }

  function show(link) {
    const entry = definitions[anchorOf(link)];
    if (!entry) return;
    const term = document.createElement("strong");
    term.textContent = entry.begrip + ": ";
    const more = document.createElement("a");
    more.href = link.href;
    more.textContent = "Naar de begrippenlijst";
    tip.replaceChildren(term, document.createTextNode(entry.definitie + " "), more);
    tip.hidden = false;
    const box = link.getBoundingClientRect();
    const width = Math.min(360, document.documentElement.clientWidth - 16);
    tip.style.width = width + "px";
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    link.setAttribute("aria-describedby", tip.id);
    current = link;
  }

  function hide() {
    if (current) current.removeAttribute("aria-describedby");
    tip.hidden = true;
    current = null;
  }

  for (const term of document.querySelectorAll(".jgz-begrip")) {
    const link = term.closest("a");
    if (!link) continue;
    link.classList.add("jgz-begrip-link");
    link.addEventListener("mouseenter", () => show(link));
    link.addEventListener("mouseleave", (event) => {
      if (!tip.contains(event.relatedTarget)) hide();
    });
    link.addEventListener("focus", () => show(link));
    link.addEventListener("blur", (event) => {
      if (!tip.contains(event.relatedTarget)) hide();
    });
    // On a touch screen the first tap shows the definition, a second tap follows the link.
    // Whether it was showing is read at pointerdown: the emulated mouse events of the same tap
    // open it before the click arrives.
    let firstTap = false;
    link.addEventListener("pointerdown", (event) => {
      firstTap = (event.pointerType === "touch" || event.pointerType === "pen") && current !== link;
    });
    link.addEventListener("click", (event) => {
      if (firstTap) {
        event.preventDefault();
        firstTap = false;
        show(link);
      }
    });
  }
  tip.addEventListener("mouseleave", hide);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  document.addEventListener("pointerdown", (event) => {
    if (current && !tip.contains(event.target) && !current.contains(event.target)) hide();
  });
})();
