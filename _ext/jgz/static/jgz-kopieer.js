/* "Kopieer link" on recommendations: copies a citation with the recommendation's URL.
   Nothing is sent anywhere; the text only goes to the clipboard.  Needs jgz-gedeeld.js. */
"use strict";
(function () {
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

  for (const button of document.querySelectorAll("button.jgz-kopieer")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const citation = button.dataset.citaat + " " + recommendationUrl(button);
      window.JGZ.copyText(citation).then(
        () => announce(button, "Link gekopieerd"),
        () => announce(button, "Kopiëren lukte niet; kopieer de link uit de adresbalk"),
      );
    });
  }
})();
