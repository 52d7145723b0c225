/* "Kopieer link" on recommendations: copies a citation with the recommendation's URL.
   Nothing is sent anywhere; the text only goes to the clipboard. */
"use strict";
(function () {
  function copyText(text) {
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
  }

  function recommendationUrl(button) {
    const link = button.parentElement.querySelector(".jgz-aanbeveling__titel a");
    const url = new URL(link.getAttribute("href"), window.location.href);
    return url.href;
  }

  function announce(button, message) {
    let status = button.nextElementSibling;
    if (!status || !status.classList.contains("jgz-kopieer__status")) {
      status = document.createElement("span");
      status.className = "jgz-kopieer__status";
      status.setAttribute("role", "status");
      button.after(status);
    }
    status.textContent = message;
  }

  window.JGZ = Object.assign(window.JGZ || {}, { copyText: copyText });

  for (const button of document.querySelectorAll("button.jgz-kopieer")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const citation = button.dataset.citaat + " " + recommendationUrl(button);
      copyText(citation).then(
        () => announce(button, "Link gekopieerd"),
        () => announce(button, "Kopiëren lukte niet; kopieer de link uit de adresbalk"),
      );
    });
  }
})();
