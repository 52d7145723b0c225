/* Offline use and printing (docs/offline-en-afdrukken.md).

   Over http(s) this links the web-app manifest and registers the service worker (sw.js at the
   site root) at the version that the server has now, so that the whole site stays on the device
   and a new version replaces it on a later visit.  A polite notice (role="status") says when the
   site works offline, when a new version has been loaded, and when a newer version exists that
   could not be loaded (then the copy on the device is older than the server's text); it never
   takes focus and covers no more than a strip at the bottom.
   Opened from disk (file://) there is no worker.  Nothing is sent elsewhere: the only request
   goes to offline-bestanden.json on this site. */
"use strict";

/* Printing: collapsed parts print open.  jgz-print.css does that with ::details-content; browsers
   without it get the <details> opened for the print and closed again afterwards. */
(function () {
  if (window.CSS && CSS.supports("selector(::details-content)")) return;
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    for (const details of opened) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
})();

(function () {
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) {
    return;
  }
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const workers = navigator.serviceWorker;

  // The web-app manifest (install as an app) only here: opened from disk, Chrome would refuse to
  // read it and say so in the console, and without the worker the app would not work offline.
  const manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = new URL("manifest.webmanifest", root).href;
  document.head.append(manifest);
  let hadWorker = Boolean(workers.controller);

  const READY = "Deze richtlijn staat nu op uw apparaat en werkt ook zonder internet.";
  const UPDATED = "Er is een nieuwe versie van de richtlijn geladen; ook zonder internet ziet u nu die versie.";
  const NOT_LOADED = "Er is een nieuwere versie van de richtlijn, die nog niet geladen kon worden. "
    + "Zonder (goed) internet ziet u mogelijk nog de vorige versie.";

  // The live region is in the page from the start, so that screen readers announce its text.  It
  // sits in the footer: "works offline" is said there, in passing; a new version is said in a
  // strip at the bottom of the screen (jgz-offline.css), with a button to reload.
  const notice = document.createElement("div");
  notice.className = "jgz-offline-melding";
  notice.setAttribute("role", "status");
  (document.querySelector(".bottom-of-page .left-details") || document.body).append(notice);

  function button(text, label, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    if (label) element.setAttribute("aria-label", label);
    element.addEventListener("click", onClick);
    return element;
  }

  // Its stylesheet is loaded only when there is something to say (from the cache, offline too).
  let stylesheet;
  function loadStylesheet() {
    if (!stylesheet) {
      stylesheet = new Promise((resolve) => {
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = new URL("_static/jgz-offline.css", root).href;
        link.addEventListener("load", resolve);
        link.addEventListener("error", resolve);
        document.head.append(link);
      });
    }
    return stylesheet;
  }

  function say(message, ...buttons) {
    const text = document.createElement("p");
    text.textContent = message;
    notice.replaceChildren(text, ...buttons);
  }

  function close() {
    notice.classList.remove("jgz-offline-melding--nieuw");
    notice.replaceChildren();
  }

  function sayInStrip(message, ...buttons) {
    loadStylesheet().then(() => {
      notice.classList.add("jgz-offline-melding--nieuw");
      say(message, ...buttons, button("Sluiten", "Melding sluiten", close));
    });
  }

  // A worker took over this page: the first one (the site now works offline) or a new version.
  workers.addEventListener("controllerchange", () => {
    const isUpdate = hadWorker;
    hadWorker = true;
    if (isUpdate) sayInStrip(UPDATED, button("Pagina vernieuwen", "", () => location.reload()));
    else loadStylesheet().then(() => say(READY));
  });

  function sayNotLoaded() {
    sayInStrip(NOT_LOADED, button("Opnieuw proberen", "Nieuwe versie opnieuw proberen te laden", () => location.reload()));
  }

  function versionOf(worker) {
    return worker ? new URL(worker.scriptURL).searchParams.get("v") : null;
  }

  // The newer version's worker fails to install when one of its files does not load: it becomes
  // "redundant" without ever having been "installed".
  function watchInstall(registration, version) {
    const worker = registration.installing;
    if (!worker) {
      if (!registration.waiting && versionOf(registration.active) !== version) sayNotLoaded();
      return;
    }
    worker.addEventListener("statechange", function installed() {
      if (worker.state === "redundant") sayNotLoaded();
      if (worker.state !== "installing") worker.removeEventListener("statechange", installed);
    });
  }

  // Which version the server has: registering its worker installs it, or changes nothing when it
  // is the worker that is already there.  Offline, the worker that is there keeps serving, and
  // answers with its copy of the list; a newer version that it could not load has left its list
  // there.  A site without the list no longer wants to work offline: remove its worker and cache.
  function registerCurrentVersion() {
    fetch(new URL("offline-bestanden.json", root), { cache: "no-cache" })
      .then((response) => {
        if (response.status === 404) return removeOfflineCopy();
        if (!response.ok) return undefined;
        return response.json().then((list) => {
          const newer = Boolean(workers.controller) && versionOf(workers.controller) !== list.versie;
          if (!navigator.onLine) {
            if (newer) sayNotLoaded();
            return undefined;
          }
          return workers.register(new URL("sw.js?v=" + encodeURIComponent(list.versie), root), { scope: root.href })
            .then((registration) => newer && watchInstall(registration, list.versie), () => newer && sayNotLoaded());
        });
      })
      .catch(() => {
        // No connection and no copy on the device: try again on the next visit.
      });
  }

  function removeOfflineCopy() {
    const prefix = "jgz-offline " + root.href + " ";
    return Promise.all([
      workers.getRegistration(root.href).then((registration) => registration && registration.unregister()),
      caches.keys().then((names) => Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => caches.delete(name)))),
    ]);
  }

  if (document.readyState === "complete") registerCurrentVersion();
  else window.addEventListener("load", registerCurrentVersion);
})();
