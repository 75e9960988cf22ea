// fieldguide search, text: the tokenizer, stemmer and edit distance, twins
// of internal/search/tokenize.go (TestTextMatchesJS). No DOM: node runs it.
(ns => {
  'use strict';
  const TOKEN = /[\p{L}\p{N}]+/gu;
  // Tokens that stand for "not" (isNegation).
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
  // Irregular past forms (irregularForms) and British endings
  // (americanSpelling).
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
  // Optimal string alignment distance, or max + 1 above max.
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
