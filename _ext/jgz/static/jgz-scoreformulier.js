/* Scoring and checklist forms on the page: the total and outcome in the status region as answers
   change, "Wissen" and "Kopieer samenvatting", and answers preset by a link (a training case):
   #formulier-<id>:<item>/<item>=<n> ticks <item> and chooses answer n (from 1) of a question.
   Needs jgz-gedeeld.js and jgz-score.js.
   What is entered stays in the page: no cookies, no storage, no requests. */
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

    /* The outcome's list and source from the table. */
    function detailsOf(outcome) {
      const row = outcome && outcome.kind === "band" &&
        root.querySelector('tr[data-band="' + outcome.index + '"]');
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
            entry.textContent = (item.part ? item.part + " " : "") + item.text;
            list.append(entry);
          }
          parts.push(list);
        }
      }
      overview.replaceChildren(...parts);
      overview.hidden = false;
    }

    function update() {
      const result = score.evaluate(form, answers());
      const lines = (notice ? [notice] : []).concat(score.describe(form, result));
      status.replaceChildren(...lines.map(paragraph), ...detailsOf(result.outcome), ...combinationsOf(result));
      for (const row of root.querySelectorAll(".jgz-score__rij")) {
        const kind = row.dataset.band !== undefined ? "band" : "gap";
        const index = Number(kind === "band" ? row.dataset.band : row.dataset.gat);
        const chosen = result.outcome !== null && result.outcome.kind === kind && result.outcome.index === index;
        row.classList.toggle("jgz-score__rij--gekozen", chosen);
      }
      for (const row of root.querySelectorAll("tr[data-combinatie]")) {
        row.classList.toggle("jgz-score__rij--gekozen", result.combinations.includes(Number(row.dataset.combinatie)));
      }
      const open = new Set(result.open.map((item) => item.id));
      for (const fieldset of root.querySelectorAll("fieldset[data-item]")) {
        const unanswered = result.started && open.has(fieldset.dataset.item);
        fieldset.classList.toggle("jgz-score__item--open", unanswered);
        fieldset.querySelector("[data-open]").hidden = !unanswered;
      }
      if (checklist) showOverview(result);
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

    /* Exactly the preset's answers, as if the reader had given them.  The parts are compared with
       the inputs, never used as a selector: a hand-typed address cannot break the form. */
    function applyPreset() {
      const parts = presetParts();
      if (parts === null) return;
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
      notice = skipped ? BAD_LINK : "";
      copyStatus.textContent = "";
      update();
      root.scrollIntoView({ behavior: "instant" }); // the address names no element of the page
    }

    element.addEventListener("change", () => {
      copyStatus.textContent = "";
      notice = "";
      update();
    });
    element.addEventListener("submit", (event) => event.preventDefault());
    element.addEventListener("reset", () => {
      copyStatus.textContent = "";
      notice = "";
      if (presetParts() !== null) {
        // Empty now: a reload should not bring the preset back.
        try {
          window.history.replaceState(null, "", "#" + root.id);
        } catch (error) {
          // Some browsers refuse history changes on file://; the form is empty all the same.
        }
      }
      window.setTimeout(update, 0); // the browser clears the fields after this event
    });
    root.querySelector("[data-kopieer]").addEventListener("click", () => {
      const given = answers();
      const text = score.summary(form, given, score.evaluate(form, given), new Date());
      window.JGZ.copyText(text).then(
        () => { copyStatus.textContent = "Samenvatting gekopieerd"; },
        () => { copyStatus.textContent = "Kopiëren lukte niet; uw browser staat het niet toe."; },
      );
    });
    window.addEventListener("hashchange", applyPreset);
    root.querySelector("[data-knoppen]").hidden = false;
    root.classList.add("jgz-score--actief");
    update();
    applyPreset();
  }

  for (const root of document.querySelectorAll("[data-jgz-score]")) setUp(root);
})();
