// fieldguide search, the search page: ?q=, the type and role filters, a
// shareable URL, and the results grouped by page, a window at a time.
(ns => {
  'use strict';
  const doc = document, $ = id => doc.getElementById(id), ix = ns.index, R = ns.results;
  const PAGE = 10, AHEAD = 40; // results read per "Show more", and how far on their pages' other sections are looked for

  function searchPage(list) {
    const input = $('fg-search-page-input'), type = $('fg-search-type'), role = $('fg-search-role'), summary = $('fg-search-summary'), more = $('fg-search-more');
    const params = new URLSearchParams(location.search);
    let seq = 0, res, shown = 0, taken, groups, subLists;
    input.value = params.get('q') || '';
    // A page's later sections join its item, wherever they rank.
    async function page() {
      const my = seq, first = !shown, rest = Array.from(res.units.subarray(shown)).filter(u => !taken.has(u));
      const next = ix.nearby(rest, PAGE, AHEAD);
      next.forEach(u => taken.add(u));
      while (shown < res.units.length && taken.has(res.units[shown])) shown++;
      let units = await Promise.all(next.map(ix.getUnit));
      if (my !== seq) return;
      if (first) units = ns.rank.arrange(units, res);
      const known = new Set(groups.keys()), added = R.group(units, groups);
      for (const g of groups.values()) {
        if (!known.has(g.url)) continue;
        for (const u of g.units.filter(u => !subLists.get(g.url).done.has(u))) addSub(g, u);
      }
      list.append(...added.map(g => {
        const li = doc.createElement('li'), ul = doc.createElement('ul');
        ul.className = 'fg-sr-sections';
        subLists.set(g.url, { ul, done: new Set([g.units[0]]) });
        li.append(R.fill(doc.createElement('a'), g.units[0], res, false));
        if (g.units[0].tags.length) li.append(R.tagList(g.units[0]));
        li.append(ul);
        g.units.slice(1).forEach(u => addSub(g, u));
        return li;
      }));
      more.hidden = shown >= res.units.length;
    }
    function addSub(g, u) {
      const s = subLists.get(g.url), li = doc.createElement('li');
      s.done.add(u);
      li.append(R.fill(doc.createElement('a'), u, res, true));
      s.ul.append(li);
    }
    async function run() {
      const q = input.value, f = { type: type.value, role: role.value }, my = ++seq, u = new URLSearchParams();
      for (const [k, v] of Object.entries({ q, ...f })) if (v) u.set(k, v);
      try { history.replaceState(null, '', '?' + u); } catch { /* file:// may refuse */ }
      if (!q.trim()) { list.replaceChildren(); summary.textContent = ''; more.hidden = true; return; }
      summary.textContent = 'Searching…';
      try {
        const r = await ns.search(q, f);
        if (my !== seq) return;
        res = r; shown = 0; taken = new Set(); groups = new Map(); subLists = new Map();
        list.replaceChildren();
        summary.textContent = r.total ? r.total + (r.total === 1 ? ' result' : ' results') + ' for “' + q + '”' + (r.total > ns.rank.MAX ? ' (the best ' + ns.rank.MAX + ' shown)' : '') : 'No results for “' + q + '”.';
        await page();
      } catch (e) { summary.textContent = 'Search is not available.'; console.warn(e); }
    }
    ix.getManifest().then(m => {
      for (const [select, key] of [[type, 'type'], [role, 'role']]) {
        for (const v of m.f[key] || []) select.append(new Option(ix.label(v), v));
        select.value = params.get(key) || '';
      }
      run();
    }).catch(() => { summary.textContent = 'Search is not available.'; });
    input.addEventListener('input', ns.debounce(run, 120));
    type.addEventListener('change', run);
    role.addEventListener('change', run);
    $('fg-search-page-form').addEventListener('submit', e => { e.preventDefault(); run(); });
    more.addEventListener('click', page);
  }
  ns.searchPage = searchPage;
})(globalThis.fieldguideSearch ||= {});
