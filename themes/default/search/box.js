// fieldguide search, the header box: a WAI-ARIA combobox with a listbox
// popup of the best pages, each with its matching sections beneath.
(ns => {
  'use strict';
  const doc = document, $ = id => doc.getElementById(id), ix = ns.index, R = ns.results;
  const PAGES = 5, SECTIONS = 3, UNITS = 20; // pages shown, results per page, units looked at

  function debounce(fn, ms) {
    let t;
    const call = (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
    call.cancel = () => clearTimeout(t);
    return call;
  }
  ns.debounce = debounce;

  function combobox(input) {
    const form = input.form, popup = $('fg-search-popup'), list = $('fg-search-listbox'), status = $('fg-search-status'), all = $('fg-search-all');
    let active = -1, seq = 0, current;
    const options = () => list.querySelectorAll('[role=option]');
    const allURL = () => all.getAttribute('href').split('?')[0] + '?q=' + encodeURIComponent(input.value);
    // Closing also drops searches still under way, so a late answer does
    // not reopen the popup after Escape or after the focus has left.
    function open(on) {
      if (!on) { run.cancel(); seq++; }
      popup.hidden = !on;
      input.setAttribute('aria-expanded', on);
      if (!on) activate(-1);
    }
    function activate(i) {
      const opts = options();
      if (opts[active]) opts[active].setAttribute('aria-selected', 'false');
      active = i;
      if (opts[i]) {
        opts[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', opts[i].id);
        opts[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    const run = debounce(async () => {
      const q = input.value, my = ++seq;
      if (!q.trim()) { open(false); status.textContent = ''; return; }
      try {
        const res = await ns.search(q);
        const units = ns.rank.arrange(await Promise.all(ix.nearby(res.units, PAGES, UNITS).map(ix.getUnit)), res);
        if (my !== seq) return;
        current = res;
        const groups = R.group(units).slice(0, PAGES);
        let n = 0;
        list.replaceChildren(...groups.flatMap(g => g.units.slice(0, SECTIONS).map((u, i) => {
          const li = doc.createElement('li'), a = doc.createElement('a');
          li.setAttribute('role', 'none');
          a.id = 'fg-search-opt-' + n++;
          a.setAttribute('role', 'option');
          a.tabIndex = -1;
          li.append(R.fill(a, u, res, i > 0));
          return li;
        })));
        list.hidden = !n;
        list.setAttribute('aria-label', 'Search results for ' + q);
        all.href = allURL();
        all.textContent = n ? (res.total === 1 ? 'See the result' : 'See all ' + res.total + ' results') : 'No results: open the search page';
        active = -1;
        open(true);
        status.textContent = res.total + (res.total === 1 ? ' result' : ' results');
      } catch (e) {
        if (my === seq) { status.textContent = 'Search is not available.'; console.warn(e); }
      }
    }, 120);
    input.addEventListener('focus', () => ix.getManifest().catch(() => {}));
    // Typing drops the answer to an older query still under way.
    input.addEventListener('input', () => { seq++; run(); });
    input.addEventListener('keydown', e => {
      const n = options().length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (popup.hidden) { if (input.value.trim()) run(); }
        else if (n) activate(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n : active) - 1);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (active >= 0 && current) location.href = R.withHighlight(options()[active].getAttribute('href'), current);
        else if (input.value.trim()) location.href = allURL();
      } else if (e.key === 'Escape') {
        if (!popup.hidden) e.preventDefault(); else input.value = '';
        open(false);
      }
    });
    // Keep the focus in the box on a pointer pick.
    popup.addEventListener('mousedown', e => { if (e.target.closest('[role=option]')) e.preventDefault(); });
    form.addEventListener('focusout', e => { if (!form.contains(e.relatedTarget)) open(false); });
    form.addEventListener('submit', e => { e.preventDefault(); if (input.value.trim()) location.href = allURL(); });
    doc.addEventListener('keydown', e => {
      const t = e.target, typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
      if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey) { e.preventDefault(); input.focus(); input.select(); }
      else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); input.focus(); }
    });
  }
  ns.combobox = combobox;
})(globalThis.fieldguideSearch ||= {});
