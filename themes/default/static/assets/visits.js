/* "New since your last visit". The browser keeps, in localStorage only
   (no cookies, nothing sent), when the reader's sessions began; pages whose
   change date is on or after the day the previous session began are marked
   in lists, the sidebar, the menu and search results, with a count linking
   to What's new. Dates are days (as pages show them), so a page changed on
   the day of the last visit counts as new: it may have changed after it.
   Opening a marked page, or "Mark all as seen", unmarks. The dates come
   from whats-new/changes.js, a script, so this works from file:// too. */
(function () {
  "use strict";
  var html = document.documentElement, doc = document;
  var root = new URL(html.getAttribute("data-fg-root") || "./", location.href);
  // One guide's state: two guides on one origin (or both on file://) have
  // different roots.
  var KEY = "fieldguide-visits:" + root.pathname, SESSION_GAP = 30 * 60 * 1000;
  var now = Date.now(), state, session;
  try {
    state = JSON.parse(localStorage.getItem(KEY) || "null");
    session = sessionStorage.getItem(KEY);
  } catch (e) {
    return; // storage is off: nothing to remember, nothing to mark
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function day(t) { var d = new Date(t); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function save() { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full or off */ } }

  if (!state || typeof state.start !== "number") {
    state = { start: now }; // the first visit: nothing to compare with yet
  } else if (!session && !(now - state.last < SESSION_GAP)) {
    // A new session (a new tab soon after the last page counts as the same
    // one): what changed since the previous one began is new.
    state.since = day(state.start);
    state.start = now;
  }
  state.last = now;
  state.read = state.read || {};
  if (!session) try { sessionStorage.setItem(KEY, "1"); } catch (e) { /* off */ }
  save();
  if (!state.since) return;

  // A link's page, as changes.js names it ("faq/x/"), or null outside the site.
  function pageOf(href) {
    var u = new URL(href, location.href);
    if (u.protocol !== root.protocol || u.host !== root.host || u.pathname.indexOf(root.pathname) !== 0) return null;
    try { return decodeURIComponent(u.pathname.slice(root.pathname.length)).replace(/(^|\/)index\.html$/, "$1"); } catch (e) { return null; }
  }
  var here = pageOf(location.href), changed = Object.create(null), count = 0, newest = "";

  function isNew(page, date) {
    return date >= state.since && !(state.seen && date <= state.seen) && !(state.read[page] >= date);
  }

  var LISTS = ".fg-cards > li > a:first-child, .fg-sidebar li > a, .fg-menu li > a, .fg-members li > a, .fg-change-title > a, .fg-sr-title";
  function mark(scope) {
    var links = scope.querySelectorAll(LISTS);
    for (var i = 0; i < links.length; i++) {
      var a = links[i].closest("a"), page = a && pageOf(a.getAttribute("href") || ""), item = a && a.closest("li");
      if (page === null || !changed[page] || !item || item.classList.contains("fg-new")) continue;
      item.classList.add("fg-new");
      var note = doc.createElement("span");
      note.className = "fg-new-mark";
      note.textContent = "New";
      note.title = "Updated since your last visit";
      // Out of the text's flow (see living.css), or in a search result
      // before it is painted: nothing moves.
      (links[i].matches(".fg-sr-title") ? links[i] : item.matches(".fg-card, .fg-change") ? item : a).appendChild(note);
    }
  }
  function unmark() {
    var items = doc.querySelectorAll(".fg-new");
    for (var i = 0; i < items.length; i++) {
      items[i].classList.remove("fg-new");
      var m = items[i].querySelector(".fg-new-mark");
      if (m) m.remove();
    }
  }

  function banner() {
    var box = doc.createElement("div"), text = doc.createElement("p");
    box.className = "fg-visit";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Changes since your last visit");
    text.className = "fg-visit-text";
    var link = doc.createElement(html.getAttribute("data-fg-layout") === "whats-new" ? "strong" : "a");
    link.textContent = count + (count === 1 ? " page" : " pages") + " changed since your last visit";
    if (link.tagName === "A") {
      link.href = new URL("whats-new/" + (html.getAttribute("data-fg-offline") === "true" ? "index.html" : ""), root).href;
      link.className = "fg-visit-link";
    }
    text.appendChild(link);
    var seen = doc.createElement("button"), hide = doc.createElement("button");
    seen.type = hide.type = "button";
    seen.className = "fg-visit-seen";
    seen.textContent = "Mark all as seen";
    hide.className = "fg-visit-hide";
    hide.textContent = "×";
    hide.setAttribute("aria-label", "Hide for now");
    seen.addEventListener("click", function () {
      state.seen = newest;
      state.read = {};
      save();
      changed = Object.create(null);
      unmark();
      box.remove();
    });
    hide.addEventListener("click", function () {
      try { sessionStorage.setItem(KEY, "hidden"); } catch (e) { /* off */ }
      box.remove();
    });
    box.append(text, seen, hide);
    doc.body.appendChild(box);
  }

  window.fieldguideChanges = function (days) {
    for (var i = 0; i < days.length && days[i][0] >= state.since; i++) {
      var date = days[i][0], pages = days[i].slice(2), unlisted = days[i][1] - pages.length;
      if (state.seen && date <= state.seen) break;
      for (var j = 0; j < pages.length; j++) {
        if (pages[j] === here && isNew(here, date)) state.read[here] = date; // read now
        if (isNew(pages[j], date)) { changed[pages[j]] = date; count++; }
      }
      count += unlisted; // a large site lists only its newest pages
    }
    newest = days.length ? days[0][0] : "";
    // Forget pages read before the window of what is new.
    for (var p in state.read) if (state.read[p] < state.since) delete state.read[p];
    save();
    html.setAttribute("data-fg-changed", count); // done: for styles and tests
    if (!count) return;
    mark(doc);
    // Search results appear later; marked before they are painted.
    new MutationObserver(function (records) {
      records.forEach(function (r) { if (r.target.nodeType === 1) mark(r.target); });
    }).observe(doc.body, { childList: true, subtree: true });
    if (session !== "hidden") banner();
  };
  var script = doc.createElement("script");
  script.src = new URL("whats-new/changes.js", root).href;
  script.addEventListener("load", function () { script.remove(); });
  doc.head.appendChild(script);
})();
