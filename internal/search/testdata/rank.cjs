// Runs the theme's search scripts in node, on the index in argv[2] (the
// site folder) and the queries on stdin (a JSON array); prints for each
// query the result links grouped by page as the search page shows them:
// each page's first result, then its other sections.
'use strict';
const fs = require('fs'), path = require('path'), vm = require('vm'), url = require('url');
const [src, site] = process.argv.slice(2);
const ctx = vm.createContext({ console, URL });
ctx.globalThis = ctx;
for (const name of JSON.parse(process.argv[4])) {
  vm.runInContext(fs.readFileSync(path.join(src, name + '.js'), 'utf8'), ctx, { filename: name });
}
const ns = ctx.fieldguideSearch;
ns.indexURL = () => url.pathToFileURL(path.join(site, 'search/idx')).href + '/';
ns.loadFile = async src => vm.runInContext(fs.readFileSync(url.fileURLToPath(src.split('?')[0]), 'utf8'), ctx);
(async () => {
  const out = [];
  for (const q of JSON.parse(fs.readFileSync(0, 'utf8'))) {
    const res = await ns.search(q.query, q.filters || {});
    const units = ns.rank.arrange(await Promise.all(ns.index.nearby(res.units, 10, 40).map(ns.getUnit)), res);
    out.push(ns.results.group(units).map(g => g.units.map(u => u.url + (u.anchor ? '#' + u.anchor : ''))));
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
