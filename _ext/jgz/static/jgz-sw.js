/* Service worker of the site (the build copies this file to sw.js at the site root).

   After one visit every file of the site that a reader needs is on the device, so every page,
   tree and form works without a network.  The version comes from the worker's own URL
   (sw.js?v=<versie>), the files from offline-bestanden.json, which the build writes with the same
   version.  A new version is a new worker URL and a new cache; the previous cache goes once the
   new one is complete.

   Pages and every other file without a version in its address come from the network first, so a
   reader online always reads the text the server has now; only when the network fails, gives a
   server error or takes longer than NETWORK_TIMEOUT does the copy on the device answer.  Scripts
   and stylesheets with Sphinx's ?v=<checksum> come from the device first: that address always
   has the same contents.  Only the site's own files are cached, only GET requests are answered,
   nothing is sent. */
"use strict";

const VERSION = new URL(self.location.href).searchParams.get("v") || "";
const SCOPE = self.registration.scope; // the site root, also under a sub-path
const FILE_LIST = new URL("offline-bestanden.json", SCOPE).href;
const NOT_FOUND_PAGE = new URL("404.html", SCOPE).href;
// Other sites on the same host (another sub-path) keep their own caches.
const CACHE_PREFIX = "jgz-offline " + SCOPE + " ";
const CACHE = CACHE_PREFIX + VERSION;
// A slow network loses to the copy on the device after this long (milliseconds).
const NETWORK_TIMEOUT = 3000;

async function precache() {
  const response = await fetch(FILE_LIST, { cache: "no-cache" });
  if (!response.ok) throw new Error("offline-bestanden.json ontbreekt (" + response.status + ")");
  const list = await response.json();
  // The server has moved on to another version: fail, so that no mix of versions is cached.
  // The page registers the worker of the new version.
  if (!VERSION || list.versie !== VERSION) throw new Error("offline-bestanden.json is van een andere versie");
  const cache = await caches.open(CACHE);
  try {
    await cache.addAll(list.bestanden.map((path) => new Request(new URL(path, SCOPE), { cache: "no-cache" })));
  } catch (error) {
    // One file failed (a server error, the connection): this version stays off the device.  The
    // older copy now holds this list, so that its pages can say, also offline, that a newer
    // version exists but could not be loaded (jgz-offline.js).
    await caches.delete(CACHE);
    await announceToOlderCopies(list);
    throw error;
  }
}

async function announceToOlderCopies(list) {
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== CACHE) {
      const body = JSON.stringify(list);
      await (await caches.open(name)).put(FILE_LIST, new Response(body, { headers: { "Content-Type": "application/json" } }));
    }
  }
}

self.addEventListener("install", (event) => {
  // A new version takes over as soon as it is complete; the page tells the reader.
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// A copy of a cached response, for what a navigation cannot use as it is: a response that was
// redirected (some servers redirect x.html to x), or the 404 page with its own status.
function copy(response, status, statusText) {
  return new Response(response.body, { status, statusText, headers: response.headers });
}

function usable(cached) {
  return cached.redirected ? copy(cached, cached.status, cached.statusText) : cached;
}

// A script or stylesheet at its version: the cached copy of exactly this address.
async function cacheFirst(request) {
  const cached = await (await caches.open(CACHE)).match(request.url);
  return cached ? usable(cached) : fetch(request);
}

// The copy on the device of a page or other file: whatever its query (?q= of the search page,
// or the ?v= under which a script is cached) and with index.html for a folder.
async function copyOnDevice(request) {
  const key = new URL(request.url);
  key.hash = "";
  if (key.pathname.endsWith("/")) key.pathname += "index.html";
  const cached = await (await caches.open(CACHE)).match(key.href, { ignoreSearch: true });
  return cached && usable(cached);
}

function within(promise, milliseconds) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("het netwerk is te traag")), milliseconds);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function networkFirst(request) {
  const network = fetch(request);
  network.catch(() => {}); // handled below; not an uncaught error when the copy answers first
  let response;
  try {
    response = await within(network, NETWORK_TIMEOUT);
  } catch (slowOrOffline) {
    const cached = await copyOnDevice(request);
    if (cached) return cached;
    try {
      return await network; // nothing on the device: a slow answer is better than none
    } catch (offline) {
      // Offline, at an address the site does not have (or left out): the site's own 404 page.
      const notFound = request.mode === "navigate" && (await (await caches.open(CACHE)).match(NOT_FOUND_PAGE));
      if (notFound) return copy(notFound, 404, "Not Found");
      throw offline;
    }
  }
  if (response.status >= 500) return (await copyOnDevice(request)) || response;
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const versioned = new URL(request.url).searchParams.has("v");
  event.respondWith(versioned ? cacheFirst(request) : networkFirst(request));
});
