/* A wide table scrolls sideways inside furo's .table-wrapper on a phone.  A region that scrolls
   must be reachable with the keyboard (WCAG 2.1.1): while it scrolls, it gets a tab stop and a
   name, so that the arrow keys move it; a table that fits gets no useless tab stop. */
"use strict";
(function () {
  const wrappers = document.querySelectorAll(".table-wrapper");

  function nameOf(wrapper) {
    const caption = wrapper.querySelector("caption");
    const text = caption ? (caption.querySelector(".caption-text") || caption).textContent.trim() : "";
    const number = text.match(/^Tabel\s+[\d.]*\d/);
    return (number ? number[0] : text || "Tabel") + " (zijwaarts te scrollen)";
  }

  function update() {
    for (const wrapper of wrappers) {
      if (wrapper.scrollWidth > wrapper.clientWidth) {
        wrapper.tabIndex = 0;
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", nameOf(wrapper));
      } else if (wrapper.hasAttribute("tabindex")) {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    }
  }

  let pending = false;
  window.addEventListener("resize", () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      update();
    });
  });
  update();
})();
