// fieldguide serve: live reload and the build error overlay.
//
// Served by `fieldguide serve` only (never part of a built site) as a file,
// because pages allow scripts from 'self' only. It listens to the server's
// events: "reload" names the output files a rebuild changed, "errors" lists
// a failed build's problems, "ok" says the build is good again.
(function () {
  "use strict";
  var script = document.currentScript;
  var served = script ? script.getAttribute("data-fg-output") : null;
  var scrollKey = "fieldguide-serve:scroll:" + location.pathname;
  var server = null;

  restoreScroll();

  // sitePath is the output file a same-origin URL serves ("faq/x/index.html").
  function sitePath(url) {
    var u;
    try {
      u = new URL(url, location.href);
    } catch (e) {
      return null;
    }
    if (u.origin !== location.origin) return null;
    var p = u.pathname.replace(/^\/+/, "");
    try {
      p = decodeURIComponent(p);
    } catch (e) { /* keep it encoded */ }
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  function saveScroll() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY, at: Date.now() }));
    } catch (e) { /* storage full or disabled: reload anyway */ }
  }

  // restoreScroll puts the page back where the reader was before a reload,
  // once now (no visible jump) and again when images have laid out.
  function restoreScroll() {
    var raw = null;
    try {
      raw = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {
      return;
    }
    if (!raw) return;
    var pos;
    try {
      pos = JSON.parse(raw);
    } catch (e) {
      return;
    }
    if (!pos || Date.now() - pos.at > 60000) return;
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    var apply = function () { window.scrollTo(pos.x, pos.y); };
    apply();
    if (document.readyState === "complete") return;
    window.addEventListener("load", apply, { once: true });
  }

  function reload() {
    saveScroll();
    location.reload();
  }

  function onReload(msg) {
    if (msg.navigate && sitePath(msg.navigate) !== sitePath(location.href)) {
      location.assign(msg.navigate);
      return;
    }
    if (msg.all) {
      reload();
      return;
    }
    var changed = {};
    (msg.changed || []).concat(msg.removed || []).forEach(function (p) { changed[p] = true; });
    if (changed[sitePath(location.href)] || (served && changed[served])) {
      reload();
      return;
    }
    // Scripts and images the page uses need a reload; stylesheets are
    // swapped in place, so a CSS-only change keeps the page as it is.
    var sheets = [];
    var els = document.querySelectorAll("script[src], img[src], link[rel~='stylesheet'][href], link[rel~='icon'][href]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var p = sitePath(el.getAttribute("src") || el.getAttribute("href"));
      if (!p || !changed[p] || el === script) continue;
      if (el.tagName === "LINK" && /(^|\s)stylesheet(\s|$)/.test(el.rel)) {
        sheets.push(el);
      } else {
        reload();
        return;
      }
    }
    sheets.forEach(swapStylesheet);
  }

  function swapStylesheet(link) {
    var fresh = link.cloneNode(false);
    var u = new URL(link.href, location.href);
    u.searchParams.set("fg-reload", String(Date.now()));
    fresh.href = u.href;
    var done = function () {
      if (link.parentNode) link.parentNode.removeChild(link);
    };
    fresh.addEventListener("load", done, { once: true });
    fresh.addEventListener("error", done, { once: true });
    link.parentNode.insertBefore(fresh, link.nextSibling);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function ensureStyles() {
    if (document.getElementById("fieldguide-overlay-css")) return;
    var link = el("link");
    link.id = "fieldguide-overlay-css";
    link.rel = "stylesheet";
    link.href = "/__fieldguide/overlay.css";
    (document.head || document.documentElement).appendChild(link);
  }

  function where(p) {
    var s = p.path;
    if (p.line) {
      s += ":" + p.line;
      if (p.col) s += ":" + p.col;
    }
    return s;
  }

  // caretPad is the blank before a column, keeping the line's tabs so the
  // caret lines up.
  function caretPad(text, col) {
    var chars = Array.from(text), pad = "";
    for (var i = 0; i < col - 1; i++) pad += chars[i] === "\t" ? "\t" : " ";
    return pad;
  }

  function hideErrors() {
    var old = document.getElementById("fieldguide-overlay");
    if (old) old.parentNode.removeChild(old);
  }

  function showErrors(problems) {
    hideErrors();
    if (!problems || !problems.length) return;
    ensureStyles();
    var box = el("div", "fgs-overlay");
    box.id = "fieldguide-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "fgs-title");
    var panel = el("div", "fgs-panel");
    var n = problems.length;
    var title = el("h2", "fgs-title", "The build failed: " + n + (n === 1 ? " problem" : " problems"));
    title.id = "fgs-title";
    panel.appendChild(title);
    panel.appendChild(el("p", "fgs-note", "This preview shows the last good build. Fix the source and save: this message goes away by itself."));
    var list = el("ol", "fgs-list");
    problems.forEach(function (p) {
      var item = el("li", "fgs-item");
      item.appendChild(el("p", "fgs-loc", where(p)));
      item.appendChild(el("p", "fgs-msg", (p.severity === "warning" ? "warning: " : "") + p.message));
      if (p.hint) item.appendChild(el("p", "fgs-hint", p.hint));
      if (p.context && p.context.length) {
        var pre = el("pre", "fgs-src");
        var width = String(p.context[p.context.length - 1].n).length;
        p.context.forEach(function (l) {
          var line = el("span", l.n === p.line ? "fgs-line fgs-line-error" : "fgs-line");
          var num = String(l.n);
          while (num.length < width) num = " " + num;
          line.appendChild(el("span", "fgs-num", num));
          line.appendChild(document.createTextNode(" " + l.text + "\n"));
          pre.appendChild(line);
          if (l.n === p.line && p.col > 0) {
            var caret = el("span", "fgs-line fgs-caret");
            caret.appendChild(el("span", "fgs-num", new Array(width + 1).join(" ")));
            caret.appendChild(document.createTextNode(" " + caretPad(l.text, p.col) + "^\n"));
            pre.appendChild(caret);
          }
        });
        item.appendChild(pre);
      }
      list.appendChild(item);
    });
    panel.appendChild(list);
    var close = el("button", "fgs-close", "Hide");
    close.type = "button";
    close.addEventListener("click", hideErrors);
    panel.appendChild(close);
    box.appendChild(panel);
    (document.body || document.documentElement).appendChild(box);
  }

  function parse(ev) {
    try {
      return JSON.parse(ev.data);
    } catch (e) {
      return null;
    }
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__fieldguide/events");
  source.addEventListener("hello", function (ev) {
    var msg = parse(ev);
    if (!msg) return;
    if (server && server !== msg.server) {
      // Reconnected to a new server process: its build may differ.
      reload();
      return;
    }
    server = msg.server;
    if (msg.errors && msg.errors.length) showErrors(msg.errors);
    else hideErrors();
  });
  source.addEventListener("reload", function (ev) {
    var msg = parse(ev);
    if (msg) onReload(msg);
  });
  source.addEventListener("errors", function (ev) {
    var msg = parse(ev);
    if (msg) showErrors(msg.errors);
  });
  source.addEventListener("ok", hideErrors);
  // Tests and tools can see the connection state.
  source.addEventListener("open", function () { document.documentElement.setAttribute("data-fg-live", "connected"); });
  source.addEventListener("error", function () { document.documentElement.setAttribute("data-fg-live", "reconnecting"); });
})();
