/* Live worked examples and compare tables. Each <section class="worked-example" data-calc> and
   <figure class="compare" data-calc> carries its formulas as JSON (<script type="application/json" data-calc-data>),
   written by the build from Sources/ComputeModel/LiveFormula.swift.
   This file only evaluates them (ev mirrors Expression.evaluate) and formats the results (the functions below mirror
   ComputeModel's Format, rounding included); `make browser-check` compares both with the Swift model on random inputs.
   No framework, no network. The page's static figures are the published ones; this script changes them only when a
   reader changes an input (or opens a link that carries inputs in its query). */
(function () {
  'use strict';

  function ev(e, env) {
    switch (e[0]) {
      case 'in': return env[e[1]];
      case 'k': return e[1];
      case '+': return ev(e[1], env) + ev(e[2], env);
      case '-': return ev(e[1], env) - ev(e[2], env);
      case '*': return ev(e[1], env) * ev(e[2], env);
      case '/': return ev(e[1], env) / ev(e[2], env);
      case 'sqrt': return Math.sqrt(ev(e[1], env));
    }
    return NaN;
  }

  /* ---- Format (Sources/ComputeModel/Format.swift) ---- */
  var P10 = {};
  function p10(n) {
    n = Math.min(Math.max(n, -330), 310);
    if (!(n in P10)) P10[n] = Number('1e' + n);
    return P10[n];
  }
  function magnitude(x) {
    var a = Math.abs(x);
    if (!(a > 0) || !isFinite(a)) return 0;
    var m = Math.floor(Math.log10(a));
    while (m > -323 && p10(m) > a) m--;
    while (m < 308 && p10(m + 1) <= a) m++;
    return m;
  }
  /* Swift's rounded(): to nearest, ties away from zero. */
  function rnd(x) { return x < 0 ? -Math.round(-x) : Math.round(x); }
  /* printf("%.<f>f"): the exact binary value rounded to f decimals, ties to even (glibc). */
  function fixed(x, f) {
    var neg = x < 0 || (x === 0 && 1 / x < 0), a = Math.abs(x), digits;
    if (a >= 1e21) {
      digits = BigInt(a).toString() + '0'.repeat(f);
    } else {
      var s = a.toFixed(100), dot = s.indexOf('.');
      var rest = s.slice(dot + 1 + f), c = rest.charAt(0);
      digits = s.slice(0, dot) + s.slice(dot + 1, dot + 1 + f);
      if (c > '5' || (c === '5' && (/[1-9]/.test(rest.slice(1)) || +digits.charAt(digits.length - 1) % 2 === 1))) {
        var arr = digits.split(''), i = arr.length - 1;
        while (i >= 0 && arr[i] === '9') { arr[i] = '0'; i--; }
        if (i < 0) arr.unshift('1'); else arr[i] = String(+arr[i] + 1);
        digits = arr.join('');
      }
    }
    var il = digits.length - f;
    return (neg ? '-' : '') + digits.slice(0, il) + (f > 0 ? '.' + digits.slice(il) : '');
  }
  function trimmed(x, f) {
    var t = fixed(x, Math.max(0, f));
    if (t.indexOf('.') >= 0) t = t.replace(/0+$/, '').replace(/\.$/, '');
    return t === '-0' ? '0' : t;
  }
  function grouped(x, f) {
    if (f === undefined) f = 2;
    var parts = trimmed(Math.abs(x), f).split('.'), int = parts[0], groups = [];
    while (int.length > 3) { groups.unshift(int.slice(-3)); int = int.slice(0, -3); }
    groups.unshift(int);
    return (x < 0 ? '-' : '') + groups.join(',') + (parts.length > 1 ? '.' + parts[1] : '');
  }
  function significant(x, d) {
    if (d === undefined) d = 3;
    if (x === 0 || !isFinite(x)) return '0';
    return grouped(x, Math.max(0, d - 1 - magnitude(x)));
  }
  function scientific(x) {
    if (!isFinite(x)) return String(x);
    if (x === 0) return '0';
    var exp = magnitude(x), m = x / p10(exp);
    m = rnd(m * p10(2)) / p10(2);
    if (Math.abs(m) >= 10) { m /= 10; exp += 1; }
    return trimmed(m, 2) + 'e' + exp;
  }
  var SCALES = [[1e15, 'quadrillion'], [1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']];
  function words(x) {
    for (var i = 0; i < SCALES.length; i++) {
      if (Math.abs(x) >= SCALES[i][0]) return significant(x / SCALES[i][0], 3) + ' ' + SCALES[i][1];
    }
    return grouped(x, Math.abs(x) >= 100 ? 0 : 2);
  }
  function usd(x) {
    var sign = x < 0 ? '-' : '', m = Math.abs(x);
    if (m >= 1e6) return sign + '$' + words(m);
    if (m >= 1000) return sign + '$' + grouped(m, 0);
    if (m > 0 && m < 0.01) return sign + '$' + significant(m, 2);
    return sign + '$' + fixed(m, 2);
  }
  var USD = { 'USD': '', 'USD/GPU-hour': '/GPU-hour', 'USD/hour': '/hour', 'USD/PFLOP-hour': '/PFLOP-hour', 'USD/GB-hour': '/GB-hour',
    'USD/(TB/s)-hour': '/(TB/s)-hour', 'USD/kWh': '/kWh', 'USD/1M tokens': ' per 1M tokens' };
  function figure(x, unit) {
    if (unit in USD) return usd(x) + USD[unit];
    switch (unit) {
      case 'fraction': return trimmed(x * 100, 1) + '%';
      case 'FLOPs': case 'FLOP/s': return scientific(x) + ' ' + unit;
      case '\u00d7': return significant(x, 3) + '\u00d7';
      case '': return words(x);
      case 'count': return grouped(x, 0);
      case 'FLOPs/byte': return significant(x, 3) + ' ' + unit;
    }
    var a = Math.abs(x), n = a >= 1e6 ? words(x) : (a >= 1 ? grouped(x, 2) : significant(x, 3));
    return unit === '' ? n : n + ' ' + unit;
  }
  function roundedSignificant(x, d) {
    if (x === 0 || !isFinite(x)) return x;
    var shift = d - 1 - magnitude(x);
    return shift >= 0 ? rnd(x * p10(shift)) / p10(shift) : rnd(x / p10(-shift)) * p10(-shift);
  }
  var DERIVED_USD = { 'USD': '', 'USD/GPU-hour': '/GPU-hour', 'USD/hour': '/hour', 'USD/PFLOP-hour': '/PFLOP-hour', 'USD/kWh': '/kWh',
    'USD/1M tokens': ' per 1M tokens' };
  function derived(x, unit) {
    if (!isFinite(x)) return figure(x, unit);
    var exact = Number.isInteger(x) && Math.abs(x) < 1e15, shown = exact ? x : roundedSignificant(x, 3);
    if (!(unit in DERIVED_USD)) return figure(shown, unit);
    var m = Math.abs(shown), sign = shown < 0 ? '-' : '';
    return sign + (m >= 1000 ? usd(m) : '$' + (exact ? grouped(m, 0) : significant(m, 3))) + DERIVED_USD[unit];
  }

  /* Format.cell: a table cell whose row heading carries the unit. */
  function cell(x, unit) {
    if (unit.indexOf('USD') === 0) return usd(x);
    return unit === 'FLOPs/byte' ? significant(x, 3) : grouped(x, 3);
  }

  window.SignalsCalc = { evaluate: ev, figure: figure, derived: derived, cell: cell };

  /* ---- The calculators ---- */
  function parse(text, fraction) {
    var t = String(text).trim().replace(/[$,\s_]/g, ''), pct = /%$/.test(t);
    if (pct) t = t.slice(0, -1);
    if (t === '' || !/^[0-9.eE+-]+$/.test(t)) return NaN;
    var v = Number(t);
    if (pct) v /= 100;
    if (!isFinite(v) || v <= 0 || (fraction && v > 1)) return NaN;
    return v;
  }
  function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
  /* Every calculator's query keys: a calculator that writes the URL clears the others' (one calculation per link). */
  var KEYS = ['ex'];
  function setQuery(id, pairs) {
    var q = new URLSearchParams(location.search);
    KEYS.forEach(function (k) { q.delete(k); });
    if (pairs.length) { q.set('ex', id); pairs.forEach(function (p) { q.set(p[0], p[1]); }); }
    var s = q.toString();
    history.replaceState(history.state, '', location.pathname + (s ? '?' + s : '') + location.hash);
  }
  function saver(list) {
    return function (el) {
      if (!el || el.__calcSaved) return el;
      el.__calcSaved = true;
      list.push({ el: el, html: el.innerHTML, value: el.getAttribute('value'), hidden: el.hidden, cls: el.className });
      return el;
    };
  }
  function restore(list) {
    list.forEach(function (o) {
      o.el.innerHTML = o.html; o.el.hidden = o.hidden; o.el.className = o.cls;
      if (o.value === null) o.el.removeAttribute('value'); else o.el.setAttribute('value', o.value);
    });
  }
  function noter(form, prefix) {
    return function (id, message) {
      var el = form.querySelector('#' + prefix + '-' + id + '-note');
      if (!el) return;
      if (el.__calcNote === undefined) el.__calcNote = el.textContent;
      el.textContent = message === null ? el.__calcNote : message;
    };
  }

  function Calc(section, apply) {
    var data = JSON.parse(section.querySelector('script[data-calc-data]').textContent);
    var form = section.querySelector('form[data-calc-form]');
    if (!form) return;
    var fieldset = form.querySelector('fieldset'), status = form.querySelector('.calc-status');
    var details = section.querySelector('details.calc'), nojs = form.querySelector('.calc-nojs');
    var state = { gpu: data.gpu, typed: {} }, originals = [], fields = {}, remember = saver(originals), note = noter(form, section.id);
    data.fields.forEach(function (f) { fields[f.id] = f; KEYS.push(f.id); });
    KEYS.push('gpu');
    fieldset.disabled = false;
    if (nojs) nojs.hidden = true;

    function gpuValues() { var g = data.gpus[state.gpu]; return g ? g.values : {}; }
    function isPublished(name) { return !(name in state.typed) && (state.gpu === data.gpu || !isGPUName(name)); }
    function isGPUName(name) {
      var g = data.gpus[data.gpu];
      return !!g && (name in g.values || name === 'peak');
    }
    function environment() {
      var env = {}, k, gv = gpuValues();
      for (k in data.values) env[k] = data.values[k];
      if (state.gpu !== data.gpu) for (k in gv) env[k] = gv[k];
      for (k in state.typed) env[k] = state.typed[k];
      if (data.peakBy && (state.gpu !== data.gpu || 'bytes' in state.typed)) {
        env.peak = gv[data.peakBy[String(env.bytes)] || data.peakBy['default']];
      } else if (state.gpu !== data.gpu && 'peak' in gv) {
        env.peak = gv.peak;
      }
      data.steps.forEach(function (s) { if (s.expr) env[s.name] = ev(s.expr, env); });
      return env;
    }
    function text(name, v) {
      if (typeof v !== 'number' || !isFinite(v)) return 'n/a';
      var unit = data.units[name] || '';
      return (data.computed.indexOf(name) >= 0 && !(name in state.typed)) ? derived(v, unit) : figure(v, unit);
    }
    function labelFor(name) {
      if (name in state.typed) return name === 'price' ? 'your price per GPU-hour' : null;
      var g = data.gpus[state.gpu];
      return g && g.labels[name] && state.gpu !== data.gpu ? g.labels[name] : null;
    }
    function setValue(dataEl, name, v) {
      if (!dataEl) return;
      remember(dataEl);
      if (typeof v === 'number' && isFinite(v)) dataEl.setAttribute('value', String(v));
      dataEl.textContent = text(name, v);
    }
    /* A reader's value is theirs; another GPU's figure names its source (code and date, or the median's
       providers), linked to its entry on the data page. */
    function tag(li, name, env) {
      var own = name in state.typed, other = !own && state.gpu !== data.gpu && isGPUName(name);
      if (!own && !other) return;
      var ref = li.querySelector('.src-ref');
      if (ref) { remember(ref); ref.hidden = true; }
      var span = document.createElement('span'), g = data.gpus[state.gpu];
      span.className = 'calc-tag';
      if (own) {
        span.textContent = ' (yours, not sourced)';
      } else {
        var key = name === 'peak' && data.peakBy ? data.peakBy[String(env.bytes)] || data.peakBy['default'] : name;
        var src = g.sources && g.sources[key];
        span.appendChild(document.createTextNode(' (' + g.name + (src ? ': ' : ', from the data page')));
        if (src) {
          var a = document.createElement('a');
          a.href = src.href;
          a.textContent = src.text;
          span.appendChild(a);
        }
        span.appendChild(document.createTextNode(')'));
      }
      li.appendChild(span);
    }

    function render(announce) {
      restore(originals);
      section.querySelectorAll('.calc-tag').forEach(function (t) { t.remove(); });
      var changed = state.gpu !== data.gpu || Object.keys(state.typed).length > 0;
      section.classList.toggle('calc-changed', changed);
      if (!changed) { if (announce) status.textContent = 'Published figures restored.'; return; }
      var env = environment(), g = data.gpus[state.gpu], last = null;
      var title = section.querySelector('.example-title strong');
      if (g && g.title && title) { remember(title); title.textContent = g.title; }
      section.querySelectorAll('[data-step]').forEach(function (li) {
        var name = li.getAttribute('data-step');
        setValue(li.querySelector('.step-value data'), name, env[name]);
        var label = labelFor(name), span = li.querySelector('.step-label');
        if (label && span) { remember(span); span.textContent = cap(label); }
        if (!isPublished(name)) {
          /* A median replaced by the reader's price (or another GPU's): its rows and formula no longer apply. */
          var rows = li.querySelector('details.rows'), formula = li.querySelector('.formula');
          if (rows) { remember(rows); rows.hidden = true; }
          if (formula && name in state.typed) { remember(formula); formula.hidden = true; }
        }
        tag(li, name, env);
        /* Announce the result: the break-even or a cost when the example has one, else its last step. */
        if (!last || !last.key || /cost|break_even/.test(name))
          last = { key: /cost|break_even/.test(name), text: (span ? span.textContent : name) + ' = ' + text(name, env[name]) };
      });
      section.querySelectorAll('[data-in]').forEach(function (li) {
        var name = li.getAttribute('data-in');
        setValue(li.querySelector('data'), name, env[name]);
        var label = labelFor(name), span = li.querySelector('.in-label');
        if (label && span) { remember(span); span.textContent = label; }
        tag(li, name, env);
      });
      if (announce && last) status.textContent = 'With your inputs: ' + last.text + '.';
    }

    function read(input, announce) {
      var id = input.name, f = fields[id];
      if (id === 'gpu') {
        state.gpu = input.value in data.gpus ? input.value : data.gpu;
        data.fields.forEach(function (other) {
          var box = form.elements[other.id];
          if (other.gpu && !(other.id in state.typed) && box) {
            var v = state.gpu === data.gpu ? data.values[other.id] : gpuValues()[other.id];
            box.value = v === undefined ? '' : String(v);
          }
        });
        return;
      }
      var v = parse(input.value, f && f.fraction);
      var published = f && f.gpu && state.gpu !== data.gpu ? gpuValues()[id] : data.values[id];
      if (isNaN(v)) {
        input.setAttribute('aria-invalid', 'true');
        note(id, f && f.fraction ? 'Enter a fraction above 0 and at most 1 (e.g. 0.55).' : 'Enter a number above 0 (e.g. 2.10 or 405e9).');
        if (announce) status.textContent = 'That value is not a number the calculation can use; the figures are unchanged.';
        return false;
      }
      input.removeAttribute('aria-invalid');
      if (v === published) {
        delete state.typed[id];
        note(id, null);
      } else {
        state.typed[id] = v;
        note(id, 'yours, not sourced');
      }
      return true;
    }

    function updateURL() {
      var pairs = state.gpu !== data.gpu ? [['gpu', state.gpu]] : [];
      data.fields.forEach(function (f) {
        if (f.id in state.typed) pairs.push([f.id, form.elements[f.id].value.trim()]);
      });
      setQuery(section.id, pairs);
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('input', function (e) {
      if (!e.target.name) return;
      if (read(e.target, true) !== false) { render(true); updateURL(); }
    });
    form.addEventListener('change', function (e) {
      if (e.target.name === 'gpu') { read(e.target, true); render(true); updateURL(); }
    });
    form.querySelector('[data-calc-reset]').addEventListener('click', function () {
      state = { gpu: data.gpu, typed: {} };
      form.reset();
      data.fields.forEach(function (f) { note(f.id, null); });
      Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (i) { i.removeAttribute('aria-invalid'); });
      render(true);
      updateURL();
    });

    if (apply) {
      var q = new URLSearchParams(location.search), any = false;
      if (q.has('gpu') && form.elements.gpu && q.get('gpu') in data.gpus) {
        form.elements.gpu.value = q.get('gpu'); read(form.elements.gpu, false); any = true;
      }
      data.fields.forEach(function (f) {
        var box = form.elements[f.id];
        if (f.id !== 'gpu' && q.has(f.id) && box) { box.value = q.get(f.id); read(box, false); any = true; }
      });
      if (any) { details.open = true; render(true); }
    }
  }

  /* A compare table (CompareTable.swift, LiveCompare.swift): a price per GPU-hour per accelerator column; the median
     row shows it and the rows in $ per unit of work are recomputed from it. Cells are found by position. */
  function Compare(fig, apply) {
    var data = JSON.parse(fig.querySelector('script[data-calc-data]').textContent);
    var form = fig.querySelector('form[data-calc-form]');
    if (!form) return;
    var status = form.querySelector('.calc-status'), details = fig.querySelector('details.calc'), nojs = form.querySelector('.calc-nojs');
    var typed = {}, originals = [], remember = saver(originals), note = noter(form, fig.id), columns = {};
    var body = fig.querySelector('tbody'), head = fig.querySelector('thead tr');
    data.columns.forEach(function (c) { columns[c.key] = c; KEYS.push(c.key); });
    form.querySelector('fieldset').disabled = false;
    if (nojs) nojs.hidden = true;

    function td(row, c) { var tr = body.children[row.index]; return tr ? tr.children[c.index + 1] : null; }
    function render(last) {
      restore(originals);
      fig.querySelectorAll('.calc-tag').forEach(function (t) { t.remove(); });
      var changed = Object.keys(typed).length > 0, said = [];
      fig.classList.toggle('calc-changed', changed);
      data.columns.forEach(function (c) {
        if (!(c.key in typed)) return;
        var env = {}, k;
        for (k in c.values) env[k] = c.values[k];
        env.price = typed[c.key];
        var th = head && head.children[c.index + 1];
        if (th) {
          var tag = document.createElement('span');
          tag.className = 'calc-tag';
          tag.textContent = ' (your price, not sourced)';
          th.appendChild(tag);
        }
        data.rows.forEach(function (row) {
          var el = td(row, c), v = row.expr ? ev(row.expr, env) : env.price;
          if (!el) return;
          remember(el);
          if (typeof v !== 'number' || !isFinite(v)) { el.textContent = '\u2014'; return; }
          var text = cell(v, row.unit);
          el.className = 'num calc-yours';
          el.innerHTML = '';
          var d = document.createElement('data');
          d.setAttribute('value', String(v));
          d.textContent = text;
          el.appendChild(d);
          if (c.key === last) said.push(text + ' ' + row.label);
        });
      });
      if (last === null || (last && !changed)) status.textContent = 'Published figures restored.';
      else if (last && !(last in typed)) status.textContent = 'Published price restored for ' + columns[last].name + '.';
      else if (last && said.length) status.textContent = 'With your price for ' + columns[last].name + ': ' + said.join(', ') + '.';
    }
    function read(input, announce) {
      var c = columns[input.name];
      if (!c) return false;
      var v = parse(input.value, false);
      if (isNaN(v)) {
        input.setAttribute('aria-invalid', 'true');
        note(c.key, 'Enter a price above 0 (e.g. 2.10).');
        if (announce) status.textContent = 'That price is not a number the table can use; the figures are unchanged.';
        return false;
      }
      input.removeAttribute('aria-invalid');
      if (v === c.price) { delete typed[c.key]; note(c.key, null); } else { typed[c.key] = v; note(c.key, 'yours, not sourced'); }
      return true;
    }
    function updateURL() {
      setQuery(fig.id, data.columns.filter(function (c) { return c.key in typed; }).map(function (c) {
        return [c.key, form.elements[c.key].value.trim()];
      }));
    }
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('input', function (e) {
      if (read(e.target, true)) { render(e.target.name); updateURL(); }
    });
    form.querySelector('[data-calc-reset]').addEventListener('click', function () {
      typed = {};
      form.reset();
      data.columns.forEach(function (c) { note(c.key, null); });
      Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (i) { i.removeAttribute('aria-invalid'); });
      render(null);
      updateURL();
    });
    if (apply) {
      var q = new URLSearchParams(location.search), any = null;
      data.columns.forEach(function (c) {
        var box = form.elements[c.key];
        if (q.has(c.key) && box) { box.value = q.get(c.key); if (read(box, false)) any = c.key; }
      });
      if (any) { details.open = true; render(any); }
    }
  }

  function start() {
    var all = document.querySelectorAll('section.worked-example[data-calc], figure.compare[data-calc]');
    var q = new URLSearchParams(location.search), target = q.get('ex');
    Array.prototype.forEach.call(all, function (s) {
      (s.tagName === 'FIGURE' ? Compare : Calc)(s, target ? s.id === target : all.length === 1);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
