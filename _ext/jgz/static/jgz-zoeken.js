/* Repairs to Sphinx 9.0's Dutch search page.
   1. The catalogue's plural rule "(n != 1)" returns a boolean, which Documentation.ngettext uses
      as an array index: the result summary throws.  Return the index the catalogue expects.
   2. Some messages have an empty Dutch translation, so the summary stays blank.  Give them their
      Dutch text. */
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
  for (const [message, translation] of Object.entries(dutch)) {
    const current = Documentation.TRANSLATIONS[message];
    if (!current || (Array.isArray(current) && !current[0])) {
      Documentation.TRANSLATIONS[message] = translation;
    }
  }
})();
