// fieldguide search, index: loads and decodes the index files (format:
// internal/search). Each file is a classic script that calls
// fieldguideSearch.load, so it loads over http:// and file:// alike.
(ns => {
  'use strict';
  const pending = {}, stop = new Set(), shards = {}, files = {}, postings = {}, chunks = {};
  let manifest, manifestP;
  // The folder of the index, and how one file is fetched: a <script>
  // element in the browser; node's tests replace both.
  ns.indexURL = () => new URL((document.documentElement.dataset.fgRoot || '') + 'search/idx/', location.href).href;
  ns.loadFile = src => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.addEventListener('load', () => { s.remove(); resolve(); });
    s.addEventListener('error', () => { s.remove(); reject(new Error('search: cannot load ' + src)); });
    document.head.append(s);
  });
  ns.load = (name, data) => { if (pending[name]) pending[name].resolve(data); };
  function load(name) {
    if (pending[name]) return pending[name].promise;
    const p = pending[name] = {};
    p.promise = new Promise((resolve, reject) => Object.assign(p, { resolve, reject }));
    ns.loadFile(ns.indexURL() + name + '.js' + (manifest ? '?v=' + manifest.v : '')).catch(e => { delete pending[name]; p.reject(e); });
    return p.promise;
  }
  const getManifest = () => manifestP || (manifestP = load('manifest').then(m => {
    manifest = m;
    m.stop.split(' ').forEach(w => stop.add(w));
    return m;
  }, e => { manifestP = null; throw e; }));
  function shardOf(key) {
    let lo = 0, hi = manifest.d.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (key < manifest.d[mid]) hi = mid - 1; else lo = mid; }
    return lo;
  }
  function varints(s) {
    const out = new Float64Array(s.length);
    let n = 0, v = 0, shift = 1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i), d = c === 45 ? 62 : c === 95 ? 63 : c < 58 ? c - 48 : c < 91 ? c - 55 : c - 61;
      if (d >= 32) { v += (d - 32) * shift; shift *= 32; continue; }
      out[n++] = v + d * shift;
      v = 0; shift = 1;
    }
    return out.subarray(0, n);
  }
  const getShard = i => shards[i] || (shards[i] = load('d/' + i).then(([words, refs, post]) => {
    const keys = words.split(' ');
    return { i, keys, map: new Map(keys.map((k, j) => [k, j])), refs: varints(refs), post };
  }));
  // A key, its postings' "source/slot" (see appendRef) and df.
  function entry(sh, j) {
    const [s, slot, d] = sh.refs.subarray(3 * j, 3 * j + 3);
    return { key: sh.keys[j], ref: (!s ? sh.i : s % 2 ? -1 - (s - 1) / 2 : s / 2 - 1) + '/' + slot, df: Math.floor(d / 2), word: !(d % 2) };
  }
  const source = ref => +ref.split('/')[0];
  function lookup(loaded, key) {
    for (const sh of loaded) { const j = sh.map.get(key); if (j !== undefined) return entry(sh, j); }
  }
  // Postings: (unit gap - 1) * 32 + impact - 1 each.
  function getPostings(ref) {
    if (postings[ref]) return postings[ref];
    const src = source(ref), slot = +ref.split('/')[1], f = -1 - src;
    const data = src >= 0 ? getShard(src).then(sh => sh.post) : files[f] || (files[f] = load('p/' + f));
    return (postings[ref] = data.then(slots => {
      const v = varints(slots[slot]), units = new Int32Array(v.length), imp = new Uint8Array(v.length);
      for (let i = 0, unit = -1; i < v.length; i++) {
        units[i] = unit += Math.floor(v[i] / 32) + 1;
        imp[i] = v[i] % 32 + 1;
      }
      return { units, imp };
    }));
  }
  const chunkOf = u => Math.floor(u / manifest.k);
  // The first n of units, and those of the next ahead that are in the same
  // chunk files: a page's sections are next to each other, so grouping them
  // costs no more downloads.
  function nearby(units, n, ahead) {
    const chunks = new Set(Array.from(units.slice(0, n), chunkOf));
    return Array.from(units.slice(0, n + ahead)).filter((u, i) => i < n || chunks.has(chunkOf(u)));
  }
  // A unit's row: nav is 1 for a section that only links elsewhere.
  function getUnit(u) {
    const c = Math.floor(u / manifest.k);
    return (chunks[c] || (chunks[c] = load('c/' + c))).then(rows => {
      const [url, anchor, page, heading, type, summary, text, nav, tags] = rows[u % manifest.k];
      return { id: u, url, anchor, page, heading, type, summary, text, nav: !!nav,
        tags: tags ? tags.split('\n').map(l => { const [url, name] = l.split('\t'); return { url, name }; }) : [] };
    });
  }
  // The reader's name of a type or filter value, as the build gives it.
  const label = v => (manifest && manifest.l && manifest.l[v]) || v;
  ns.index = { getManifest, manifest: () => manifest, stop, shardOf, getShard, entry, source, lookup, getPostings, getUnit, nearby, label };
  ns.getUnit = getUnit;
})(globalThis.fieldguideSearch ||= {});
