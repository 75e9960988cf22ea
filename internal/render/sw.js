/* fieldguide's service worker, written when site.toml sets
   [build] offline_reading = true. Every page and file a reader opens is
   kept, so it stays readable when the connection drops. The network is
   asked first, so a published change shows at once when online; the kept
   copy answers only when the network fails. */
"use strict";
const CACHE = "fieldguide-pages";
const KEEP = 500; // responses kept; the oldest go first

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== location.origin) return;
  e.respondWith(
    fetch(req).then(
      (res) => {
        if (res.status === 200 && res.type === "basic") { // not partial (206) answers, which a cache cannot hold
          const copy = res.clone();
          e.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy).then(() => trim(c))));
        }
        return res;
      },
      // Offline: the kept copy, whatever its query (?highlight= from search),
      // or for a page never opened here, a page that says so.
      (err) =>
        caches.match(req, { ignoreSearch: true }).then((hit) => hit || (req.mode === "navigate" ? notKept() : Promise.reject(err)))
    )
  );
});

function notKept() {
  const home = self.registration.scope;
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline</title><h1>You are offline</h1>
<p>This page has not been opened on this device, so there is no copy of it here. Pages you opened before are still readable.</p>
<p><a href="${home}">Go to the start page</a></p></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function trim(c) {
  return c.keys().then((keys) => Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP)).map((k) => c.delete(k))));
}
