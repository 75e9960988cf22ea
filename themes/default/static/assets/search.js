/* fieldguide search: loads the index built by internal/search on demand and
   drives the header combobox, the search page and ?highlight= on every page.
   Index files are classic scripts that call fieldguideSearch.load(name, data),
   so search works over http:// and from disk (file://) alike. */
(function () {
  'use strict';
  var doc = document, html = doc.documentElement;
  var root = html.dataset.fgRoot || '';
  var offline = html.dataset.fgOffline === 'true';
  var idxURL = new URL(root + 'search/idx/', location.href).href;
  var TYPES = { faq: 'FAQ', motion: 'Motion', scenario: 'Scenario', tree: 'Decision tree', role: 'Role', area: 'Solution area', glossary: 'Glossary', page: 'Page' };
  var BOX = 5, PAGE = 10; // results shown in the header box, and per page of the search page

  /* ---- text: twins of internal/search/tokenize.go ---- */
  var TOKEN = /[\p{L}\p{N}]+/gu;
  function lower(t) {
    if (/^[\x00-\x7f]*$/.test(t)) return t.toLowerCase();
    var out = '';
    for (var c of t) out += String.fromCodePoint(c.toLowerCase().codePointAt(0)); // per code point, as Go does
    return out;
  }
  function tokens(s) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(s))) {
      var t = lower(m[0]);
      if ([...t].length <= 40) out.push(t);
    }
    return out;
  }
  function ends(w, s) { return w.endsWith(s); }
  function undouble(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && 'aeiouylsz'.indexOf(w[n - 1]) < 0 ? w.slice(0, -1) : w;
  }
  function stem(w) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
    if (ends(w, 'sses')) w = w.slice(0, -2);
    else if (ends(w, 'ies')) w = w.length > 4 ? w.slice(0, -3) + 'y' : w.slice(0, -1);
    else if (!ends(w, 'ss') && !ends(w, 'us') && !ends(w, 'is') && ends(w, 's')) w = w.slice(0, -1);
    var verb = false, r;
    if (ends(w, 'ied') && w.length > 4) { w = w.slice(0, -3) + 'y'; verb = true; }
    else if (ends(w, 'ed')) { r = w.slice(0, -2); if (r.length >= 3 && /[aeiouy]/.test(r)) { w = undouble(r); verb = true; } }
    else if (ends(w, 'ing')) { r = w.slice(0, -3); if (r.length >= 3 && /[aeiouy]/.test(r)) { w = undouble(r); verb = true; } }
    if (ends(w, 'ization')) w = w.slice(0, -7) + 'ize';
    else if (ends(w, 'ation') && w.length >= 8) w = w.slice(0, -5) + 'ate';
    else if (ends(w, 'ment') && w.length >= 8) w = w.slice(0, -4);
    if (!verb && w.length >= 4 && ends(w, 'e')) w = w.slice(0, -1);
    return w;
  }
  // Go sorts by bytes (code points); JS compares UTF-16 units. They differ
  // only above U+FFFF, so compare by code point there.
  function before(a, b) {
    if (!/[\ud800-\udfff]/.test(a + b)) return a < b;
    var x = [...a], y = [...b];
    for (var i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0);
    return x.length < y.length;
  }
  // Optimal string alignment distance, or max+1 once it exceeds max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = [], prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var c = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  /* ---- loading ---- */
  var pending = {}, manifest, manifestP, stop = new Set(), shards = {}, files = {}, postings = {}, chunks = {};
  function load(name) {
    var p = pending[name];
    if (p) return p.promise;
    p = pending[name] = {};
    p.promise = new Promise(function (resolve, reject) { p.resolve = resolve; p.reject = reject; });
    var s = doc.createElement('script');
    s.src = idxURL + name + '.js' + (manifest ? '?v=' + manifest.v : '');
    s.addEventListener('load', function () { s.remove(); });
    s.addEventListener('error', function () { s.remove(); delete pending[name]; p.reject(new Error('search: cannot load ' + s.src)); });
    doc.head.appendChild(s);
    return p.promise;
  }
  function getManifest() {
    return manifestP || (manifestP = load('manifest').then(function (m) {
      manifest = m;
      m.stop.split(' ').forEach(function (w) { stop.add(w); });
      return m;
    }, function (e) { manifestP = null; throw e; }));
  }
  function shardOf(key) {
    var lo = 0, hi = manifest.d.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (before(key, manifest.d[mid])) hi = mid - 1; else lo = mid; }
    return lo;
  }
  function getShard(i) {
    return shards[i] || (shards[i] = load('d/' + i).then(function (data) {
      var keys = data[0].split(' '), map = new Map();
      keys.forEach(function (k, j) { map.set(k, j); });
      return (shards[i].done = { keys: keys, map: map, refs: data[1], post: data[2] });
    }));
  }
  // An entry is a word (or a stem, df < 0) and where its term's postings
  // are: "shard/slot" in a vocabulary shard, or "-1-file/slot" in a p/ file.
  function entry(sh, j) {
    var df = sh.refs[3 * j + 2];
    return { key: sh.keys[j], ref: sh.refs[3 * j] + '/' + sh.refs[3 * j + 1], df: Math.abs(df), word: df > 0 };
  }
  function source(ref) { return +ref.split('/')[0]; }
  function isLoaded(src) { return src < 0 ? !!files[-1 - src] : !!(shards[src] && shards[src].done); }
  function lookup(loaded, key) {
    for (var i = 0; i < loaded.length; i++) { var j = loaded[i].map.get(key); if (j !== undefined) return entry(loaded[i], j); }
  }
  function decode(s) {
    var units = [], imp = [], unit = -1, v = 0, shift = 1;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), d = c === 45 ? 62 : c === 95 ? 63 : c < 58 ? c - 48 : c < 91 ? c - 55 : c - 61;
      if (d >= 32) { v += (d - 32) * shift; shift *= 32; continue; }
      v += d * shift;
      unit += Math.floor(v / 32) + 1;
      units.push(unit); imp.push(v % 32 + 1);
      v = 0; shift = 1;
    }
    return { units: units, imp: imp };
  }
  // Decoded postings of a term: units and impacts (see encodePostings).
  function getPostings(ref) {
    if (postings[ref]) return postings[ref];
    var src = source(ref), slot = +ref.split('/')[1];
    var data = src >= 0 ? getShard(src).then(function (sh) { return sh.post; })
      : (files[-1 - src] || (files[-1 - src] = load('p/' + (-1 - src)).then(function (d) { files[-1 - src].done = true; return d; })));
    return (postings[ref] = data.then(function (slots) { return decode(slots[slot]); }));
  }
  function getUnit(u) {
    var c = Math.floor(u / manifest.k);
    return (chunks[c] || (chunks[c] = load('c/' + c))).then(function (rows) {
      var r = rows[u % manifest.k];
      return { url: r[0], anchor: r[1], page: r[2], heading: r[3], type: r[4], summary: r[5], text: r[6] };
    });
  }

  /* ---- the query ---- */
  // parse splits a query into words without stop words; the last word is a
  // prefix while the user is still typing it.
  function parse(q) {
    var all = tokens(q), words = all.filter(function (w) { return !stop.has(w); });
    if (!words.length) words = all;
    return { words: words, prefix: words.length > 0 && words[words.length - 1] === all[all.length - 1] && /[\p{L}\p{N}]$/u.test(q) };
  }

  // Alternatives of a word: exact and variant (weight 1), completions of a
  // prefix, and typo fixes ranked below them, each at most once per term.
  function expand(word, isPrefix, loaded) {
    var alts = new Map();
    function add(e, w) { var a = alts.get(e.ref); if (!a || a.w < w) alts.set(e.ref, { ref: e.ref, w: w, df: e.df, key: e.key }); }
    var exact = lookup(loaded, word), variant = lookup(loaded, stem(word));
    if (exact) add(exact, 1);
    if (variant) add(variant, 1);
    var maxD = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0, extra = [];
    loaded.forEach(function (sh) {
      sh.keys.forEach(function (k, j) {
        if (k === word || k[0] === '=') return;
        var w = 0;
        if (isPrefix && word.length >= 2 && k.startsWith(word)) w = 0.7;
        else if (maxD && k[0] === word[0]) {
          var d = distance(word, k, maxD);
          if (d <= maxD) w = d <= 1 ? 0.45 : 0.3;
          else if (isPrefix && k.length > word.length && distance(word, k.slice(0, word.length), maxD) <= maxD) w = 0.3;
        }
        if (w) { var e = entry(sh, j); if (e.word) extra.push([e, w]); }
      });
    });
    // The likeliest few, from at most one more file than the word needs.
    extra.sort(function (a, b) { return b[1] - a[1] || b[0].df - a[0].df; });
    var more = new Set(Array.from(alts.keys(), source).filter(function (f) { return !isLoaded(f); }));
    extra.forEach(function (x) {
      var f = source(x[0].ref);
      if (alts.size < 6 && (isLoaded(f) || more.has(f) || more.size < 1)) { if (!isLoaded(f)) more.add(f); add(x[0], x[1]); }
    });
    return Array.from(alts.values());
  }

  var TITLE = 0.6; // bonus of a title match over a saturated body match

  // search ranks units for q: per word the best alternative's BM25F impact,
  // summed, scaled by the share of words found, with a bonus when all the
  // words are in the title. filters maps a facet ("type", "role") to a value.
  function search(q, filters) {
    return getManifest().then(function () {
      var p = parse(q), f = Object.keys(filters || {}).filter(function (k) { return filters[k]; });
      if (!p.words.length) return { units: [], marks: [], prefix: '' };
      var plan = p.words.map(function (w, i) {
        var last = p.prefix && i === p.words.length - 1, ids = [shardOf(w), shardOf(stem(w))];
        if (last) ids.push(Math.min(shardOf(w + '\uffff'), ids[0] + 1));
        return { word: w, prefix: last, ids: Array.from(new Set(ids)) };
      });
      var keys = f.map(function (k) { return filterKey(k, filters[k]); });
      var ids = new Set(keys.map(shardOf));
      plan.forEach(function (x) { x.ids.forEach(function (i) { ids.add(i); }); });
      return Promise.all(Array.from(ids, getShard)).then(function () {
        return Promise.all(plan.map(function (x) {
          return Promise.all(x.ids.map(getShard)).then(function (sh) { return expand(x.word, x.prefix, sh); });
        }));
      }).then(function (words) {
        return Promise.all(keys.map(function (k) { return getShard(shardOf(k)); })).then(function (sh) {
          var refs = [], post = {};
          words.forEach(function (alts) { alts.forEach(function (a) { refs.push(a.ref); }); });
          var filterRefs = keys.map(function (k, i) { var e = lookup([sh[i]], k); if (e) refs.push(e.ref); return e && e.ref; });
          return Promise.all(refs.map(getPostings)).then(function (vals) {
            refs.forEach(function (r, i) { post[r] = vals[i]; });
            return rank(p, words, filterRefs, post);
          });
        });
      });
    });
  }
  function filterKey(k, v) { return '=' + k + ':' + tokens(v).join('_'); }

  function rank(p, words, filterRefs, post) {
    var n = manifest.n, total = new Float64Array(n), found = new Uint8Array(n), inTitle = new Uint8Array(n);
    var best = new Float64Array(n), bestTitle = new Uint8Array(n), touched = [], marks = [], counted = 0;
    words.forEach(function (alts) {
      if (!alts.length) return; // a word found nowhere does not count against the others
      counted++;
      var seen = [];
      alts.forEach(function (a) {
        marks.push(a.key);
        var ps = post[a.ref], idf = Math.log(1 + (n - a.df + 0.5) / (a.df + 0.5));
        for (var i = 0; i < ps.units.length; i++) {
          var u = ps.units[i], t = ps.imp[i] > 16 ? 1 : 0, s = a.w * idf * ((ps.imp[i] - 16 * t) / 15 + TITLE * t);
          if (!best[u]) seen.push(u);
          if (s > best[u]) { best[u] = s; bestTitle[u] = t; }
        }
      });
      seen.forEach(function (u) {
        if (!found[u]) touched.push(u);
        total[u] += best[u]; found[u]++; inTitle[u] += bestTitle[u];
        best[u] = 0; bestTitle[u] = 0;
      });
    });
    filterRefs.forEach(function (ref) {
      var keep = new Uint8Array(n);
      if (ref) post[ref].units.forEach(function (u) { keep[u] = 1; });
      touched = touched.filter(function (u) { return keep[u]; });
    });
    var score = new Float64Array(n);
    touched.forEach(function (u) {
      var share = found[u] / counted;
      score[u] = total[u] * share * share * (inTitle[u] === counted ? 1.5 : 1);
    });
    touched.sort(function (a, b) { return score[b] - score[a] || a - b; });
    return { units: touched, marks: p.words.concat(marks), prefix: p.prefix ? p.words[p.words.length - 1] : '' };
  }

  /* ---- showing results ---- */
  function matcher(res) {
    var stems = new Set(res.marks.map(stem));
    return function (tok) {
      var t = lower(tok);
      return stems.has(stem(t)) || (res.prefix.length >= 2 && t.startsWith(res.prefix));
    };
  }
  // Appends text to el with the matching words in <mark>.
  function marked(el, text, hit) {
    var at = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      if (!hit(m[0])) continue;
      el.append(text.slice(at, m.index));
      var mk = doc.createElement('mark');
      mk.textContent = m[0];
      el.append(mk);
      at = m.index + m[0].length;
    }
    el.append(text.slice(at));
    return el;
  }
  // A window of the text around the most query words, else the summary.
  function snippet(u, hit) {
    var text = u.text || '', m, hits = [];
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) if (hit(m[0])) hits.push([m.index, lower(m[0])]);
    if (!hits.length) return u.summary || text.slice(0, 160);
    var bestAt = 0, bestN = 0;
    hits.forEach(function (h, i) {
      var n = new Set(hits.filter(function (g, j) { return j >= i && g[0] < h[0] + 140; }).map(function (g) { return g[1]; })).size;
      if (n > bestN) { bestN = n; bestAt = h[0]; }
    });
    var start = Math.max(0, text.lastIndexOf(' ', bestAt - 40) + 1), end = text.indexOf(' ', start + 180);
    if (bestAt < 40) start = 0;
    return (start > 0 ? '… ' : '') + text.slice(start, end < 0 ? undefined : end) + (end < 0 ? '' : ' …');
  }
  function hrefOf(u) {
    var h = root + u.url + (offline ? 'index.html' : '');
    return (h || './') + (u.anchor ? '#' + u.anchor : '');
  }
  // The link for the reader to follow: the hit's URL with ?highlight=.
  function withHighlight(href, res) {
    var i = href.indexOf('#'), words = Array.from(new Set(res.marks)).slice(0, 12).join(' ');
    if (i < 0) i = href.length;
    return href.slice(0, i) + '?highlight=' + encodeURIComponent(words) + href.slice(i);
  }
  function span(cls, text, hit) {
    var s = doc.createElement('span');
    s.className = cls;
    return hit ? marked(s, text, hit) : (s.textContent = text, s);
  }
  function fill(a, u, res) {
    var hit = matcher(res);
    a.href = hrefOf(u);
    a.append(span('fg-sr-title', u.page, hit));
    a.append(span('fg-sr-type', TYPES[u.type] || u.type));
    if (u.heading) a.append(span('fg-sr-heading', u.heading, hit));
    a.append(span('fg-sr-snippet', snippet(u, hit), hit));
    a.addEventListener('click', function (e) {
      if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      location.href = withHighlight(a.getAttribute('href'), res);
    });
    return a;
  }
  function debounce(fn, ms) {
    var t;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  /* ---- the header combobox (WAI-ARIA combobox with a listbox popup) ---- */
  function combobox(input) {
    var form = input.form, popup = doc.getElementById('fg-search-popup'), list = doc.getElementById('fg-search-listbox');
    var status = doc.getElementById('fg-search-status'), all = doc.getElementById('fg-search-all');
    var active = -1, seq = 0, current;
    function options() { return list.querySelectorAll('[role=option]'); }
    function open(on) {
      popup.hidden = !on;
      input.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (!on) activate(-1);
    }
    function activate(i) {
      var opts = options();
      if (active >= 0 && opts[active]) opts[active].setAttribute('aria-selected', 'false');
      active = i;
      if (i >= 0 && opts[i]) {
        opts[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', opts[i].id);
        opts[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function allURL() { return all.getAttribute('href').split('?')[0] + '?q=' + encodeURIComponent(input.value); }
    var run = debounce(function () {
      var q = input.value, my = ++seq;
      if (!q.trim()) { open(false); status.textContent = ''; return; }
      search(q).then(function (res) {
        return Promise.all(res.units.slice(0, BOX).map(getUnit)).then(function (units) {
          if (my !== seq) return;
          current = res;
          list.replaceChildren();
          units.forEach(function (u, i) {
            var li = doc.createElement('li'), a = doc.createElement('a');
            li.setAttribute('role', 'none');
            a.id = 'fg-search-opt-' + i;
            a.setAttribute('role', 'option');
            a.setAttribute('aria-selected', 'false');
            a.tabIndex = -1;
            li.append(fill(a, u, res));
            list.append(li);
          });
          list.hidden = !units.length;
          all.href = allURL();
          all.textContent = units.length ? 'See all ' + res.units.length + ' results' : 'No results for “' + q + '”: search the full site';
          active = -1;
          open(true);
          status.textContent = units.length ? res.units.length + ' results, ' + units.length + ' shown. Use the arrow keys to choose one.' : 'No results';
        });
      }).catch(function (e) {
        if (my === seq) { status.textContent = 'Search is not available.'; console.warn(e); }
      });
    }, 80);
    input.addEventListener('focus', function () { getManifest().catch(function () {}); });
    input.addEventListener('input', run);
    input.addEventListener('keydown', function (e) {
      var n = options().length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (popup.hidden) { if (input.value.trim()) run(); return; }
        if (n) activate(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n : active) - 1);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (active >= 0 && current) location.href = withHighlight(options()[active].getAttribute('href'), current);
        else if (input.value.trim()) location.href = allURL();
      } else if (e.key === 'Escape') {
        if (!popup.hidden) { e.preventDefault(); open(false); } else input.value = '';
      }
    });
    // Keep the focus in the box when the pointer picks a result.
    popup.addEventListener('mousedown', function (e) { if (e.target.closest('[role=option]')) e.preventDefault(); });
    form.addEventListener('focusout', function (e) { if (!form.contains(e.relatedTarget)) open(false); });
    form.addEventListener('submit', function (e) { e.preventDefault(); if (input.value.trim()) location.href = allURL(); });
    doc.addEventListener('keydown', function (e) {
      var t = e.target, typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
      if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey) { e.preventDefault(); input.focus(); input.select(); }
      else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); input.focus(); }
    });
  }

  /* ---- the search page: ?q=, type and role filters, a shareable URL ---- */
  function searchPage(list) {
    var form = list.ownerDocument.getElementById('fg-search-page-form'), input = doc.getElementById('fg-search-page-input');
    var type = doc.getElementById('fg-search-type'), role = doc.getElementById('fg-search-role');
    var summary = doc.getElementById('fg-search-summary'), more = doc.getElementById('fg-search-more');
    var params = new URLSearchParams(location.search), seq = 0, res, shown = 0;
    input.value = params.get('q') || '';
    function page() {
      var my = seq;
      var next = res.units.slice(shown, shown + PAGE);
      shown += next.length;
      return Promise.all(next.map(getUnit)).then(function (units) {
        if (my !== seq) return;
        units.forEach(function (u) {
          var li = doc.createElement('li'), a = doc.createElement('a');
          fill(a, u, res);
          // The first link of an item is the hit: title, then heading.
          a.className = 'fg-sr-link';
          li.append(a);
          list.append(li);
        });
        more.hidden = shown >= res.units.length;
      });
    }
    function run() {
      var q = input.value, f = { type: type.value, role: role.value }, my = ++seq;
      var u = new URLSearchParams();
      if (q) u.set('q', q);
      if (f.type) u.set('type', f.type);
      if (f.role) u.set('role', f.role);
      try { history.replaceState(null, '', '?' + u); } catch (e) { /* file:// may refuse */ }
      if (!q.trim()) { list.replaceChildren(); summary.textContent = ''; more.hidden = true; return; }
      summary.textContent = 'Searching…';
      search(q, f).then(function (r) {
        if (my !== seq) return;
        res = r; shown = 0;
        list.replaceChildren();
        summary.textContent = r.units.length ? r.units.length + (r.units.length === 1 ? ' result' : ' results') + ' for “' + q + '”' : 'No results for “' + q + '”.';
        return page();
      }).catch(function (e) { summary.textContent = 'Search is not available.'; console.warn(e); });
    }
    getManifest().then(function (m) {
      [[type, 'type', function (v) { return TYPES[v] || v; }], [role, 'role', String]].forEach(function (x) {
        (m.f[x[1]] || []).forEach(function (v) {
          var o = doc.createElement('option');
          o.value = v; o.textContent = x[2](v);
          x[0].append(o);
        });
        x[0].value = params.get(x[1]) || '';
      });
      run();
    }).catch(function () { summary.textContent = 'Search is not available.'; });
    input.addEventListener('input', debounce(run, 120));
    type.addEventListener('change', run);
    role.addEventListener('change', run);
    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
    more.addEventListener('click', function () { page(); });
  }

  /* ---- ?highlight= on the page a result leads to ---- */
  function highlight(words) {
    var main = doc.getElementById('main');
    if (!main || !words.length) return;
    var res = { marks: words, prefix: '' }, hit = matcher(res), found = [];
    var walk = doc.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest('script,style,textarea,mark,.fg-search') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [];
    while (walk.nextNode()) nodes.push(walk.currentNode);
    nodes.forEach(function (n) {
      var text = n.data, m, parts = [], at = 0;
      TOKEN.lastIndex = 0;
      while ((m = TOKEN.exec(text))) {
        if (!hit(m[0])) continue;
        parts.push(text.slice(at, m.index));
        var mk = doc.createElement('mark');
        mk.className = 'fg-hit';
        mk.textContent = m[0];
        parts.push(mk);
        found.push(mk);
        at = m.index + m[0].length;
      }
      if (parts.length) { parts.push(text.slice(at)); n.replaceWith.apply(n, parts); }
    });
    var target = location.hash && doc.getElementById(decodeURIComponent(location.hash.slice(1)));
    var first = found.find(function (mk) { return !target || target.compareDocumentPosition(mk) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY); }) || found[0];
    if (first) first.scrollIntoView({ block: target ? 'nearest' : 'center' });
  }

  window.fieldguideSearch = {
    load: function (name, data) { var p = pending[name]; if (p) p.resolve(data); },
    search: search, getUnit: getUnit, parse: parse, tokens: tokens, stem: stem
  };
  function start() {
    var input = doc.getElementById('fg-search-input'), list = doc.getElementById('search-results');
    if (input) combobox(input);
    if (list) searchPage(list);
    var h = new URLSearchParams(location.search).get('highlight');
    if (h) highlight(tokens(h));
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
