/* Beslisbomen: the tree that the page shows as nested lists becomes one question at a time.
   Everything comes from the page itself (data- attributes, classes and the links the build
   resolved); nothing is stored and nothing is sent.  The walked path lives in the URL fragment as
   answer ids only, so a trainer can share it: #beslisboom-<boom>:<antwoord>/<antwoord>. */
"use strict";
(function () {
  const BAD_LINK =
    "Niet alle antwoorden uit deze link horen bij de beslisboom. U ziet de stappen tot waar ze passen.";

  function make(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // The first text marked in an item is its own: the question, the answer or the outcome's title.
  function ownText(item) {
    const text = item.querySelector(".jgz-beslisboom__tekst");
    return text ? text.textContent.trim() : "";
  }

  function part(item, name) {
    return item.querySelector(":scope > .jgz-beslisboom__" + name);
  }

  // A copy of rendered content (explanations, advice, links) without ids, which must stay unique.
  function copyOf(element) {
    const copy = element.cloneNode(true);
    copy.removeAttribute("id");
    for (const withId of copy.querySelectorAll("[id]")) withId.removeAttribute("id");
    return copy;
  }

  function readTree(root) {
    const nodes = new Map();
    for (const item of root.querySelectorAll("li[data-vraag]")) {
      const answers = Array.from(item.querySelectorAll(":scope > ul > li[data-antwoord]"), (answer) => ({
        id: answer.dataset.antwoord,
        to: answer.dataset.naar,
        item: answer,
        text: ownText(answer),
      }));
      nodes.set(item.dataset.vraag, { kind: "vraag", id: item.dataset.vraag, item, text: ownText(item), answers });
    }
    for (const item of root.querySelectorAll("li[data-uitkomst]")) {
      nodes.set(item.dataset.uitkomst, { kind: "uitkomst", id: item.dataset.uitkomst, item, text: ownText(item) });
    }
    return { start: root.dataset.start, nodes };
  }

  // Follow answer ids from the start; stops at the first id that does not fit.
  function walk(tree, ids) {
    const steps = [];
    let current = tree.nodes.get(tree.start);
    for (const id of ids) {
      const answer = current.kind === "vraag" && current.answers.find((candidate) => candidate.id === id);
      if (!answer) return { steps, current, valid: false };
      steps.push({ question: current, answer });
      current = tree.nodes.get(answer.to);
    }
    return { steps, current, valid: true };
  }

  // Open the dropdowns and tabs (sphinx-design) around an element, so that it can be seen.
  function reveal(element) {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (parent.tagName === "DETAILS") parent.open = true;
      if (parent.classList.contains("sd-tab-content")) {
        const input = parent.previousElementSibling && parent.previousElementSibling.previousElementSibling;
        if (input && input.type === "radio") input.checked = true;
      }
    }
  }

  function setUp(root) {
    const tree = readTree(root);
    if (!tree.nodes.has(tree.start)) return;
    const level = Math.min(Math.max(Number(root.dataset.kopniveau) || 2, 2), 6);
    const app = root.querySelector(".jgz-beslisboom__app");
    const trail = root.querySelector(".jgz-beslisboom__pad");
    const steps = root.querySelector(".jgz-beslisboom__stappen");
    const current = root.querySelector(".jgz-beslisboom__huidig");
    const result = root.querySelector(".jgz-beslisboom__resultaat");
    const notice = root.querySelector(".jgz-beslisboom__melding");
    const back = root.querySelector('[data-actie="vorige"]');
    const restart = root.querySelector('[data-actie="opnieuw"]');
    const list = root.querySelector(".jgz-beslisboom__lijst");
    const prefix = root.id + ":";
    let path = [];
    let listWasOpen = false;

    function pathFromHash() {
      let hash = window.location.hash.slice(1);
      try {
        hash = decodeURIComponent(hash);
      } catch (error) {
        return null; // a malformed address is not a path of this tree
      }
      return hash.startsWith(prefix) ? hash.slice(prefix.length).split("/").filter(Boolean) : null;
    }

    function writeHash(ids, replace) {
      const url = ids.length
        ? "#" + prefix + ids.join("/")
        : window.location.pathname + window.location.search;
      try {
        window.history[replace ? "replaceState" : "pushState"](null, "", url);
      } catch (error) {
        // Some browsers refuse history changes on file://; the walk itself still works.
      }
    }

    function go(ids) {
      notice.hidden = true;
      path = ids;
      writeHash(ids, false);
      render(true);
    }

    function stepItem(step, index) {
      const item = make("li", "jgz-beslisboom__stap");
      item.append(
        make("span", "jgz-beslisboom__stapvraag", step.question.text),
        " ",
        make("strong", "jgz-beslisboom__stapantwoord", step.answer.text),
        " ",
      );
      const change = make("button", "jgz-beslisboom__wijzig", "Wijzig");
      change.type = "button";
      change.append(make("span", "jgz-visueel-verborgen", " antwoord op: " + step.question.text));
      change.addEventListener("click", () => go(path.slice(0, index)));
      item.append(change);
      return item;
    }

    function questionField(question) {
      const field = make("fieldset", "jgz-beslisboom__veld");
      field.tabIndex = -1;
      field.append(make("legend", "jgz-beslisboom__vraagtekst", question.text));
      const explanation = part(question.item, "toelichting");
      if (explanation) field.append(copyOf(explanation));
      const choices = make("div", "jgz-beslisboom__keuzes");
      for (const answer of question.answers) {
        const button = make("button", "jgz-beslisboom__keuze", answer.text);
        button.type = "button";
        button.dataset.antwoord = answer.id;
        button.addEventListener("click", () => go(path.concat(answer.id)));
        choices.append(button);
        const notes = ["toelichting", "bronnen"].map((name) => part(answer.item, name)).filter(Boolean);
        if (notes.length) {
          const note = make("div", "jgz-beslisboom__keuzetoelichting");
          note.id = root.id + "--" + question.id + "--" + answer.id;
          for (const extra of notes) note.append(copyOf(extra));
          button.setAttribute("aria-describedby", note.id);
          choices.append(note);
        }
      }
      field.append(choices);
      // The sources after the answers, so that the first answer is on a phone's first screen.
      const sources = part(question.item, "bronnen");
      if (sources) field.append(copyOf(sources));
      return field;
    }

    function outcomeView(outcome) {
      const view = make("div", "jgz-beslisboom__uitkomstkaart");
      const heading = make("h" + level, "jgz-beslisboom__uitkomstkop");
      heading.tabIndex = -1;
      heading.append(make("span", "jgz-beslisboom__uitkomstlabel", "Uitkomst: "), outcome.text);
      view.append(heading);
      for (const name of ["advies", "dossier", "zwijgt", "onderbouwing", "bronnen"]) {
        const extra = part(outcome.item, name);
        if (extra) view.append(copyOf(extra));
      }
      return view;
    }

    function render(moveFocus) {
      const state = walk(tree, path);
      const walked = state.steps.length > 0;
      steps.replaceChildren(...state.steps.map(stepItem));
      trail.hidden = !walked;
      back.hidden = !walked;
      restart.hidden = !walked;
      root.classList.toggle("jgz-beslisboom--onderweg", walked);
      let focusTarget;
      if (state.current.kind === "vraag") {
        result.replaceChildren();
        focusTarget = questionField(state.current);
        current.replaceChildren(focusTarget);
      } else {
        current.replaceChildren();
        const view = outcomeView(state.current);
        result.replaceChildren(view);
        focusTarget = view.firstChild;
      }
      root.dataset.huidig = state.current.id;
      if (moveFocus) {
        // The new question or outcome goes to the top of the screen; the path stays above it.
        focusTarget.focus({ preventScroll: true });
        focusTarget.scrollIntoView({ block: "start", behavior: "instant" });
      }
    }

    // A path from a link: keep what fits, say so when something did not, and show the result.
    function apply(ids) {
      const state = walk(tree, ids);
      path = state.steps.map((step) => step.answer.id);
      notice.textContent = state.valid ? "" : BAD_LINK;
      notice.hidden = state.valid;
      if (!state.valid) writeHash(path, true);
      render(false);
    }

    function openListAt(hash) {
      const target = hash && document.getElementById(hash.slice(1));
      if (target && list.contains(target)) {
        reveal(list);
        list.open = true;
        target.scrollIntoView();
      }
    }

    function onHistory() {
      const ids = pathFromHash();
      if (ids === null) {
        if (window.location.hash === "" && path.length) {
          path = [];
          render(false);
        } else {
          openListAt(window.location.hash);
        }
      } else if (ids.join("/") !== path.join("/")) {
        apply(ids);
      }
    }

    back.addEventListener("click", () => go(path.slice(0, -1)));
    restart.addEventListener("click", () => go([]));
    window.addEventListener("popstate", onHistory);
    window.addEventListener("hashchange", onHistory);
    // Printing before any answer prints the whole tree; after answers, the path and the outcome.
    window.addEventListener("beforeprint", () => {
      listWasOpen = list.open;
      if (!path.length) list.open = true;
    });
    window.addEventListener("afterprint", () => {
      list.open = listWasOpen;
    });

    list.open = false;
    app.hidden = false;
    const ids = pathFromHash();
    if (ids) {
      apply(ids);
      reveal(root);
      root.scrollIntoView({ behavior: "instant" });
    } else {
      render(false);
      openListAt(window.location.hash);
    }
  }

  // The build puts this script right after each tree, so that the tree is set up before the
  // browser shows the text below it; each run sets up the trees not set up yet.
  for (const root of document.querySelectorAll(".jgz-beslisboom[data-beslisboom]:not(.jgz-beslisboom--actief)")) {
    root.classList.add("jgz-beslisboom--actief");
    setUp(root);
  }
})();
