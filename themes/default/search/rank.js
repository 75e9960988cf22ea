// fieldguide search, ranking: a query's words, their alternatives in the
// index, the score of each unit, and the order and grouping of results.
// No DOM: node runs it (TestRankingInNode).
(ns => {
  'use strict';
  const { tokens, stem, distance } = ns, ix = ns.index;
  const MAX = 500; // units ranked
  const TITLE = 0.6, PAIR = 0.3; // bonuses: title word, title word pair
  // Weights of a typo fix at distance 1 and 2 of a word the guide lacks.
  const TYPO1 = 0.7, TYPO2 = 0.5;
  const QBOOST = 1.5, GLOSS = 0.5;

  // "What is TPID?", "what does CSU stand for", "define MACC": a question
  // for a definition, whose own words are not what it looks for.
  const DEFINE = /^\s*(what\s*(is|are|does|do|'s|’s|s)|define|definition\s+of|meaning\s+of)\s|\s(stands?\s+for|mean|means|meaning)\s*\??\s*$/i;
  // A question ("how do I ...", "do I need ...", "...?") is best answered
  // by a FAQ question that matches it as well as a page does.
  const QUESTION = /^\s*(how|what|where|when|why|who|which|do|does|did|is|are|can|should|will)\b|\?\s*$/i;
  const DEFINE_WORDS = new Set(['whats', 'stand', 'stands', 'mean', 'means', 'meaning', 'define', 'definition']);
  // Words a spoken question wraps around what it asks ("customer wants to
  // buy more", "is a new milestone needed"): they count a quarter of a word,
  // in the score and in the share of words found, so a title that happens
  // to say "wants" does not outrank one that names the subject.
  const LIGHT = new Set('want wants wanted wanting need needs needed needing get gets got getting thing things stuff something anything someone anyone please'.split(' '));
  const LIGHTNESS = 0.25;

  // The last word is a prefix while it is being typed.
  function parse(q) {
    const all = tokens(q), define = DEFINE.test(q);
    let words = all.filter(w => !ix.stop.has(w) && !(define && DEFINE_WORDS.has(w)));
    if (!words.length) words = all;
    // Not /[\p{L}\p{N}]$/u: V8 misses letters above U+FFFF there.
    return { words, define, prefix: words.length > 0 && words.at(-1) === all.at(-1) && /[\p{L}\p{N}]/u.test([...q].pop() || '') };
  }

  // A word's alternatives: itself, variants, completions, typo fixes; from
  // its shards and one more file, whatever loaded before.
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
    // Whole words: a word of the guide is not also a typo of another
    // ("contract" is not "contact"); only the word being typed completes.
    const known = alts.size > 0, maxD = known ? 0 : word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
    // For a word that matches nothing else: the longest word of five letters
    // or more that begins it ("architect" for "architecture"), and, as if it
    // were still being typed, the words it begins ("postgresql" for "postgre").
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

  // Score: per word, its best alternative's impact; summed, times the
  // squared share of words found. filters: {type: 'faq', role: 'CSA'}.
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
    // Title word pairs (pairKey).
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

  // The k smallest keys, sorted; quickselect, as common words match all.
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
      // A completion or typo fix is rarer than a common word, so its idf
      // alone would rank "csam" above "csa" for the query "csa": capped at
      // the word's own, it ranks below an exact match.
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
    // Key: -score in the high digits, unit in the low 24 bits.
    let keys = new Float64Array(touched.length);
    touched.forEach((u, i) => {
      const share = found[u] / counted;
      keys[i] = -Math.round(total[u] * share * share * (heavy && inTitle[u] === heavy ? 1.5 : 1) * 1e5) * 16777216 + u;
    });
    keys = smallest(keys, MAX);
    const units = Int32Array.from(keys, k => ((k % 16777216) + 16777216) % 16777216);
    const scores = Float64Array.from(keys, k => -Math.round(k / 16777216));
    // The query as the index reads it: each word that the guide lacks
    // replaced by its best completion or typo fix, so "glosary" and "glos"
    // are titled as "Glossary".
    const fixed = p.words.map((w, i) => {
      const alts = words[i];
      if (!alts.length || alts.some(a => a.w === 1)) return w;
      return alts.reduce((a, b) => b.w > a.w || b.w === a.w && b.df > a.df ? b : a).key;
    });
    return { units, scores, question: QUESTION.test(q), total: touched.length, query: q, words: p.words, fixed, define: p.define, marks: p.words.concat(marks), prefix: p.prefix ? p.words.at(-1) : '' };
  }

  // Loaded results titled as the query go first, shallow pages first:
  // scores cannot see a title whole. A title "Name (ABBR)" is titled as
  // either: "csam" finds "Customer Success Account Manager (CSAM)" first.
  // A question for a definition puts the glossary entry of its term first.
  function arrange(units, res) {
    const exact = res.define ? res.words.join(' ') : tokens(res.query).join(' '), loose = res.words.map(stem).join(' ');
    const fixed = res.fixed.map(stem), covered = new Set(fixed), fixedLoose = fixed.join(' ');
    const tier = title => {
      const t = tokens(title), words = t.filter(w => !ix.stop.has(w)).map(stem).join(' ');
      return t.join(' ') === exact ? 0 : words === loose || words === fixedLoose ? 1 : 2;
    };
    // Every query word in a page's title: the shallowest such page is the
    // broadest answer ("motions": the motions section before how to write
    // one). Not the home page, whose title names the whole guide.
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
      // A glossary entry "TERM: Expansion" titled as the query comes next
      // to the pages titled so, unless a result is about the term, its
      // title holding the expansion: "macc" finds its entry first, "ips"
      // the question on Industry Priority Scenarios (IPS).
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
