/* The readers' search (docs/zoeken.md).  zoekindex.js holds, per section of the guideline, its
   page, anchor, title, a context line and the Dutch stems of its words (_ext/jgz/zoeken.py).

   Every word of the query must occur in a page (in any of its sections); the page's best section
   is the result.  A word that is not in the index is looked for, in this order, as the start of
   longer words ("hecht" finds "hechtingsproblemen"), inside compounds ("relatie" finds
   "gehechtheidsrelatie"), with one or two letters wrong ("sensitivitijt"), and as a compound of
   two known words ("huilbaby": "huil" + "baby").  A section counts a word more where it is rare
   and where it stands in the section's title; pages that are not the guideline itself (the
   training cases) count less.  When nothing is found, the nearest section titles and glossary
   terms are offered.

   Nothing is stored and nothing is fetched: the words go along in the result links (?highlight=,
   read by sphinx_highlight.js on the page a result leads to). */
"use strict";
(function () {
  const index = window.JGZ_ZOEKINDEX;
  const stemmer = window.JGZ_STAM;
  const WORD = /[\p{L}\p{N}]{2,}/gu;
  const TITLE_WEIGHT = 3;
  const PREFIX = 0.6;
  const INSIDE = 0.4;
  const COMPOUND = 0.8;
  const NEAR = 0.6;
  const EXACT_TITLE = 2; // a section whose title is the query ("ouder-kind relatie")
  const SHOWN = 20;
  const FEW = 3; // fewer results than this: also look for the parts of compounds

  const stopwords = new Set(index.stopwoorden);
  const vocabulary = [...new Set([...Object.keys(index.woorden), ...Object.keys(index.titelwoorden)])];
  const known = new Set(vocabulary);
  // Whole words, as written, from the section titles and glossary terms: a typo is compared with
  // these as well as with the stems ("sensitivitijt" is near "sensitiviteit", not its stem).
  const titleWords = [...new Set(index.delen.flatMap((section) => section[2].toLowerCase().match(WORD) || []))];
  const sectionCount = index.delen.length;

  const stem = (word) => stemmer.stemWord(word);
  const squashed = (text) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  // A word with hyphens ("K-VHT", "VIPP-SD") is one word where the index has it joined, as the
  // index also keeps hyphenated words joined (zoeken.py); otherwise its parts.
  const queryWords = (query) => query.toLowerCase().split(/\s+/).flatMap((piece) => {
    const parts = piece.match(/[\p{L}\p{N}]+/gu) || [];
    const joined = parts.join("");
    return parts.length > 1 && piece.includes("-") && known.has(stem(joined)) ? [joined] : parts;
  }).filter((word) => word.length >= 2 && !stopwords.has(word));

  const numbers = (packed) => Array.from({ length: (packed || "").length / index.breedte },
                                        (_, i) => parseInt(packed.substr(i * index.breedte, index.breedte), 36));

  function sectionsWith(term) {
    // section -> [count in the text (up to 4), in the title?]
    const found = new Map();
    for (const number of numbers(index.woorden[term])) found.set(Math.floor(number / 4), [(number % 4) + 1, false]);
    for (const section of numbers(index.titelwoorden[term])) found.set(section, [(found.get(section) || [0])[0], true]);
    return found;
  }

  /* At most `limit` edits (insert, delete, replace, swap two letters) from a to b? */
  function near(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return false;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        let cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
        row.push(cost);
      }
      if (Math.min(...row) > limit) return false;
      before = previous;
      previous = row;
    }
    return previous[b.length] <= limit;
  }

  /* Index terms that stand for `word`, with how well they match: exact, start, inside. */
  function matchingTerms(word) {
    const term = stem(word);
    const terms = new Map();
    if (known.has(term)) terms.set(term, 1);
    for (const candidate of vocabulary) {
      if (candidate === term) continue;
      if (term.length >= 3 && (candidate.startsWith(term) || candidate.startsWith(word))) terms.set(candidate, PREFIX);
      else if (term.length >= 4 && candidate.includes(term)) terms.set(candidate, INSIDE);
    }
    return terms;
  }

  /* Index terms within one or two letters of `word` (or of its stem), and what the title words
     within that distance find. */
  function nearTerms(word) {
    const term = stem(word);
    const limit = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
    const nearby = new Map();
    for (const candidate of vocabulary) {
      if (near(term, candidate, limit) || near(word, candidate, limit)) nearby.set(candidate, NEAR);
    }
    // A title word that is near stands for what that word itself would find.
    for (const written of titleWords) {
      if (!near(word, written, limit)) continue;
      for (const [candidate, weight] of matchingTerms(written)) {
        nearby.set(candidate, Math.max(nearby.get(candidate) || 0, weight * NEAR));
      }
    }
    return nearby;
  }

  /* A word as a compound of two known words, the best split first: two exact parts beat parts
     that only start or sit inside longer words ("opvoedings|stress", not "opvoedingsst|ress"). */
  function compoundGroups(word) {
    let best = null;
    for (let cut = 4; cut <= word.length - 4; cut++) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      const end = matchingTerms(tail);
      if (!end.size) continue;
      // A linking s or e between the parts ("gezinssituatie", "kinderopvang").
      for (const first of [head, ...(/[se]$/.test(head) && head.length > 4 ? [head.slice(0, -1)] : [])]) {
        const start = matchingTerms(first);
        const quality = Math.max(0, ...start.values()) + Math.max(...end.values());
        if (start.size && (!best || quality > best.quality)) best = { quality, start, end, how: `${first} + ${tail}` };
      }
    }
    if (!best) return null;
    const scaled = (terms) => new Map([...terms].map(([t, w]) => [t, w * COMPOUND]));
    return { groups: [scaled(best.start), scaled(best.end)], how: best.how };
  }

  /* The groups of terms a query word asks for: usually one, two for a compound of known words. */
  function groupsFor(word) {
    const direct = matchingTerms(word);
    if (direct.size) return { groups: [direct], how: "" };
    const nearby = nearTerms(word);
    if (nearby.size) return { groups: [nearby], how: "~" + word };
    return compoundGroups(word) || { groups: [], how: "" };
  }

  function scoreGroup(terms) {
    // section -> best score of any term of the group
    const scores = new Map();
    for (const [term, weight] of terms) {
      const found = sectionsWith(term);
      const rarity = Math.log(1 + sectionCount / found.size);
      for (const [section, [count, inTitle]] of found) {
        const score = weight * rarity * ((count ? 1 + Math.log(count) : 0) + (inTitle ? TITLE_WEIGHT : 0));
        if (score > (scores.get(section) || 0)) scores.set(section, score);
      }
    }
    return scores;
  }

  /* Pages that have every word of the query, best first; each with its best section. */
  function rank(parts, wanted) {
    const groups = parts.flatMap((part) => part.groups);
    if (!parts.length || parts.some((part) => !part.groups.length)) return [];
    const perGroup = groups.map(scoreGroup);
    const pages = new Map();
    perGroup.forEach((scores, group) => {
      for (const [section, score] of scores) {
        const pageNumber = index.delen[section][0];
        if (!pages.has(pageNumber)) pages.set(pageNumber, { best: new Array(groups.length).fill(0), sections: new Map() });
        const page = pages.get(pageNumber);
        page.best[group] = Math.max(page.best[group], score);
        const sectionScores = page.sections.get(section) || new Array(groups.length).fill(0);
        sectionScores[group] = score;
        page.sections.set(section, sectionScores);
      }
    });
    const results = [];
    for (const [pageNumber, page] of pages) {
      if (page.best.some((score) => score === 0)) continue;
      // The best section has the most of the query's words, then the highest score.
      let best = { section: null, covered: -1, score: 0 };
      for (const [section, scores] of page.sections) {
        const titleIsQuery = index.delen[section][2].split(" / ").some((title) => squashed(title) === wanted);
        const covered = scores.filter((score) => score > 0).length;
        const score = scores.reduce((a, b) => a + b, 0) * (titleIsQuery ? EXACT_TITLE : 1);
        if (covered > best.covered || (covered === best.covered && score > best.score)) best = { section, covered, score };
      }
      const bestSection = best.section;
      const [, anchor, title, context] = index.delen[bestSection];
      const [url, pageTitle, weight] = index.paginas[pageNumber];
      const score = weight * (page.best.reduce((a, b) => a + b, 0) + 0.5 * best.score);
      results.push({ url: anchor ? `${url}#${anchor}` : url, pagina: pageTitle, titel: anchor ? title : "", context, score });
    }
    return results.sort((a, b) => b.score - a.score);
  }

  /* The results of a query, best first.  Where a word found little by itself, its parts as a
     compound find more after that ("slaapproblemen": also "slaap" + "problemen"). */
  function search(query) {
    const words = queryWords(query);
    const wanted = squashed(query);
    const parts = words.map(groupsFor);
    const results = rank(parts, wanted);
    const split = parts.map((part, i) => (part.how ? null : compoundGroups(words[i])));
    if (results.length < FEW && split.some(Boolean)) {
      const seen = new Set(results.map((result) => result.url.split("#")[0]));
      const more = rank(parts.map((part, i) => split[i] || part), wanted);
      results.push(...more.filter((result) => !seen.has(result.url.split("#")[0])));
      parts.forEach((part, i) => split[i] && (part.how = split[i].how));
    }
    return { results, notes: parts.map((part) => part.how).filter(Boolean) };
  }

  /* Section titles and glossary terms that look most like the query, for when nothing is found. */
  function suggestions(query) {
    const grams = (text) => {
      const padded = ` ${text.toLowerCase()} `;
      return new Set(Array.from({ length: Math.max(padded.length - 2, 0) }, (_, i) => padded.slice(i, i + 3)));
    };
    const wanted = grams(query);
    const seen = new Set();
    return index.delen
      .map(([pageNumber, anchor, title]) => {
        const have = grams(title);
        const shared = [...wanted].filter((gram) => have.has(gram)).length;
        return { title, url: anchor ? `${index.paginas[pageNumber][0]}#${anchor}` : index.paginas[pageNumber][0],
                 likeness: shared / Math.min(wanted.size + 2, have.size || 1) };
      })
      .filter((item) => item.likeness > 0.25 && !seen.has(item.title) && seen.add(item.title))
      .sort((a, b) => b.likeness - a.likeness)
      .slice(0, 5);
  }

  function element(name, attributes, ...children) {
    const node = document.createElement(name);
    Object.assign(node, attributes);
    node.append(...children);
    return node;
  }

  function withWords(url, words) {
    const [path, anchor] = url.split("#");
    return `${path}?highlight=${encodeURIComponent(words)}${anchor ? "#" + anchor : ""}`;
  }

  function show(container, query) {
    const { results, notes } = search(query);
    const summary = element("p", { className: "search-summary" });
    const parts = [element("h2", {}, "Zoekresultaten"), summary];
    if (results.length) {
      summary.textContent = results.length === 1 ? "Eén pagina gevonden." : `${results.length} pagina's gevonden.`;
      if (notes.some((note) => note.startsWith("~"))) summary.textContent += " Niet precies gevonden: ook woorden die erop lijken.";
      const list = element("ul", { className: "search" });
      for (const result of results.slice(0, SHOWN)) {
        const name = result.titel ? `${result.pagina} › ${result.titel}` : result.pagina;
        list.append(element("li", {}, element("a", { href: withWords(result.url, query) }, name),
                            ...(result.context ? [element("p", { className: "context" }, result.context)] : [])));
      }
      parts.push(list);
    } else {
      summary.textContent = "Niets gevonden.";
      const offered = suggestions(query);
      if (offered.length) {
        parts.push(element("p", {}, "Bedoelt u misschien:"),
                   element("ul", { className: "search jgz-zoeken-suggesties" },
                           ...offered.map((item) => element("li", {}, element("a", { href: item.url }, item.title)))));
      }
      parts.push(element("p", {}, "Zoek met minder woorden, of met een ander woord voor hetzelfde."));
    }
    container.replaceChildren(...parts);
  }

  window.JGZ_ZOEKEN = { search, suggestions };
  document.addEventListener("DOMContentLoaded", () => {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    for (const field of document.querySelectorAll('input[name="q"]')) field.value = query;
    const container = document.getElementById("search-results");
    // A task of its own after the page is shown: the first search also warms up the stemmer.
    if (container && query.trim()) setTimeout(() => show(container, query));
  });
})();
