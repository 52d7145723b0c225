/* Helpers shared by the widgets' scripts, under window.JGZ.  Load before the widget scripts
   (assets.needs_script keeps the order in which a page asks for its scripts). */
"use strict";
window.JGZ = window.JGZ || {};

/* Put text on the clipboard; returns a Promise.  Nothing leaves the device. */
window.JGZ.copyText = function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  // file:// and plain http have no clipboard API: fall back to a temporary selection.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "jgz-visueel-verborgen";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  return copied ? Promise.resolve() : Promise.reject(new Error("kopiëren mislukt"));
};
