/* Forms: the result in the status region, "Wissen", "Kopieer samenvatting", and the answers in the
   address (#formulier-<id>:<item>/<item>=<n>: <item> ticked, answer n from 1 of a question).
   Needs jgz-gedeeld.js and jgz-score.js.  No cookies, no storage, no requests. */
"use strict";
(function () {
  const score = window.JGZ.score;
  const BAD_LINK = "Niet alle antwoorden uit deze link horen bij dit formulier; die zijn overgeslagen.";

  function paragraph(text) {
    const element = document.createElement("p");
    element.textContent = text;
    return element;
  }

  function setUp(root) {
    const form = JSON.parse(root.querySelector("script.jgz-score__data").textContent);
    const element = root.querySelector("form");
    const status = root.querySelector("[data-uitslag]");
    const overview = root.querySelector("[data-overzicht]");
    const copyStatus = root.querySelector("[data-kopieer-status]");
    const printed = root.querySelector("[data-afdruk]");
    const prefix = root.id + ":";
    const checklist = !form.bands.length && form.groups.some((group) => group.kind === "vink");
    let notice = "";

    function answers() {
      const result = {};
      for (const input of element.querySelectorAll("input")) {
        const id = input.name.slice(prefix.length);
        if (input.type === "checkbox") result[id] = input.checked;
        else if (input.checked) result[id] = Number(input.value);
      }
      return result;
    }

    /* "Bron: ..." from a row of a table, with the links the build resolved; none if empty. */
    function sourceOf(row) {
      const cell = row.querySelector(".jgz-score__bron-cel");
      if (!cell.textContent.trim()) return [];
      const line = paragraph("Bron: ");
      for (const node of cell.childNodes) line.append(node.cloneNode(true));
      return [line];
    }

    /* The list and source from the outcome's row of the table. */
    function detailsOf(row) {
      if (!row) return [];
      const list = row.querySelector("td:nth-child(2) > ul");
      return (list ? [list.cloneNode(true)] : []).concat(sourceOf(row));
    }

    /* Each combination that holds, after the outcome: its text and its source. */
    function combinationsOf(result) {
      return result.combinations.flatMap((index) => [
        paragraph(score.combinationLine(form, index)),
        ...sourceOf(root.querySelector('tr[data-combinatie="' + index + '"]')),
      ]);
    }

    function showOverview(result) {
      const parts = [];
      for (const group of form.groups) {
        const checked = result.groups[group.id].checked;
        const head = paragraph("");
        const quote = document.createElement("q");
        quote.textContent = group.title;
        head.append(quote, " " + checked.length + " van " + group.size + " aangevinkt" + (checked.length ? ":" : "."));
        parts.push(head);
        if (checked.length) {
          const list = document.createElement("ul");
          for (const item of checked) {
            const entry = document.createElement("li");
            entry.textContent = (item.part ? item.part + ": " : "") + item.text;
            list.append(entry);
          }
          parts.push(list);
        }
      }
      overview.replaceChildren(...parts);
      overview.hidden = false;
    }

    function update() {
      const given = answers();
      const result = score.evaluate(form, given);
      const outcome = result.outcome;
      const chosen = outcome && root.querySelector("tr[data-" + (outcome.kind === "band" ? "band" : "gat") + '="' + outcome.index + '"]');
      const lines = (notice ? [notice] : []).concat(score.describe(form, result));
      status.replaceChildren(...lines.map(paragraph), ...detailsOf(chosen), ...combinationsOf(result));
      for (const row of root.querySelectorAll("tr.jgz-score__rij, tr[data-combinatie]")) {
        row.classList.toggle("jgz-score__rij--gekozen", row === chosen || result.combinations.includes(Number(row.dataset.combinatie)));
      }
      const open = new Set(result.open.map((item) => item.id));
      for (const fieldset of root.querySelectorAll("fieldset[data-item]")) {
        const unanswered = result.started && open.has(fieldset.dataset.item);
        fieldset.classList.toggle("jgz-score__item--open", unanswered);
        fieldset.querySelector("[data-open]").hidden = !unanswered;
      }
      if (checklist) showOverview(result);
      // The summary to copy, and on paper the answers as text with one total line.
      printed.textContent = score.summary(form, given, result, new Date());
      root.classList.toggle("jgz-score--leeg", !result.started);
    }

    /* The parts after "#formulier-<id>:" in the address, or null when it names no preset. */
    function presetParts() {
      let hash = window.location.hash.slice(1);
      try {
        hash = decodeURIComponent(hash);
      } catch (error) {
        return null; // a malformed address is no preset
      }
      return hash.startsWith(prefix) ? hash.slice(prefix.length).split("/").filter(Boolean) : null;
    }

    /* The answers into the address, by replaceState: Back leaves the page instead of taking back
       one answer per press (docs/scoreformulier.md). */
    function writeAddress() {
      const parts = Array.from(element.querySelectorAll("input:checked"), (input) =>
        input.name.slice(prefix.length) + (input.type === "radio" ? "=" + (Number(input.value) + 1) : ""));
      const hash = parts.length ? "#" + prefix + parts.join("/") : presetParts() && "#" + root.id;
      if (!hash || hash === window.location.hash) return;
      try {
        window.history.replaceState(window.history.state, "", hash);
      } catch (error) {
        // Some browsers refuse history changes on file://; the form works all the same.
      }
    }

    /* Exactly the preset's answers, as if the reader had given them.  The parts are compared with
       the inputs, never used as a selector: a hand-typed address cannot break the form. */
    function applyPreset() {
      const parts = presetParts();
      if (parts === null) return writeAddress(); // a jump within the page: the answers stay in the address
      const inputs = Array.from(element.querySelectorAll("input"));
      for (const input of inputs) input.checked = false;
      let skipped = 0;
      for (const part of parts) {
        const [id, number, ...rest] = part.split("=");
        const input = !rest.length && inputs.find((candidate) => candidate.name === prefix + id && (
          number === undefined ? candidate.type === "checkbox"
            : /^[1-9][0-9]*$/.test(number) && candidate.value === String(number - 1)));
        if (input) input.checked = true;
        else skipped += 1;
      }
      refresh(skipped ? BAD_LINK : ""); // what was skipped leaves the address too
      root.scrollIntoView({ behavior: "instant" }); // the address names no element of the page
    }

    function refresh(message) {
      notice = message;
      copyStatus.textContent = "";
      update();
      writeAddress();
    }

    element.addEventListener("change", () => refresh(""));
    element.addEventListener("submit", (event) => event.preventDefault());
    // The browser clears the fields after this event; then the address is emptied too.
    element.addEventListener("reset", () => window.setTimeout(refresh, 0, ""));
    root.querySelector("[data-kopieer]").addEventListener("click", () => {
      window.JGZ.copyText(printed.textContent).then(
        () => { copyStatus.textContent = "Samenvatting gekopieerd"; },
        () => { copyStatus.textContent = "Kopiëren lukte niet; uw browser staat het niet toe."; },
      );
    });
    window.addEventListener("hashchange", applyPreset);
    root.querySelector("[data-knoppen]").hidden = false;
    root.classList.add("jgz-score--actief", "jgz-score--leeg");
    applyPreset(); // no answer yet: the page's instructions stay, so nothing moves at the start
  }

  for (const root of document.querySelectorAll("[data-jgz-score]")) setUp(root);
})();
