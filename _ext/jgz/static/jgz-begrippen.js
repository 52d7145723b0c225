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

  // Listeners sit on the document, so terms that widgets copy or show later work too.
  function termLink(target) {
    const link = target instanceof Element ? target.closest("a") : null;
    return link && link.querySelector(".jgz-begrip") ? link : null;
  }

  for (const term of document.querySelectorAll(".jgz-begrip")) {
    term.closest("a")?.classList.add("jgz-begrip-link");
  }
  document.addEventListener("mouseover", (event) => {
    const link = termLink(event.target);
    if (link && link !== current) show(link);
  });
  document.addEventListener("mouseout", (event) => {
    const link = termLink(event.target);
    if (link && !link.contains(event.relatedTarget) && !tip.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("focusin", (event) => {
    const link = termLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", (event) => {
    if (termLink(event.target) && !tip.contains(event.relatedTarget)) hide();
  });
  // On a touch screen the first tap shows the definition, a second tap follows the link.
  // Whether it was showing is read at pointerdown: the emulated mouse events of the same tap
  // open it before the click arrives.
  let firstTap = null;
  document.addEventListener("pointerdown", (event) => {
    const link = termLink(event.target);
    const touch = event.pointerType === "touch" || event.pointerType === "pen";
    firstTap = link && touch && current !== link ? link : null;
    if (current && !tip.contains(event.target) && !current.contains(event.target)) hide();
  });
  document.addEventListener("click", (event) => {
    const link = termLink(event.target);
    if (link && link === firstTap) {
      event.preventDefault();
      firstTap = null;
      show(link);
    }
  });
  tip.addEventListener("mouseleave", hide);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
})();
