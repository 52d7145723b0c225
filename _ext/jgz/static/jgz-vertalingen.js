/* Sphinx's doctools.js turns the catalogue's plural rule into code with `new Function`, which the
   site's Content-Security-Policy forbids (no eval), so translations.js would throw on every page.
   Take the messages and keep the plural rule that doctools.js already has: n === 1 ? 0 : 1, which
   is the Dutch rule. */
"use strict";
Documentation.addTranslations = function (catalog) {
  Object.assign(Documentation.TRANSLATIONS, catalog.messages);
  Documentation.LOCALE = catalog.locale;
};
