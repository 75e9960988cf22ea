// fieldguide search. GENERATED from themes/default/search/*.js (one job a
// file, with comments); edit those, then run:
// go test ./internal/search -run TestSearchBundle -update
// One classic script, not modules: a page opened from disk cannot load
// modules, and one file is one request.

(ns => {
'use strict';
const TOKEN = /[\p{L}\p{N}]+/gu;
const NOT = new Set('t cannot cant dont doesnt didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt'.split(' '));
const lower = t => /^[\x00-\x7f]*$/.test(t) ? t.toLowerCase() : [...t].map(c => String.fromCodePoint(c.toLowerCase().codePointAt(0))).join('');
function tokens(s) {
const out = [];
for (const m of s.matchAll(TOKEN)) {
let t = lower(m[0]);
if (NOT.has(t)) t = 'not';
if ([...t].length <= 40) out.push(t);
}
return out;
}
const vowel = /[aeiouy]/;
const undouble = w => w.length >= 2 && w.at(-1) === w.at(-2) && !'aeiouylsz'.includes(w.at(-1)) ? w.slice(0, -1) : w;
const IRREGULAR = new Map(('bought buy sold sell brought bring paid pay made make took take taken take ' +
'gave give given give went go gone go chose choose chosen choose wrote write written write sent send ' +
'spent spend built build kept keep held hold met meet ran run began begin begun begin knew know ' +
'known know thought think taught teach found find left leave lost lose saw see seen see shown show ' +
'told tell understood understand meant mean led lead got get gotten get').split(' ').flatMap((w, i, a) => i % 2 ? [] : [[w, a[i + 1]]]));
const BRITISH = /^([a-z]{4,})is(e|es|ed|ing|er|ers|ation|ations)$|^([a-z]{3,})ys(e|es|ed|ing)$/;
function american(w) {
const m = BRITISH.exec(w);
if (m) return m[1] ? m[1] + 'iz' + m[2] : m[3] + 'yz' + m[4];
return /mmes?$/.test(w) ? w.replace(/mes?$/, '') : w;
}
function stem(w) {
w = IRREGULAR.get(w) || w;
if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
w = american(w);
const e = s => w.endsWith(s);
if (e('sses')) w = w.slice(0, -2);
else if (e('ies')) w = w.length > 4 ? w.slice(0, -3) + 'y' : w.slice(0, -1);
else if (!e('ss') && !e('us') && !e('is') && e('s')) w = w.slice(0, -1);
let verb = false;
if (e('ied') && w.length > 4) w = w.slice(0, -3) + 'y', verb = true;
else for (const x of ['ed', 'ing']) if (e(x)) {
const r = w.slice(0, -x.length);
if (r.length >= 3 && vowel.test(r)) w = undouble(r), verb = true;
break;
}
if (e('ization')) w = w.slice(0, -7) + 'ize';
else if (e('ation') && w.length >= 8) w = w.slice(0, -5) + 'ate';
else if (e('ment') && w.length >= 8) w = w.slice(0, -4);
if (!verb && w.length >= 4 && e('e')) w = w.slice(0, -1);
return w;
}
const rows = [new Int32Array(42), new Int32Array(42), new Int32Array(42)];
function distance(a, b, max) {
if (Math.abs(a.length - b.length) > max || a.length > 40 || b.length > 40) return max + 1;
let [r2, r1, r0] = rows;
for (let j = 0; j <= b.length; j++) r1[j] = j;
for (let i = 1; i <= a.length; i++) {
let low = r0[0] = i;
for (let j = 1; j <= b.length; j++) {
let v = Math.min(r1[j] + 1, r0[j - 1] + 1, r1[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && r2[j - 2] + 1 < v) v = r2[j - 2] + 1;
if ((r0[j] = v) < low) low = v;
}
if (low > max) return max + 1;
[r2, r1, r0] = [r1, r0, r2];
}
return r1[b.length];
}
Object.assign(ns, { TOKEN, lower, tokens, stem, distance });
})(globalThis.fieldguideSearch ||= {});

(ns => {
'use strict';
const pending = {}, stop = new Set(), shards = {}, files = {}, postings = {}, chunks = {};
let manifest, manifestP;
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
function entry(sh, j) {
const [s, slot, d] = sh.refs.subarray(3 * j, 3 * j + 3);
return { key: sh.keys[j], ref: (!s ? sh.i : s % 2 ? -1 - (s - 1) / 2 : s / 2 - 1) + '/' + slot, df: Math.floor(d / 2), word: !(d % 2) };
}
const source = ref => +ref.split('/')[0];
function lookup(loaded, key) {
for (const sh of loaded) { const j = sh.map.get(key); if (j !== undefined) return entry(sh, j); }
}
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
function nearby(units, n, ahead) {
const chunks = new Set(Array.from(units.slice(0, n), chunkOf));
return Array.from(units.slice(0, n + ahead)).filter((u, i) => i < n || chunks.has(chunkOf(u)));
}
function getUnit(u) {
const c = Math.floor(u / manifest.k);
return (chunks[c] || (chunks[c] = load('c/' + c))).then(rows => {
const [url, anchor, page, heading, type, summary, text, nav, tags] = rows[u % manifest.k];
return { id: u, url, anchor, page, heading, type, summary, text, nav: !!nav,
tags: tags ? tags.split('\n').map(l => { const [url, name] = l.split('\t'); return { url, name }; }) : [] };
});
}
const label = v => (manifest && manifest.l && manifest.l[v]) || v;
ns.index = { getManifest, manifest: () => manifest, stop, shardOf, getShard, entry, source, lookup, getPostings, getUnit, nearby, label };
ns.getUnit = getUnit;
})(globalThis.fieldguideSearch ||= {});

(ns => {
'use strict';
const { tokens, stem, distance } = ns, ix = ns.index;
const MAX = 500; // units ranked
const TITLE = 0.6, PAIR = 0.3; // bonuses: title word, title word pair
const TYPO1 = 0.7, TYPO2 = 0.5;
const QBOOST = 1.5, GLOSS = 0.5;

const DEFINE = /^\s*(what\s*(is|are|does|do|'s|’s|s)|define|definition\s+of|meaning\s+of)\s|\s(stands?\s+for|mean|means|meaning)\s*\??\s*$/i;
const QUESTION = /^\s*(how|what|where|when|why|who|which|do|does|did|is|are|can|should|will)\b|\?\s*$/i;
const DEFINE_WORDS = new Set(['whats', 'stand', 'stands', 'mean', 'means', 'meaning', 'define', 'definition']);
const LIGHT = new Set('want wants wanted wanting need needs needed needing get gets got getting thing things stuff something anything someone anyone please'.split(' '));
const LIGHTNESS = 0.25;

function parse(q) {
const all = tokens(q), define = DEFINE.test(q);
let words = all.filter(w => !ix.stop.has(w) && !(define && DEFINE_WORDS.has(w)));
if (!words.length) words = all;
return { words, define, prefix: words.length > 0 && words.at(-1) === all.at(-1) && /[\p{L}\p{N}]/u.test([...q].pop() || '') };
}

const expansions = new Map();
function expand(word, isPrefix, loaded) {
const k = word + isPrefix;
if (!expansions.has(k)) expansions.set(k, alternatives(word, isPrefix, loaded));
return expansions.get(k);
}
function alternatives(word, isPrefix, loaded) {
const alts = new Map(), extra = [];
const add = (e, w) => { const a = alts.get(e.ref); if (!a || a.w < w) alts.set(e.ref, { ref: e.ref, w, df: e.df, key: e.key }); };
for (const e of [ix.lookup(loaded, word), ix.lookup(loaded, stem(word))]) if (e) add(e, 1);
const known = alts.size > 0, maxD = known ? 0 : word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
let root;
const completions = [];
for (const sh of loaded) {
sh.keys.forEach((k, j) => {
if (k === word || k[0] === '=') return;
if (k.length >= 5 && word.startsWith(k) && (!root || k.length > root[0].key.length)) {
const e = ix.entry(sh, j);
if (e.word) root = [e, 0.3];
}
if (!isPrefix && word.length >= 3 && k.startsWith(word)) {
const e = ix.entry(sh, j);
if (e.word) completions.push([e, 0.5]);
}
let w = 0;
if (isPrefix && word.length >= 2 && k.startsWith(word)) w = 0.7;
else if (maxD && k[0] === word[0]) {
const d = distance(word, k, maxD);
if (d <= maxD) w = d <= 1 ? TYPO1 : TYPO2;
else if (isPrefix && k.length > word.length && distance(word, k.slice(0, word.length), maxD) <= maxD) w = 0.3;
}
if (w) { const e = ix.entry(sh, j); if (e.word) extra.push([e, w]); }
});
}
if (!alts.size && !extra.length) extra.push(...completions, ...(root ? [root] : []));
extra.sort((a, b) => b[1] - a[1] || b[0].df - a[0].df);
const near = f => loaded.some(sh => sh.i === f), room = alts.size ? 4 : 6;
const more = new Set([...alts.keys()].map(ix.source).filter(f => !near(f)));
for (const [e, w] of extra) {
const f = ix.source(e.ref);
if (alts.size < room && (near(f) || more.has(f) || !more.size)) { if (!near(f)) more.add(f); add(e, w); }
}
return [...alts.values()];
}

async function search(q, filters = {}) {
const manifest = await ix.getManifest();
const p = parse(q), keys = Object.keys(filters).filter(k => filters[k]).map(k => filterKey(k, filters[k]));
if (!p.words.length) return { units: new Int32Array(0), total: 0, query: q, words: [], fixed: [], marks: [], prefix: '' };
const plan = p.words.map((w, i) => {
const last = p.prefix && i === p.words.length - 1, ids = [ix.shardOf(w), ix.shardOf(stem(w))];
if (last) ids.push(Math.min(ix.shardOf(w + '\uffff'), ids[0] + 1));
return { w, last, ids: [...new Set(ids)] };
});
const ids = new Set([...keys.map(ix.shardOf), ...plan.flatMap(x => x.ids)]);
const loaded = await Promise.all([...ids].map(ix.getShard));
const words = await Promise.all(plan.map(async x => expand(x.w, x.last, await Promise.all(x.ids.map(ix.getShard)))));
const refs = words.flat().map(a => a.ref);
const filterRefs = keys.map(k => { const e = ix.lookup(loaded, k); if (e) refs.push(e.ref); return e && e.ref; });
const pairs = [];
for (let i = 1; i < p.words.length; i++) {
const e = ix.lookup(loaded, stem(p.words[i - 1]) + '_' + stem(p.words[i]));
if (e) { pairs.push(e); refs.push(e.ref); }
}
const post = {}, vals = await Promise.all(refs.map(ix.getPostings));
refs.forEach((r, i) => { post[r] = vals[i]; });
return rank(manifest.n, q, p, words, filterRefs, post, pairs);
}
const filterKey = (k, v) => '=' + k + ':' + tokens(v).join('_');

function smallest(keys, k) {
if (keys.length > k) {
let lo = 0, hi = keys.length - 1;
while (lo < hi) {
const pivot = keys[(lo + hi) >> 1];
let i = lo, j = hi;
while (i <= j) {
while (keys[i] < pivot) i++;
while (keys[j] > pivot) j--;
if (i <= j) { [keys[i], keys[j]] = [keys[j], keys[i]]; i++; j--; }
}
if (k - 1 <= j) hi = j; else if (k - 1 >= i) lo = i; else break;
}
keys = keys.subarray(0, k);
}
return keys.sort();
}

function rank(n, q, p, words, filterRefs, post, pairs) {
const total = new Float64Array(n), found = new Float64Array(n), inTitle = new Uint8Array(n);
const best = new Float64Array(n), bestTitle = new Uint8Array(n), marks = [];
let touched = [], counted = 0, heavy = 0;
for (const [wi, alts] of words.entries()) {
if (!alts.length) continue; // unknown words do not count
const weight = LIGHT.has(p.words[wi]) ? LIGHTNESS : 1;
counted += weight;
if (weight === 1) heavy++;
const seen = [], idfOf = a => Math.log(1 + (n - a.df + 0.5) / (a.df + 0.5));
const exact = Math.max(0, ...alts.filter(a => a.w === 1).map(idfOf));
for (const a of alts) {
marks.push(a.key);
const ps = post[a.ref], idf = a.w < 1 && exact ? Math.min(idfOf(a), exact) : idfOf(a), of = new Float64Array(32);
for (let i = 1; i < 32; i++) of[i] = a.w * idf * (i > 16 ? (i - 16) / 15 + TITLE : i / 15);
for (let i = 0; i < ps.units.length; i++) {
const u = ps.units[i], s = of[ps.imp[i]];
if (!best[u]) seen.push(u);
if (s > best[u]) { best[u] = s; bestTitle[u] = ps.imp[i] > 16 ? 1 : 0; }
}
}
for (const u of seen) {
if (!found[u]) touched.push(u);
total[u] += weight * best[u]; found[u] += weight; if (weight === 1) inTitle[u] += bestTitle[u];
best[u] = 0; bestTitle[u] = 0;
}
}
for (const e of pairs) {
const bonus = PAIR * Math.log(1 + n / e.df);
for (const u of post[e.ref].units) if (found[u]) total[u] += bonus;
}
for (const ref of filterRefs) {
const keep = new Uint8Array(n);
if (ref) for (const u of post[ref].units) keep[u] = 1;
touched = touched.filter(u => keep[u]);
}
let keys = new Float64Array(touched.length);
touched.forEach((u, i) => {
const share = found[u] / counted;
keys[i] = -Math.round(total[u] * share * share * (heavy && inTitle[u] === heavy ? 1.5 : 1) * 1e5) * 16777216 + u;
});
keys = smallest(keys, MAX);
const units = Int32Array.from(keys, k => ((k % 16777216) + 16777216) % 16777216);
const scores = Float64Array.from(keys, k => -Math.round(k / 16777216));
const fixed = p.words.map((w, i) => {
const alts = words[i];
if (!alts.length || alts.some(a => a.w === 1)) return w;
return alts.reduce((a, b) => b.w > a.w || b.w === a.w && b.df > a.df ? b : a).key;
});
return { units, scores, question: QUESTION.test(q), total: touched.length, query: q, words: p.words, fixed, define: p.define, marks: p.words.concat(marks), prefix: p.prefix ? p.words.at(-1) : '' };
}

function arrange(units, res) {
const exact = res.define ? res.words.join(' ') : tokens(res.query).join(' '), loose = res.words.map(stem).join(' ');
const fixed = res.fixed.map(stem), covered = new Set(fixed), fixedLoose = fixed.join(' ');
const tier = title => {
const t = tokens(title), words = t.filter(w => !ix.stop.has(w)).map(stem).join(' ');
return t.join(' ') === exact ? 0 : words === loose || words === fixedLoose ? 1 : 2;
};
const covers = u => {
if (u.anchor || !u.url || !covered.size) return false;
const has = new Set(tokens(u.page).map(stem));
return [...covered].every(w => has.has(w));
};
const spaced = s => ' ' + tokens(s).join(' ') + ' ';
const about = (expansion, entry) => units.some(u => u !== entry && u.type !== 'glossary' && spaced(u.heading || u.page).includes(spaced(expansion)));
return units.map((u, i) => {
const title = u.heading || u.page, named = /^(.*\S)\s*\(([^()]+)\)$/.exec(title);
let t = Math.min(tier(title), ...(named ? [tier(named[1]), tier(named[2])] : []), covers(u) ? 1.5 : 2);
if (u.type === 'glossary' && u.anchor) {
const parts = u.heading.split(': '), entry = Math.min(...parts.map(tier));
if (res.define && entry < 2) t = entry - 1;
else if (entry === 0 && !about(parts.slice(1).join(': '), u)) t = Math.min(t, 0.5);
}
const score = (res.scores && res.scores[u.id === undefined ? i : res.units.indexOf(u.id)]) || 0;
return [t, t < 2 ? u.url.split('/').length : 0, -score * (res.question && u.type === 'faq' && u.anchor ? QBOOST : u.type === 'glossary' && u.anchor ? GLOSS : 1), i, u];
}).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]).map(k => k[4]);
}

ns.rank = { parse, search, arrange, MAX };
ns.search = search;
ns.parse = parse;
})(globalThis.fieldguideSearch ||= {});

(ns => {
'use strict';
const { TOKEN, lower, stem } = ns, ix = ns.index, doc = globalThis.document;

function group(units, groups = new Map()) {
const added = [];
for (const u of units) {
let g = groups.get(u.url);
if (!g) { groups.set(u.url, g = { url: u.url, page: u.page, type: u.type, units: [] }); added.push(g); }
g.units.push(u);
}
for (const g of groups.values()) g.units = [...g.units.filter(u => !u.nav), ...g.units.filter(u => u.nav)];
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

(ns => {
'use strict';
const doc = document, $ = id => doc.getElementById(id), ix = ns.index, R = ns.results;
const PAGE = 10, AHEAD = 40; // results read per "Show more", and how far on their pages' other sections are looked for

function searchPage(list) {
const input = $('fg-search-page-input'), type = $('fg-search-type'), role = $('fg-search-role'), summary = $('fg-search-summary'), more = $('fg-search-more');
const params = new URLSearchParams(location.search);
let seq = 0, res, shown = 0, taken, groups, subLists;
input.value = params.get('q') || '';
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
