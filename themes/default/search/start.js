// Starts the parts of search a page has: the header box, the search page,
// the marks of ?highlight= words.
(ns => {
  'use strict';
  function start() {
    const input = document.getElementById('fg-search-input'), list = document.getElementById('search-results');
    const h = new URLSearchParams(location.search).get('highlight');
    if (input) ns.combobox(input);
    if (list) ns.searchPage(list);
    if (h) ns.results.highlight(ns.tokens(h));
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})(globalThis.fieldguideSearch ||= {});
