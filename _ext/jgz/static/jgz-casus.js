/* Oefencasussen: the feedback on the chosen option appears under the question, copied from the
   answer key that the build wrote (with its resolved links).  "Handout afdrukken" prints the case
   without answers, "Antwoordblad afdrukken" only the answer key.  Nothing is stored or sent: the
   form has autocomplete="off" and the choices live only in the page. */
"use strict";
(function () {
  const MODES = ["handout", "antwoordblad"];

  // A copy of rendered content without ids, which must stay unique on the page.  The same four
  // lines stand in jgz-beslisboom.js, which runs where its tree stands, before jgz-gedeeld.js loads.
  function copyOf(element) {
    const copy = element.cloneNode(true);
    copy.removeAttribute("id");
    for (const withId of copy.querySelectorAll("[id]")) withId.removeAttribute("id");
    return copy;
  }

  function setUp(root) {
    const form = root.querySelector("form.jgz-casus__vragen");
    // A tree or form opens pre-set to the case: its answers follow its anchor in the address
    // (#beslisboom-<id>:<answer>/… or #formulier-<id>:<item>/…).  Only with the script, which is
    // what reads them; without it the link lands on the anchor itself.
    for (const link of root.querySelectorAll("a[data-ingevuld]")) {
      link.setAttribute("href", link.getAttribute("href") + ":" + link.dataset.ingevuld);
    }

    function show(question) {
      const region = question.querySelector("[data-feedback]");
      const chosen = question.querySelector("input[type=radio]:checked");
      const answer = chosen && document.getElementById(chosen.dataset.toelichting);
      if (!answer) {
        region.replaceChildren();
        return;
      }
      const verdict = answer.dataset.juist === "ja" ? "juist" : "niet-juist";
      const view = document.createElement("div");
      view.className = "jgz-casus__keuze jgz-casus__keuze--" + verdict;
      for (const child of answer.children) view.append(copyOf(child));
      region.replaceChildren(view);
    }

    function showAll() {
      for (const question of root.querySelectorAll("fieldset.jgz-casus__vraag")) show(question);
    }

    form.addEventListener("change", (event) => show(event.target.closest("fieldset")));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => window.setTimeout(showAll, 0)); // fields clear after the event
    // A page restored from the browser's back/forward cache keeps its choices: show what fits.
    window.addEventListener("pageshow", showAll);

    for (const button of root.querySelectorAll("[data-afdrukken]")) {
      button.addEventListener("click", () => {
        root.classList.add("jgz-casus--" + button.dataset.afdrukken);
        window.print();
      });
    }
    window.addEventListener("afterprint", () => {
      for (const mode of MODES) root.classList.remove("jgz-casus--" + mode);
    });

    for (const buttons of root.querySelectorAll("[data-knoppen]")) buttons.hidden = false;
    root.classList.add("jgz-casus--actief");
    showAll();
  }

  for (const root of document.querySelectorAll("[data-jgz-casus]")) setUp(root);
})();
