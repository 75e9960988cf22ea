/* fieldguide decision-tree wizard. Progressive enhancement: the page is a
   complete document without it (#fg-tree-doc); this script hides that view
   and asks one question at a time, reading the tree from #fg-tree-data.

   The URL hash holds the state, so every step is a link:
     #dt/<question>=<answer>/...   the answers so far, walked from the start
     .../<question>?<answer>        at <question>, <answer> pre-selected (Change)
     #dt-<node>, any id in the document view: shows the document view there.
   Each step dispatches a bubbling "fieldguide:tree" CustomEvent from the
   wizard root: detail = {type: start|answer|change|restart|outcome, node,
   answer, path: ["question=answer", ...]}. No analytics ship with it. */
(function () {
  'use strict';
  var d = document, root = d.getElementById('fg-wizard'), doc = d.getElementById('fg-tree-doc'),
    dataEl = d.getElementById('fg-tree-data'), data, nodes = {};
  if (!root || !doc || !dataEl || !window.CustomEvent || !root.append) return;
  try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }
  data.questions.forEach(function (q) { nodes[q.id] = q; });
  data.outcomes.forEach(function (o) { nodes[o.id] = o; });
  if (!nodes[data.start] || !nodes[data.start].answers) return;

  var art = root.closest('.fg-tree') || d.body, live = d.getElementById('fg-wz-live'),
    svg = d.querySelector('.fg-tree-chart svg'), remembered = {}, shown = null;

  function el(tag, attrs, kids) {
    var e = d.createElement(tag);
    for (var k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    [].concat(kids == null ? [] : kids).forEach(function (c) { if (c) e.append(c); });
    return e;
  }
  function vh(text) { return el('span', { 'class': 'fg-vh' }, text); }
  function answerOf(q, id) {
    return q && q.answers && q.answers.filter(function (a) { return a.id === id; })[0];
  }
  function hashOf(path) {
    return '#dt' + path.map(function (p) { return '/' + p[0] + '=' + p[1]; }).join('');
  }
  function strings(path) { return path.map(function (p) { return p.join('='); }); }
  function emit(type, node, answer, path) {
    root.dispatchEvent(new CustomEvent('fieldguide:tree', { bubbles: true,
      detail: { type: type, node: node, answer: answer, path: strings(path) } }));
  }
  function announce(text) { if (live) live.textContent = text; }
  // A copy of server-rendered markup without ids, so none is duplicated.
  function copy(node) {
    var c = node.cloneNode(true);
    c.removeAttribute('id');
    [].forEach.call(c.querySelectorAll('[id]'), function (e) { e.removeAttribute('id'); });
    return c;
  }

  // parse walks the hash from the start; it stops at the first step that
  // does not fit the tree and reports it as bad.
  function parse(hash) {
    var st = { path: [], at: data.start }, segs = hash.slice(4).split('/');
    for (var i = 0; i < segs.length; i++) {
      var s = segs[i], m, a;
      try { s = decodeURIComponent(s); } catch (e) { /* keep as written */ }
      if (!s) continue;
      m = /^([a-z0-9-]+)([=?])([a-z0-9-]+)$/.exec(s);
      a = m && m[1] === st.at && answerOf(nodes[st.at], m[3]);
      if (!a) { st.bad = s; break; }
      if (m[2] === '?') { st.pre = a.id; break; }
      st.path.push([st.at, a.id]);
      st.at = a.target;
    }
    return st;
  }

  function highlight(st) {
    if (!svg) return;
    var on = {}, edges = {};
    st.path.forEach(function (p) {
      var a = answerOf(nodes[p[0]], p[1]);
      on[p[0]] = 1;
      edges[p[0] + '>' + a.target + '>' + a.label] = 1;
    });
    on[st.at] = 1;
    svg.classList.toggle('fg-has-path', st.path.length > 0);
    [].forEach.call(svg.querySelectorAll('g.fg-node'), function (g) {
      var id = g.getAttribute('data-node');
      g.classList.toggle('fg-path', !!on[id]);
      g.classList.toggle('fg-current', id === st.at);
    });
    [].forEach.call(svg.querySelectorAll('g.fg-edge'), function (g) {
      g.classList.toggle('fg-path', !!edges[g.getAttribute('data-from') + '>' + g.getAttribute('data-to') + '>' + g.getAttribute('data-label')]);
    });
  }

  function questionView(st, q) {
    var pre = st.pre || remembered[q.id], hint = doc.querySelector('#dt-' + q.id + ' .fg-hint'),
      err = el('p', { 'class': 'fg-wz-error', id: 'fg-wz-error', hidden: '' }, [vh('Error: '), 'Choose an answer to continue.']),
      fs, form;
    if (hint) { hint = copy(hint); hint.id = 'fg-wz-hint'; }
    fs = el('fieldset', { 'aria-describedby': hint ? 'fg-wz-hint' : null }, [
      el('legend', {}, el('h2', { id: 'fg-wz-title', tabindex: '-1' }, q.text)), hint, err,
      el('div', { 'class': 'fg-wz-options' }, q.answers.map(function (a) {
        var input = el('input', { type: 'radio', name: 'fg-wz-answer', id: 'fg-wz-a-' + a.id, value: a.id });
        input.checked = a.id === pre;
        return el('div', { 'class': 'fg-wz-option' }, [input, el('label', { 'for': input.id }, a.label)]);
      }))]);
    form = el('form', { 'class': 'fg-wz-form', novalidate: '' }, [fs, el('button', { type: 'submit', 'class': 'fg-wz-continue' }, 'Continue')]);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var checked = form.querySelector('input:checked'), path;
      if (!checked) {
        err.hidden = false;
        fs.setAttribute('aria-describedby', 'fg-wz-error' + (hint ? ' fg-wz-hint' : ''));
        form.classList.add('fg-wz-invalid');
        form.querySelector('input').focus();
        announce(err.textContent);
        return;
      }
      remembered[q.id] = checked.value;
      path = st.path.concat([[q.id, checked.value]]);
      emit('answer', q.id, checked.value, path);
      location.hash = hashOf(path);
    });
    return [
      st.path.length ? el('p', { 'class': 'fg-wz-back' }, el('a', { href: hashOf(st.path.slice(0, -1)) }, 'Back')) : null,
      st.bad ? el('p', { 'class': 'fg-wz-notice' }, 'The link you followed has an answer that no longer fits this guide (“' + st.bad +
        '”); it may have changed since the link was made. The answers before it are kept: carry on from here.') : null,
      form];
  }

  function outcomeView(st, o) {
    var sec = d.getElementById('dt-' + o.id), body = [], url = el('input', { id: 'fg-wz-url', readonly: '', value: location.href }),
      label = el('label', { 'for': 'fg-wz-url' }), box = el('p', { 'class': 'fg-wz-copy', hidden: '' }, [label, ' ', url]),
      copyBtn = el('button', { type: 'button' }, 'Copy link'), printBtn = el('button', { type: 'button' }, 'Print'),
      restart = el('a', { href: '#dt', 'class': 'fg-wz-restart' }, 'Start again');
    [].forEach.call(sec ? sec.children : [], function (c) {
      if (!/^H\d$/.test(c.tagName) && !c.classList.contains('fg-restart')) body.push(copy(c));
    });
    function copied(ok) {
      label.textContent = ok ? 'Link copied:' : 'Copy this link:';
      url.value = location.href;
      box.hidden = false;
      announce(ok ? 'Link copied.' : 'Select the link and copy it.');
      if (!ok) { url.focus(); url.select(); }
    }
    copyBtn.addEventListener('click', function () {
      var c = navigator.clipboard;
      if (c && c.writeText) c.writeText(location.href).then(function () { copied(true); }, function () { copied(false); });
      else copied(false);
    });
    printBtn.addEventListener('click', function () { stamp(); window.print(); });
    restart.addEventListener('click', function () {
      remembered = {};
      emit('restart', data.start, undefined, []);
    });
    return [
      el('p', { 'class': 'fg-wz-kicker' }, 'Your answer'),
      el('h2', { id: 'fg-wz-title', tabindex: '-1' }, o.title)].concat(body, [
      el('h3', {}, 'Your answers'),
      el('dl', { 'class': 'fg-wz-answers' }, st.path.map(function (p, i) {
        var q = nodes[p[0]], change = el('a', { href: hashOf(st.path.slice(0, i)) + '/' + p[0] + '?' + p[1] },
          ['Change', vh(' your answer to: ' + q.text)]);
        change.addEventListener('click', function () { emit('change', p[0], p[1], st.path.slice(0, i)); });
        return el('div', {}, [el('dt', {}, q.text), el('dd', {}, answerOf(q, p[1]).label), el('dd', { 'class': 'fg-wz-change' }, change)]);
      })),
      el('p', { 'class': 'fg-wz-actions' }, [restart, ' ', copyBtn, ' ', printBtn]), box,
      el('p', { 'class': 'fg-wz-printinfo' }, ['Printed from ', el('span', { 'class': 'fg-wz-printurl' }), ' on ', el('time'), '.'])]);
  }

  // show renders what the hash asks for; focus moves to the new heading
  // when the reader caused the change.
  function show(focus) {
    var h = location.hash, target = null;
    try { target = h.length > 1 && d.getElementById(decodeURIComponent(h.slice(1))); } catch (e) { /* not an id */ }
    if (target && doc.contains(target)) {
      doc.hidden = false;
      art.classList.remove('fg-wz-done');
      if (!shown) render('#dt');
      target.scrollIntoView();
    } else if (h && !/^#dt(\/|$)/.test(h)) {
      if (!shown) render('#dt'); // another anchor: leave the wizard as it is
    } else {
      doc.hidden = true;
      render(h, focus);
    }
  }
  function render(h, focus) {
    var st = parse(h), node = nodes[st.at], key = hashOf(st.path) + (st.pre || '') + (st.bad || '');
    if (st.bad) history.replaceState(null, '', hashOf(st.path));
    st.path.forEach(function (p) { remembered[p[0]] = p[1]; });
    root.textContent = '';
    (node.answers ? questionView(st, node) : outcomeView(st, node)).forEach(function (c) { if (c) root.append(c); });
    stamp();
    art.classList.toggle('fg-wz-done', !node.answers);
    root.setAttribute('data-node', st.at);
    highlight(st);
    if (focus) {
      announce(node.answers ? 'Question ' + (st.path.length + 1) + ': ' + node.text : 'Your answer: ' + node.title);
      d.getElementById('fg-wz-title').focus();
    }
    if (!shown) emit('start', st.at, undefined, st.path);
    if (!node.answers && key !== shown) emit('outcome', st.at, undefined, st.path);
    shown = key;
  }
  function stamp() {
    var u = root.querySelector('.fg-wz-printurl'), t = root.querySelector('.fg-wz-printinfo time'), now = new Date();
    if (!u) return;
    u.textContent = location.href;
    t.setAttribute('datetime', now.toISOString().slice(0, 10));
    try { t.textContent = now.toLocaleDateString(d.documentElement.lang || undefined, { dateStyle: 'long' }); } catch (e) { t.textContent = now.toDateString(); }
  }

  root.hidden = false;
  window.addEventListener('hashchange', function () { show(true); });
  window.addEventListener('beforeprint', stamp);
  show(/^#dt\//.test(location.hash));
})();
