/* Repairs to Sphinx 9.0's Dutch search page.
   1. The catalogue's plural rule "(n != 1)" returns a boolean, which Documentation.ngettext uses
      as an array index: the result summary throws.  Return the index the catalogue expects.
   2. Some messages have an empty Dutch translation, so the summary stays blank.  Give them their
      Dutch text.
   3. Sphinx keeps the search words in localStorage for highlighting on the result page, when
      sphinx_highlight.js is loaded.  Nothing a user types may be stored: the search page does not
      load it (assets.py), and the words go along in the result links instead (?highlight=,
      which sphinx_highlight.js reads on the page a result leads to). */
"use strict";
(function () {
  const rule = Documentation.PLURAL_EXPR;
  Documentation.PLURAL_EXPR = (n) => Number(rule(n));

  const dutch = {
    "Search finished, found one page matching the search query.": [
      "Zoeken klaar: één pagina gevonden.",
      "Zoeken klaar: ${resultCount} pagina's gevonden.",
    ],
    "Searching for multiple words only shows matches that contain\n    all words.":
      "Zoekt u op meer woorden, dan ziet u alleen pagina's met al die woorden.",
  };
  // searchtools.js reads this flag, which sphinx_highlight.js would have set.
  window.SPHINX_HIGHLIGHT_ENABLED = false;
  const words = new URLSearchParams(window.location.search).get("q") || "";
  document.addEventListener("DOMContentLoaded", () => {
    const results = document.getElementById("search-results");
    if (!results || !words) return;
    new MutationObserver(() => {
      for (const link of results.querySelectorAll("a[href]:not([data-jgz-highlight])")) {
        const url = new URL(link.getAttribute("href"), window.location.href);
        url.searchParams.set("highlight", words);
        link.href = url.href;
        link.dataset.jgzHighlight = "";
      }
    }).observe(results, { childList: true, subtree: true });
  });

  for (const [message, translation] of Object.entries(dutch)) {
    const current = Documentation.TRANSLATIONS[message];
    if (!current || (Array.isArray(current) && !current[0])) {
      Documentation.TRANSLATIONS[message] = translation;
    }
  }
})();
