/* Offline use and printing (docs/offline-en-afdrukken.md).

   Over http(s) this links the web-app manifest and registers the service worker (sw.js at the site root) at the version that the
   server has now, so that the whole site stays on the device and a new version replaces it on a
   later visit.  A polite notice (role="status") says when the site works offline or when a new
   version has been loaded; it never takes focus and covers no more than a strip at the bottom.
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
  const UPDATED = "Er is een nieuwe versie van de richtlijn geladen. U ziet die op de volgende pagina die u opent.";

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

  // A worker took over this page: the first one (the site now works offline) or a new version.
  workers.addEventListener("controllerchange", () => {
    const isUpdate = hadWorker;
    hadWorker = true;
    loadStylesheet().then(() => {
      if (!isUpdate) {
        say(READY);
        return;
      }
      notice.classList.add("jgz-offline-melding--nieuw");
      say(UPDATED, button("Pagina vernieuwen", "", () => location.reload()), button("Sluiten", "Melding sluiten", close));
    });
  });

  // Which version the server has: registering its worker installs it, or changes nothing when it
  // is the worker that is already there.  Offline, the worker that is there keeps serving.  A site
  // without the list no longer wants to work offline: remove its worker and cache.
  function registerCurrentVersion() {
    if (!navigator.onLine) return;
    fetch(new URL("offline-bestanden.json", root), { cache: "no-cache" })
      .then((response) => {
        if (response.status === 404) return removeOfflineCopy();
        if (!response.ok) return undefined;
        return response.json().then((list) =>
          workers.register(new URL("sw.js?v=" + encodeURIComponent(list.versie), root), { scope: root.href }),
        );
      })
      .catch(() => {
        // A bad connection: try again on the next visit.
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
