/* Scoring logic of every form (window.JGZ.score): pure functions, no DOM, storage or network.
   The form comes from the build (scoreformulier.py); the answers are {itemId: optionIndex} for
   questions and {itemId: true} for ticked items.  A combination holds when all its items are ticked. */
"use strict";
window.JGZ = window.JGZ || {};
window.JGZ.score = (function () {
  function itemValue(form, item, answer) {
    if (item.options) {
      return answer === undefined || answer === null ? null : item.options[answer].points;
    }
    if (!answer) return 0;
    return form.rule === "aantal" ? 1 : item.points;
  }

  function limit(form, total) {
    const clamp = form.clamp;
    if (clamp && total < clamp.min) return { value: clamp.min, side: "below" };
    if (clamp && total > clamp.max) return { value: clamp.max, side: "above" };
    return { value: total, side: null };
  }

  /* {kind: "band" | "gap", index} for a (limited) total, or null. */
  function outcomeAt(form, value) {
    for (const [kind, list] of [["band", form.bands], ["gap", form.gaps]]) {
      const index = list.findIndex((band) => band.min <= value && value <= band.max);
      if (index >= 0) return { kind, index };
    }
    return null;
  }

  function sameOutcome(a, b) {
    return a !== null && b !== null && a.kind === b.kind && a.index === b.index;
  }

  function evaluate(form, answers) {
    let total = 0;
    let low = 0;
    let high = 0;
    const open = [];
    const groups = {};
    for (const group of form.groups) groups[group.id] = { checked: [] };
    for (const item of form.items) {
      const value = itemValue(form, item, answers[item.id]);
      if (value === null) {
        const points = item.options.map((option) => option.points);
        open.push(item);
        low += Math.min(...points);
        high += Math.max(...points);
        continue;
      }
      total += value;
      low += value;
      high += value;
      if (!item.options && answers[item.id]) groups[item.group].checked.push(item);
    }
    const complete = open.length === 0;
    const limited = limit(form, total);
    let outcome = null;
    if (form.bands.length) {
      if (complete) {
        outcome = outcomeAt(form, limited.value);
      } else {
        // Some questions are open: the outcome is known only if every completion gives the same.
        const first = outcomeAt(form, limit(form, low).value);
        outcome = sameOutcome(first, outcomeAt(form, limit(form, high).value)) ? first : null;
      }
    }
    const questions = form.items.filter((item) => item.options).length;
    const combinations = [];
    form.combinations.forEach((combination, index) => {
      if (combination.items.every((id) => answers[id])) combinations.push(index);
    });
    return {
      combinations,
      total,
      value: limited.value,
      clampSide: complete ? limited.side : null,
      open,
      complete,
      started: open.length < questions || form.items.some((item) => !item.options && answers[item.id]),
      outcome,
      groups,
    };
  }

  function outcomeText(form, outcome) {
    if (outcome.kind === "gap") return form.gaps[outcome.index].text;
    const band = form.bands[outcome.index];
    return band.title + ". " + band.text;
  }

  /* Lines for the live result: what the total is, whether it is complete, what it means. */
  function describe(form, result) {
    const lines = [];
    if (form.bands.length) {
      const label = form.totalLabel;
      // A limited scale shows only its own values: the limited total, never the raw sum ("Niveau: -3"),
      // and no partial sum, which can lie outside the scale.
      if (result.complete) lines.push(label + ": " + result.value + ".");
      else if (!result.started) lines.push("Nog niets ingevuld: " + result.open.length + " vragen open.");
      else lines.push((form.clamp ? "" : label + " tot nu toe: " + result.total + ". ") + "Onvolledig: nog " +
        result.open.length + " van " + form.items.filter((item) => item.options).length + " niet beantwoord (" +
        result.open.map((item) => item.short).join(", ") + ").");
      if (result.clampSide) lines.push(form.clamp[result.clampSide]);
      if (result.outcome && result.complete) lines.push("Uitkomst: " + outcomeText(form, result.outcome));
      else if (result.outcome) lines.push("Uitkomst staat al vast, wat de open vragen ook worden: " + outcomeText(form, result.outcome));
      else if (result.started) lines.push("De uitkomst volgt als alle vragen zijn beantwoord.");
    }
    const counts = checklistCounts(form, result);
    if (counts) lines.push(counts);
    return lines;
  }

  /* The line for a combination whose items are all ticked; its source follows it. */
  function combinationLine(form, index) {
    const combination = form.combinations[index];
    return "Combinatie: " + combination.title + ". " + combination.text;
  }

  /* "Aangevinkt: veilig 2 van 10; ..." per group, grouped by domain where the form has domains. */
  function checklistCounts(form, result) {
    const groups = form.groups.filter((group) => group.kind === "vink");
    if (!groups.length || form.bands.length) return null;
    const part = (group) => group.short + " " + result.groups[group.id].checked.length + " van " + group.size;
    if (!form.domains.length) return "Aangevinkt: " + groups.map(part).join("; ") + ".";
    return "Aangevinkt. " + form.domains.map((domain) => domain.title + ": " +
      groups.filter((group) => group.domain === domain.id).map(part).join(", ")).join(". ") + ".";
  }

  function formatDate(date) {
    const two = (n) => String(n).padStart(2, "0");
    return two(date.getDate()) + "-" + two(date.getMonth() + 1) + "-" + date.getFullYear();
  }

  /* Plain text for the dossier: form, date, answers, total, outcome, source, disclaimer. */
  function summary(form, answers, result, date) {
    const lines = [form.title, "Ingevuld op " + formatDate(date), ""];
    for (const group of form.groups) {
      const items = form.items.filter((item) => item.group === group.id);
      if (group.kind === "vink") {
        const checked = result.groups[group.id].checked;
        lines.push(group.title + " (" + checked.length + " van " + group.size + " aangevinkt)" + (checked.length ? ":" : "."));
        for (const item of checked) lines.push("- " + (item.part ? item.part + ": " : "") + item.text);
      } else {
        lines.push(group.title + ":");
        for (const item of items) {
          const answer = answers[item.id];
          lines.push("- " + item.short + ": " +
            (answer === undefined || answer === null ? "niet beantwoord" : item.options[answer].text));
        }
      }
    }
    lines.push("");
    for (const line of describe(form, result)) lines.push(line);
    if (result.outcome && result.outcome.kind === "band") {
      for (const entry of form.bands[result.outcome.index].list) lines.push("- " + entry);
    }
    for (const index of result.combinations) {
      lines.push(combinationLine(form, index), "Bron: " + form.combinations[index].source);
    }
    if (form.noBands) lines.push(form.noBands);
    lines.push("", "Bron: " + form.source, form.disclaimer);
    return lines.join("\n");
  }

  return { evaluate, describe, combinationLine, summary, outcomeAt };
})();
