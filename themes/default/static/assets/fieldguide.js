/* fieldguide theme script. Loaded blocking in <head> so that the reader's
   stored light/dark choice applies before the first paint; the rest waits
   for the document. No inline scripts: the page's CSP forbids them. */
(function () {
  "use strict";
  var KEY = "fieldguide-theme", root = document.documentElement;
  var dark = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : { matches: false };

  function stored() {
    try { var v = localStorage.getItem(KEY); return v === "dark" || v === "light" ? v : ""; } catch (e) { return ""; }
  }
  function apply(theme) {
    if (theme) root.setAttribute("data-theme", theme); else root.removeAttribute("data-theme");
  }
  apply(stored());
  root.classList.add("fg-js"); // for space kept for what scripts will draw

  // Read from disk, a build made without --offline would open folder
  // links ("faq/") as listings: point them at index.html, as search will.
  var fromDisk = location.protocol === "file:" && root.getAttribute("data-fg-offline") === "false";
  if (fromDisk) root.setAttribute("data-fg-offline", "true");
  function toIndex(a) {
    var href = a.getAttribute("href");
    if (!href || href.charAt(0) === "#" || a.protocol !== "file:" || !/\/$/.test(a.pathname)) return;
    a.pathname += "index.html";
  }

  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : dark.matches;
  }

  // Tables, code and diagrams scroll inside themselves; one that does
  // overflow must be reachable by keyboard to be scrolled.
  function markScrollable() {
    var els = document.querySelectorAll(".fg-main pre, .fg-main table, .fg-diagram, .fg-tree-chart");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.closest(".fg-matrix-wrap")) continue;
      var over = el.scrollWidth > el.clientWidth + 1;
      if (over && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-fg-scroll", "");
      } else if (!over && el.hasAttribute("data-fg-scroll")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-fg-scroll");
      }
    }
  }

  // A diagram shrinks to fit, but not below 70% of its drawn size: past
  // that its labels are unreadable, so it scrolls inside its figure instead.
  function sizeDiagrams() {
    var svgs = document.querySelectorAll(".fg-diagram svg.fg-flowchart, .fg-tree-chart svg.fg-flowchart");
    for (var i = 0; i < svgs.length; i++) {
      var w = svgs[i].viewBox && svgs[i].viewBox.baseVal && svgs[i].viewBox.baseVal.width;
      if (w) svgs[i].style.minWidth = Math.round(w * 0.7) + "px";
    }
  }

  // With [build] offline_reading, pages the reader opens stay readable
  // offline (sw.js). Not from disk, where browsers allow no service worker,
  // and not in the serve preview, which must always show the latest build.
  function keepOffline() {
    var sw = root.getAttribute("data-fg-sw");
    if (!sw || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    if (document.querySelector('meta[name="fieldguide-preview"]')) return;
    navigator.serviceWorker.register(sw).catch(function () { /* the page works without it */ });
  }

  // On a phone the Menu link jumps to the sections at the page's end; here
  // it opens them as a drawer, which Escape or a second press closes.
  function menu() {
    var link = document.getElementById("fg-menu-button"), nav = document.getElementById("fg-menu");
    if (!link || !nav) return;
    link.setAttribute("role", "button");
    link.setAttribute("aria-controls", "fg-menu");
    link.setAttribute("aria-expanded", "false");
    root.classList.add("fg-has-drawer");
    function set(open) {
      link.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("fg-menu-open", open);
      if (open) {
        var first = nav.querySelector("a");
        if (first) first.focus();
      }
    }
    link.addEventListener("click", function (e) {
      e.preventDefault();
      set(link.getAttribute("aria-expanded") !== "true");
    });
    link.addEventListener("keydown", function (e) {
      if (e.key === " ") { e.preventDefault(); link.click(); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && link.getAttribute("aria-expanded") === "true") {
        set(false);
        link.focus();
      }
    });
  }

  // The on-this-page list marks the section being read: the first one whose
  // heading is in the upper half of the window, else the last one passed.
  function rail() {
    var nav = document.querySelector(".fg-article > .fg-questions, .fg-article > .fg-toc");
    if (!nav || !("IntersectionObserver" in window)) return;
    var links = nav.querySelectorAll('a[href^="#"]'), targets = [], linkOf = {}, seen = {};
    for (var i = 0; i < links.length; i++) {
      var id = decodeURIComponent(links[i].getAttribute("href").slice(1)), el = document.getElementById(id);
      if (el) { targets.push(el); linkOf[id] = links[i]; }
    }
    var io = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) seen[entries[i].target.id] = entries[i].isIntersecting;
      for (var j = 0; j < targets.length; j++) {
        if (!seen[targets[j].id]) continue;
        for (var k = 0; k < links.length; k++) links[k].removeAttribute("aria-current");
        linkOf[targets[j].id].setAttribute("aria-current", "true");
        return;
      }
    }, { rootMargin: "-90px 0px -50% 0px" });
    for (var t = 0; t < targets.length; t++) io.observe(targets[t]);
  }

  function ready() {
    // The toggles (header, phone menu) name what they do; the title says
    // what shows and whether it follows the system.
    var btns = document.querySelectorAll(".fg-theme-toggle");
    function sync() {
      var d = isDark(), next = d ? "light" : "dark";
      for (var i = 0; i < btns.length; i++) {
        btns[i].querySelector(".fg-theme-label").textContent = d ? "Light theme" : "Dark theme";
        btns[i].setAttribute("data-fg-next", next);
        btns[i].title = "Switch to the " + next + " theme (now " + (d ? "dark" : "light") + (stored() ? ", as you chose)" : ", as your system is set)");
        btns[i].hidden = false;
      }
    }
    function toggle() {
      var next = isDark() ? "light" : "dark";
      apply(next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
      sync();
    }
    sync();
    for (var b = 0; b < btns.length; b++) btns[b].addEventListener("click", toggle);
    if (dark.addEventListener) dark.addEventListener("change", sync);
    window.addEventListener("storage", function (e) {
      if (e.key === KEY) { apply(stored()); sync(); }
    });

    // Printed pages say where they came from, also without a base URL.
    var urls = document.querySelectorAll(".fg-print-url");
    for (var i = 0; i < urls.length; i++) {
      if (!urls[i].textContent.trim()) urls[i].textContent = location.href.replace(/#.*$/, "");
    }

    if (fromDisk) {
      var links = document.querySelectorAll("a[href]");
      for (var j = 0; j < links.length; j++) toIndex(links[j]);
      // Links drawn later (search results, a tree's steps) are fixed as they are followed.
      document.addEventListener("click", function (e) {
        var a = e.target.closest && e.target.closest("a[href]");
        if (a) toIndex(a);
      }, true);
    }
    // Wider than a phone the CSS shows the questions open; say so.
    var qs = document.querySelector(".fg-questions-box");
    if (qs && matchMedia("(min-width: 40.01rem)").matches) qs.open = true;
    // The header's height, for what must clear it (sections may wrap).
    var head = document.querySelector(".fg-header");
    if (head && window.ResizeObserver) new ResizeObserver(function () {
      root.style.setProperty("--fg-header-h", head.offsetHeight + "px");
    }).observe(head);
    menu();
    rail();

    keepOffline();
    sizeDiagrams();
    markScrollable();
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(markScrollable, 150);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
