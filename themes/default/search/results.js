// fieldguide search, results: grouping by page, snippets, result links and
// the marks of query words, in results and on the page a result opens.
(ns => {
  'use strict';
  const { TOKEN, lower, stem } = ns, ix = ns.index, doc = globalThis.document;

  // Results of one page together, in the order of each page's best
  // result: the page once, its matching sections beneath, content before
  // sections that only link elsewhere ("Related scenarios").
  function group(units, groups = new Map()) {
    const added = [];
    for (const u of units) {
      let g = groups.get(u.url);
      if (!g) { groups.set(u.url, g = { url: u.url, page: u.page, type: u.type, units: [] }); added.push(g); }
      g.units.push(u);
    }
    for (const g of groups.values()) g.units = [...g.units.filter(u => !u.nav), ...g.units.filter(u => u.nav)];
    // A page found only by a section that links elsewhere points to the
    // answer; it is not the answer: it follows the other new pages.
    const navOnly = g => g.units.every(u => u.nav);
    added.sort((a, b) => navOnly(a) - navOnly(b));
    return added;
  }

  function matcher(res) {
    const stems = new Set(res.marks.map(stem));
    return tok => { const t = lower(tok); return stems.has(stem(t)) || (res.prefix.length >= 2 && t.startsWith(res.prefix)); };
  }
  function markUp(text, hit, cls) {
    const out = [];
    let at = 0;
    for (const m of text.matchAll(TOKEN)) {
      if (!hit(m[0])) continue;
      const mk = doc.createElement('mark');
      mk.className = cls;
      mk.textContent = m[0];
      out.push(text.slice(at, m.index), mk);
      at = m.index + m[0].length;
    }
    out.push(text.slice(at));
    return out;
  }
  // The window with most query words, else the summary.
  function snippet(u, hit) {
    const text = u.text || '', hits = [];
    for (const m of text.matchAll(TOKEN)) if (hit(m[0])) hits.push([m.index, lower(m[0])]);
    if (!hits.length) return u.summary || text.slice(0, 160);
    let bestAt = 0, bestN = 0;
    hits.forEach(([at], i) => {
      const n = new Set(hits.slice(i).filter(g => g[0] < at + 140).map(g => g[1])).size;
      if (n > bestN) { bestN = n; bestAt = at; }
    });
    const start = bestAt < 40 ? 0 : text.lastIndexOf(' ', bestAt - 40) + 1, end = text.indexOf(' ', start + 180);
    return (start > 0 ? '… ' : '') + (end < 0 ? text.slice(start) : text.slice(start, end) + ' …');
  }
  // Each segment of a page's address is encoded, as the build encodes its links.
  function hrefOf(u) {
    const html = doc.documentElement, root = html.dataset.fgRoot || '', offline = html.dataset.fgOffline === 'true';
    return (root + u.url.split('/').map(encodeURIComponent).join('/') + (offline ? 'index.html' : '') || './') + (u.anchor ? '#' + u.anchor : '');
  }
  function withHighlight(href, res) {
    const i = href.includes('#') ? href.indexOf('#') : href.length;
    return href.slice(0, i) + '?highlight=' + encodeURIComponent([...new Set(res.marks)].slice(0, 12).join(' ')) + href.slice(i);
  }
  function span(cls, text, hit) {
    const s = doc.createElement('span');
    s.className = cls;
    s.append(...(hit ? markUp(text, hit, '') : [text]));
    return s;
  }
  // A result link; a section beneath its page's first result (sub) shows
  // its heading only. Index text goes in as text nodes only.
  function fill(a, u, res, sub) {
    const hit = matcher(res);
    a.href = hrefOf(u);
    if (sub) a.classList.add('fg-sr-sub');
    else a.append(span('fg-sr-title', u.page, hit), span('fg-sr-type', ix.label(u.type)));
    if (u.heading) a.append(span('fg-sr-heading', u.heading, hit));
    a.append(span('fg-sr-snippet', snippet(u, hit), hit));
    a.addEventListener('click', e => {
      if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      location.href = withHighlight(a.getAttribute('href'), res);
    });
    return a;
  }

  // On the page a result opened: marks its words, and scrolls to the
  // first at or after the #anchor.
  function highlight(words) {
    const main = doc.getElementById('main'), nodes = [], found = [];
    if (!main || !words.length) return;
    const hit = matcher({ marks: words, prefix: '' });
    const walk = doc.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: n => n.parentNode.closest('script,style,textarea,mark,.fg-search') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
    });
    while (walk.nextNode()) nodes.push(walk.currentNode);
    for (const n of nodes) {
      const parts = markUp(n.data, hit, 'fg-hit');
      if (parts.length > 1) { found.push(...parts.filter(x => typeof x !== 'string')); n.replaceWith(...parts); }
    }
    const target = location.hash && doc.getElementById(decodeURIComponent(location.hash.slice(1)));
    const first = found.find(mk => !target || target.compareDocumentPosition(mk) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) || found[0];
    if (first) first.scrollIntoView({ block: target ? 'nearest' : 'center' });
  }

  // The page's tags, each a link to its tag page: beside a result's link,
  // never inside it.
  function tagList(u) {
    const ul = doc.createElement('ul');
    ul.className = 'fg-sr-tags';
    ul.setAttribute('aria-label', 'Tags of ' + u.page);
    for (const t of u.tags || []) {
      const li = doc.createElement('li'), a = doc.createElement('a');
      a.href = hrefOf({ url: t.url });
      a.textContent = t.name;
      li.append(a);
      ul.append(li);
    }
    return ul;
  }

  ns.results = { group, fill, tagList, withHighlight, highlight };
})(globalThis.fieldguideSearch ||= {});
