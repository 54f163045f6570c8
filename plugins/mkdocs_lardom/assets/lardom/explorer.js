/*
 * Lärdomsbanken – Utforska lärdomar (lesson explorer).
 *
 * Renders a faceted lesson explorer into <div id="lardom-explorer" data-src data-root>.
 * Vanilla ES2019, no dependencies, no requests other than data-src.
 *
 * - Within a facet choices combine with OR, across facets with AND; the title filter is
 *   one more AND condition.
 * - Counts are standard faceted counts: for facet F, over the lessons that match every
 *   OTHER facet's choices and the title filter. One pass over the lessons computes the
 *   result and the counts of every facet (a lesson that fails exactly one facet counts
 *   only for that facet).
 * - The facet DOM is built once per page; renders update counts and states in place.
 * - State lives in the query string (facet keys and "ord"), written with replaceState.
 * - Works with mkdocs-material's instant navigation (document$) and as a plain script.
 */
(function () {
  'use strict';

  // Loaded again (e.g. a script tag inside the page content, which mkdocs-material's
  // instant navigation re-runs): only look for a new explorer element.
  if (window.lardomExplorer && typeof window.lardomExplorer.boot === 'function') {
    window.lardomExplorer.boot();
    return;
  }

  var PAGE_SIZE = 50;
  var COLLAPSED_SIZE = 8;
  var LONG_FACETS = ['agency', 'theme', 'signal'];
  var ALWAYS_COLLAPSE_OVER = 15; // any facet this long gets "Visa alla" too
  var TEXT_PARAM = 'ord'; // not "q": mkdocs-material's search reads ?q=
  var DEBOUNCE_MS = 100;
  // history.replaceState costs a few ms in Chrome and is rate-limited, so the URL is
  // written a little after the list; following a link or leaving the page writes it at
  // once.
  var URL_DELAY_MS = 250;
  var MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli',
    'augusti', 'september', 'oktober', 'november', 'december'];

  var T = {
    loading: 'Läser in lärdomarna …',
    error: 'Det gick inte att läsa in lärdomarna. Försök att ladda om sidan.',
    retry: 'Försök igen',
    textLabel: 'Filtrera på ord i rubriken',
    textChip: 'Ord i rubriken',
    skip: 'Hoppa till resultaten',
    filtersHeading: 'Filter',
    filtersToggle: 'Filtrera',
    selected: function (n) { return n === 1 ? ' (1 filter valt)' : ' (' + n + ' filter valda)'; },
    showAll: function (n) { return 'Visa alla (' + n + ')'; },
    showFewer: 'Visa färre',
    none: 'Inga lärdomar matchar',
    noneAtAll: 'Det finns inga lärdomar ännu',
    count: function (n) { return n === 1 ? '1 lärdom' : fmtNumber(n) + ' lärdomar'; },
    showResults: function (n) { return n ? 'Visa ' + T.count(n) : 'Stäng filtren'; },
    noneHint: 'Prova att ta bort ett filter eller att filtrera på ett annat ord.',
    activeHeading: 'Valda filter',
    remove: 'Ta bort filtret ',
    clearAll: 'Rensa alla filter',
    showing: function (shown, total) { return 'Visar ' + fmtNumber(shown) + ' av ' + fmtNumber(total) + '.'; },
    more: 'Visa fler',
    kindPrefix: 'Typ: ',
    languagePrefix: 'Språk: '
  };

  var pendingUrlWrite = null; // the mounted explorer's flush, while a URL write waits

  function flushUrlWrite(e) {
    if (!pendingUrlWrite) return;
    if (e && e.type === 'click' && !(e.target && e.target.closest && e.target.closest('a[href]'))) return;
    pendingUrlWrite();
  }

  // ---------------------------------------------------------------- helpers

  var COMBINING = /[\u0300-\u036f]/g;
  var SPACES = /\s+/g;

  /** Case- and diacritic-insensitive form: NFD, combining marks removed, lowercase. */
  function fold(s) {
    return String(s).normalize('NFD').replace(COMBINING, '').toLowerCase().replace(SPACES, ' ');
  }

  /** 12345 -> "12 345" with a no-break space, as Swedish writes it. */
  function fmtNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  }

  /** "2024-03-15" -> "15 mars 2024"; "2024-03" -> "mars 2024"; anything else as it is. */
  function fmtDate(iso) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
    if (!m) return iso;
    var month = MONTHS[Number(m[2]) - 1];
    if (!month) return iso;
    return (m[3] ? Number(m[3]) + ' ' : '') + month + ' ' + m[1];
  }

  /** Tiny element builder. attrs: class, text, or any attribute; null/false skipped. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  function srOnly(text) {
    return el('span', { class: 'lardom-sr', text: text });
  }

  // ------------------------------------------------------------- the data

  /** Validate the build's JSON and turn it into the model the explorer works on. */
  function prepare(raw) {
    if (!raw || raw.version !== 1 || !Array.isArray(raw.facets) || !Array.isArray(raw.lessons)) {
      throw new Error('lardom explorer: unexpected JSON (version ' + (raw && raw.version) + ')');
    }
    var facets = raw.facets.map(function (f) {
      var ids = [];
      var labels = [];
      var byId = new Map();
      (Array.isArray(f && f.values) ? f.values : []).forEach(function (pair) {
        if (!Array.isArray(pair) || pair[0] === undefined || pair[0] === null) return;
        var id = String(pair[0]);
        if (!byId.has(id)) byId.set(id, ids.length);
        ids.push(id);
        labels.push(pair[1] === undefined || pair[1] === null ? id : String(pair[1]));
      });
      return { key: String(f && f.key), label: String(f && f.label), ids: ids, labels: labels, byId: byId };
    });
    var nf = facets.length;
    var lessons = [];
    var skipped = 0;
    raw.lessons.forEach(function (row) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || !row[0] || !Array.isArray(row[3])) {
        skipped++;
        return;
      }
      var fv = new Array(nf);
      for (var f = 0; f < nf; f++) fv[f] = cleanValues(row[3][f], facets[f].ids.length);
      var title = row[1] === undefined || row[1] === null ? row[0] : String(row[1]);
      lessons.push({ id: row[0], title: title, date: row[2] ? String(row[2]) : '', fv: fv });
    });
    if (skipped) console.warn('lardom explorer: skipped ' + skipped + ' malformed lessons');
    var keyIndex = {};
    facets.forEach(function (f, i) { if (!(f.key in keyIndex)) keyIndex[f.key] = i; });
    return { facets: facets, lessons: lessons, keyIndex: keyIndex, folded: null };
  }

  var NONE = [];

  /** The value indexes as given when they are valid (the usual case), else a cleaned copy. */
  function cleanValues(src, max) {
    if (!Array.isArray(src)) return NONE;
    for (var j = 0; j < src.length; j++) {
      var v = src[j];
      if (!(Number.isInteger(v) && v >= 0 && v < max) || src.indexOf(v) !== j) {
        var out = [];
        src.forEach(function (w) {
          if (Number.isInteger(w) && w >= 0 && w < max && out.indexOf(w) === -1) out.push(w);
        });
        return out;
      }
    }
    return src;
  }

  /** Folded titles, made on the first use of the title filter (not on page load). */
  function foldedTitles(model) {
    if (!model.folded) model.folded = model.lessons.map(function (l) { return fold(l.title); });
    return model.folded;
  }

  function load(src) {
    return window.lardom.loadJson(src, prepare, 'lardom explorer');
  }

  // --------------------------------------------------------------- startup

  function boot() {
    window.lardom.boot('lardom-explorer', start);
  }

  function start(root) {
    root.classList.add('lardom-explorer');
    root.setAttribute('aria-busy', 'true');
    root.textContent = '';
    root.appendChild(el('p', { class: 'lardom-explorer__loading', text: T.loading }));
    load(root.getAttribute('data-src') || '').then(function (model) {
      if (!root.isConnected) return;
      root.removeAttribute('aria-busy');
      mount(root, model);
    }, function (err) {
      console.error(err);
      if (!root.isConnected) return;
      root.removeAttribute('aria-busy');
      showError(root);
    });
  }

  function showError(root) {
    root.textContent = '';
    var retry = el('button', { type: 'button', class: 'lardom-linkbutton', text: T.retry });
    retry.addEventListener('click', function () { start(root); });
    root.appendChild(el('div', { class: 'lardom-explorer__error', role: 'alert' },
      el('p', { text: T.error }), retry));
  }

  // -------------------------------------------------------------- explorer

  function mount(root, model) {
    var facets = model.facets;
    var lessons = model.lessons;
    var nf = facets.length;
    var rootUrl = root.getAttribute('data-root') || '';
    if (rootUrl && rootUrl.charAt(rootUrl.length - 1) !== '/') rootUrl += '/';
    var pageLang = (document.documentElement.lang || 'sv').toLowerCase().split('-')[0];
    var agencyF = model.keyIndex.agency;
    var kindF = model.keyIndex.kind;
    var languageF = model.keyIndex.language;

    // State: per facet a flag per value, and how many are set.
    var sel = facets.map(function (f) { return new Uint8Array(f.ids.length); });
    var selN = new Array(nf).fill(0);
    var rawText = ''; // as typed (trimmed): shown in the chip and kept in the URL
    var foldedText = ''; // what titles are matched against
    var expanded = new Array(nf).fill(false);
    var filtersOpen = false; // the narrow-screen disclosure

    // Results of the last compute().
    var counts = facets.map(function (f) { return new Int32Array(f.ids.length); });
    var matches = [];
    var shown = 0;

    readUrl();

    // ---- build the DOM once
    var ids = { text: 'lardom-ord', results: 'lardom-resultat', status: 'lardom-antal', body: 'lardom-filter' };
    root.textContent = '';

    var skip = el('a', { class: 'lardom-skip', href: '#' + ids.results, text: T.skip });

    var textInput = el('input', {
      type: 'search', id: ids.text, class: 'lardom-text__input', autocomplete: 'off',
      spellcheck: 'false', enterkeyhint: 'search'
    });
    textInput.value = rawText;
    var textBox = el('div', { class: 'lardom-text' },
      el('label', { for: ids.text, class: 'lardom-text__label', text: T.textLabel }), textInput);

    var toggleCount = document.createTextNode('');
    var filtersToggle = el('button', {
      type: 'button', class: 'lardom-filters__toggle', 'aria-expanded': 'false', 'aria-controls': ids.body
    }, el('span', { class: 'lardom-filters__chevron', 'aria-hidden': 'true' }), T.filtersToggle, toggleCount);
    var filtersBody = el('div', { class: 'lardom-filters__body', id: ids.body });
    var filters = el('div', { class: 'lardom-filters is-collapsed' },
      el('h2', { class: 'lardom-sr', text: T.filtersHeading }), filtersToggle, filtersBody);
    // Narrow screens only: the results are below the long filter panel.
    var filtersDone = el('button', { type: 'button', class: 'lardom-button lardom-filters__done' });

    var options = []; // {f, v, row, input, countText, count, empty}
    var toggles = new Array(nf).fill(null);
    facets.forEach(function (facet, f) {
      if (!facet.ids.length) return;
      var listId = 'lardom-f' + f;
      var box = el('div', { class: 'lardom-facet__options', id: listId });
      facet.ids.forEach(function (id, v) {
        var inputId = 'lardom-f' + f + '-' + v;
        var input = el('input', { type: 'checkbox', id: inputId, class: 'lardom-option__input', name: facet.key, value: id });
        input.lardomFacet = f;
        input.lardomValue = v;
        // The count is shown bare and read as "Namn (12)".
        var countText = document.createTextNode('');
        var countSr = document.createTextNode('');
        var row = el('div', { class: 'lardom-option' }, input,
          el('label', { for: inputId, class: 'lardom-option__label' },
            el('span', { class: 'lardom-option__name', text: facet.labels[v] }, el('span', { class: 'lardom-sr' }, countSr)),
            el('span', { class: 'lardom-option__count', 'aria-hidden': 'true' }, countText)));
        box.appendChild(row);
        options.push({ f: f, v: v, row: row, input: input, countText: countText, countSr: countSr, count: -1, empty: false });
      });
      var fieldset = el('fieldset', { class: 'lardom-facet', 'data-facet': facet.key },
        el('legend', { class: 'lardom-facet__legend', text: facet.label }), box);
      var long = LONG_FACETS.indexOf(facet.key) !== -1 || facet.ids.length > ALWAYS_COLLAPSE_OVER;
      if (long && facet.ids.length > COLLAPSED_SIZE + 2) {
        var btn = el('button', {
          type: 'button', class: 'lardom-linkbutton lardom-facet__toggle',
          'aria-expanded': 'false', 'aria-controls': listId, text: T.showAll(facet.ids.length)
        });
        btn.lardomFacet = f;
        toggles[f] = btn;
        fieldset.appendChild(btn);
      }
      filtersBody.appendChild(fieldset);
    });
    filtersBody.appendChild(filtersDone);

    // The count is a polite live region inside the heading; aria-labelledby gives the
    // heading its name (Chrome leaves live regions out of a heading's name otherwise).
    var statusText = el('span', { id: ids.status, role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    var heading = el('h2', {
      class: 'lardom-results__heading', id: ids.results, tabindex: '-1', 'aria-labelledby': ids.status
    }, statusText);
    var chipList = el('ul', { class: 'lardom-chips' });
    var clearAll = el('button', { type: 'button', class: 'lardom-linkbutton lardom-clear', text: T.clearAll });
    var active = el('div', { class: 'lardom-active', hidden: true },
      el('h3', { class: 'lardom-sr', text: T.activeHeading }), chipList, clearAll);
    var emptyHint = el('p', { class: 'lardom-empty', hidden: true, text: T.noneHint });
    var list = el('ul', { class: 'lardom-results__list' });
    var moreInfo = el('p', { class: 'lardom-more__info' });
    var moreButton = el('button', { type: 'button', class: 'lardom-button lardom-more__button', text: T.more });
    var more = el('div', { class: 'lardom-more', hidden: true }, moreInfo, moreButton);
    var results = el('section', { class: 'lardom-results', 'aria-labelledby': ids.results },
      heading, active, emptyHint, list, more);

    root.appendChild(skip);
    root.appendChild(textBox);
    root.appendChild(el('div', { class: 'lardom-layout' }, filters, results));

    // ---- events
    skip.addEventListener('click', function (e) {
      e.preventDefault();
      e.stopPropagation(); // mkdocs-material's instant navigation would take the focus away
      heading.focus();
    });

    filtersBody.addEventListener('change', function (e) {
      var input = e.target;
      if (!input || input.lardomFacet === undefined) return;
      setChoice(input.lardomFacet, input.lardomValue, input.checked);
      update();
    });

    filtersBody.addEventListener('click', function (e) {
      var btn = e.target.closest ? e.target.closest('.lardom-facet__toggle') : null;
      if (!btn || btn.lardomFacet === undefined) return;
      var f = btn.lardomFacet;
      expanded[f] = !expanded[f];
      btn.setAttribute('aria-expanded', String(expanded[f]));
      btn.textContent = expanded[f] ? T.showFewer : T.showAll(facets[f].ids.length);
      renderFacets();
    });

    function openFilters(open) {
      filtersOpen = open;
      filters.classList.toggle('is-collapsed', !open);
      filtersToggle.setAttribute('aria-expanded', String(open));
    }
    filtersToggle.addEventListener('click', function () { openFilters(!filtersOpen); });
    filtersDone.addEventListener('click', function () {
      openFilters(false);
      heading.focus();
    });

    var textTimer = 0;
    var urlTimer = 0;
    textInput.addEventListener('input', function () {
      clearTimeout(textTimer);
      textTimer = setTimeout(applyText, DEBOUNCE_MS);
    });
    textInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        e.preventDefault();
        clearTimeout(textTimer);
        applyText();
      }
    });

    chipList.addEventListener('click', function (e) {
      var btn = e.target.closest ? e.target.closest('button') : null;
      if (!btn) return;
      var chips = Array.prototype.slice.call(chipList.querySelectorAll('button'));
      var at = chips.indexOf(btn);
      if (btn.lardomFacet === undefined) {
        clearText();
      } else {
        setChoice(btn.lardomFacet, btn.lardomValue, false);
      }
      update();
      // Keep the keyboard where it was: the chip that took this one's place, else the
      // one before it, else the results heading.
      var left = chipList.querySelectorAll('button');
      var next = left[Math.min(at, left.length - 1)];
      (next || heading).focus();
    });

    clearAll.addEventListener('click', function () {
      for (var f = 0; f < nf; f++) { sel[f].fill(0); selN[f] = 0; }
      clearText();
      update();
      heading.focus();
    });

    moreButton.addEventListener('click', function () {
      var first = shown;
      renderMore(shown + PAGE_SIZE);
      var item = list.children[first];
      var link = item && item.querySelector('a');
      if (link) link.focus();
    });

    update();
    // Fold the titles for the title filter when the browser is idle, not on the first key.
    (window.requestIdleCallback || setTimeout)(function () { foldedTitles(model); });

    // ---- state
    function readUrl() {
      var params;
      try {
        params = new URLSearchParams(location.search);
      } catch (e) {
        return;
      }
      facets.forEach(function (facet, f) {
        params.getAll(facet.key).forEach(function (id) {
          var v = facet.byId.get(id);
          if (v !== undefined) setChoice(f, v, true); // unknown values are ignored
        });
      });
      setText(params.get(TEXT_PARAM) || '');
    }

    function writeUrl() {
      var params;
      try {
        params = new URLSearchParams(location.search);
      } catch (e) {
        return;
      }
      facets.forEach(function (facet) { params.delete(facet.key); });
      params.delete(TEXT_PARAM);
      facets.forEach(function (facet, f) {
        if (!selN[f]) return;
        for (var v = 0; v < facet.ids.length; v++) if (sel[f][v]) params.append(facet.key, facet.ids[v]);
      });
      if (rawText) params.append(TEXT_PARAM, rawText);
      var qs = params.toString();
      var url = location.pathname + (qs ? '?' + qs : '') + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      try {
        history.replaceState(history.state, '', url); // keep the theme's scroll state
      } catch (e) { /* e.g. sandboxed iframes */ }
    }

    function setChoice(f, v, on) {
      var s = sel[f];
      if (!!s[v] === on) return;
      s[v] = on ? 1 : 0;
      selN[f] += on ? 1 : -1;
    }

    function setText(value) {
      rawText = String(value).trim().replace(SPACES, ' ');
      foldedText = fold(rawText);
    }

    function clearText() {
      clearTimeout(textTimer);
      textInput.value = '';
      setText('');
    }

    function applyText() {
      textTimer = 0;
      if (!root.isConnected) return; // the page was left within the debounce
      var before = rawText;
      setText(textInput.value);
      if (rawText !== before) update();
    }

    function anyFilter() {
      if (foldedText) return true;
      for (var f = 0; f < nf; f++) if (selN[f]) return true;
      return false;
    }

    // ---- the one pass
    function compute() {
      var activeF = [];
      for (var f = 0; f < nf; f++) {
        counts[f].fill(0);
        if (selN[f]) activeF.push(f);
      }
      var na = activeF.length;
      var q = foldedText;
      var titles = q ? foldedTitles(model) : null;
      var out = [];
      for (var i = 0, n = lessons.length; i < n; i++) {
        var lesson = lessons[i];
        if (q && titles[i].indexOf(q) === -1) continue;
        var fv = lesson.fv;
        var fails = 0;
        var failed = -1;
        for (var k = 0; k < na; k++) {
          var af = activeF[k];
          var vals = fv[af];
          var s = sel[af];
          var ok = false;
          for (var j = 0; j < vals.length; j++) {
            if (s[vals[j]]) { ok = true; break; }
          }
          if (!ok) {
            failed = af;
            if (++fails > 1) break;
          }
        }
        if (fails === 0) {
          out.push(i);
          for (var g = 0; g < nf; g++) {
            var gv = fv[g];
            var c = counts[g];
            for (var x = 0; x < gv.length; x++) c[gv[x]]++;
          }
        } else if (fails === 1) {
          // Fails only facet `failed`: it would match if a value of it were chosen.
          var fvals = fv[failed];
          var fc = counts[failed];
          for (var y = 0; y < fvals.length; y++) fc[fvals[y]]++;
        }
      }
      matches = out;
    }

    // ---- rendering
    function update() {
      if (!root.isConnected) return;
      compute();
      renderFacets();
      renderStatus();
      renderChips();
      list.textContent = '';
      shown = 0;
      renderMore(PAGE_SIZE);
      clearTimeout(urlTimer);
      urlTimer = setTimeout(flushUrl, URL_DELAY_MS);
      pendingUrlWrite = flushUrl;
    }

    function flushUrl() {
      clearTimeout(urlTimer);
      urlTimer = 0;
      if (pendingUrlWrite === flushUrl) pendingUrlWrite = null;
      if (root.isConnected) writeUrl(); // not onto the URL of a page navigated to since
    }

    function renderFacets() {
      for (var i = 0; i < options.length; i++) {
        var o = options[i];
        var checked = sel[o.f][o.v] === 1;
        var c = counts[o.f][o.v];
        if (o.input.checked !== checked) o.input.checked = checked;
        if (c !== o.count) {
          o.count = c;
          o.countText.nodeValue = fmtNumber(c);
          o.countSr.nodeValue = ' (' + o.countText.nodeValue + ')';
        }
        var empty = c === 0 && !checked;
        if (empty !== o.empty) {
          o.empty = empty;
          o.row.classList.toggle('is-empty', empty);
        }
        if (toggles[o.f]) {
          var hide = !expanded[o.f] && o.v >= COLLAPSED_SIZE && !checked;
          if (hide !== o.row.hidden) {
            if (hide && o.row.contains(document.activeElement)) toggles[o.f].focus();
            o.row.hidden = hide;
          }
        }
      }
      var total = 0;
      for (var f = 0; f < nf; f++) total += selN[f];
      toggleCount.nodeValue = total ? T.selected(total) : '';
    }

    function renderStatus() {
      var n = matches.length;
      var text = n ? T.count(n) : (lessons.length ? T.none : T.noneAtAll);
      if (statusText.textContent !== text) statusText.textContent = text;
      filtersDone.textContent = T.showResults(n);
      emptyHint.hidden = !(n === 0 && lessons.length && anyFilter());
    }

    function renderChips() {
      chipList.textContent = '';
      if (rawText) chipList.appendChild(chip(T.textChip + ': \u201d' + rawText + '\u201d'));
      facets.forEach(function (facet, f) {
        if (!selN[f]) return;
        for (var v = 0; v < facet.ids.length; v++) {
          if (!sel[f][v]) continue;
          var item = chip(facet.label + ': ' + facet.labels[v]);
          var btn = item.firstChild;
          btn.lardomFacet = f;
          btn.lardomValue = v;
          chipList.appendChild(item);
        }
      });
      active.hidden = !chipList.firstChild;
    }

    function chip(text) {
      return el('li', null, el('button', { type: 'button', class: 'lardom-chip', 'aria-label': T.remove + text },
        el('span', { class: 'lardom-chip__text', text: text }),
        el('span', { class: 'lardom-chip__x', 'aria-hidden': 'true', text: '\u00d7' })));
    }

    /** Show matches up to `limit` (appending to what is shown). */
    function renderMore(limit) {
      var end = Math.min(limit, matches.length);
      if (end > shown) {
        var frag = document.createDocumentFragment();
        for (var i = shown; i < end; i++) frag.appendChild(item(lessons[matches[i]]));
        list.appendChild(frag);
        shown = end;
      }
      var rest = matches.length - shown;
      more.hidden = rest <= 0;
      if (rest > 0) moreInfo.textContent = T.showing(shown, matches.length);
    }

    function lessonUrl(id) {
      return rootUrl + 'lardomar/' + id.split('/').map(encodeURIComponent).join('/') + '/';
    }

    function labelsOf(lesson, f) {
      if (f === undefined) return [];
      return lesson.fv[f].map(function (v) { return facets[f].labels[v]; });
    }

    function item(lesson) {
      var link = el('a', { href: lessonUrl(lesson.id), text: lesson.title });
      var tags = [];
      if (languageF !== undefined) {
        lesson.fv[languageF].forEach(function (v) {
          var code = facets[languageF].ids[v];
          if (code.toLowerCase().split('-')[0] === pageLang) return;
          if (/^[a-z]{2,3}(-[a-z0-9]+)*$/i.test(code)) link.setAttribute('lang', code);
          tags.push([T.languagePrefix, facets[languageF].labels[v], 'lardom-tag lardom-tag--language']);
        });
      }
      labelsOf(lesson, kindF).forEach(function (label, k) {
        var id = facets[kindF].ids[lesson.fv[kindF][k]].replace(/[^a-z0-9-]/gi, '');
        tags.unshift([T.kindPrefix, label, 'lardom-tag lardom-tag--' + id]);
      });
      // Parts are separated for screen readers by a hidden comma, on screen by layout
      // (and a middle dot between agency and date).
      var meta = el('p', { class: 'lardom-item__meta' });
      var agencies = labelsOf(lesson, agencyF).join(', ');
      if (agencies) meta.appendChild(el('span', { class: 'lardom-item__agency', text: agencies }));
      if (lesson.date) {
        if (agencies) meta.appendChild(el('span', { class: 'lardom-item__sep', 'aria-hidden': 'true', text: '\u00b7' }));
        meta.appendChild(el('time', { class: 'lardom-item__date', datetime: lesson.date },
          agencies ? srOnly(', ') : null, fmtDate(lesson.date)));
      }
      tags.forEach(function (t) {
        meta.appendChild(el('span', { class: t[2] }, srOnly(meta.firstChild ? ', ' + t[0] : t[0]), t[1]));
      });
      return el('li', { class: 'lardom-item' }, el('h3', { class: 'lardom-item__title' }, link), meta);
    }
  }

  // ------------------------------------------------------------------ start

  window.lardomExplorer = { boot: boot };
  document.addEventListener('click', flushUrlWrite, true);
  window.addEventListener('pagehide', flushUrlWrite);
  document.addEventListener('visibilitychange', flushUrlWrite);
  window.lardom.onEveryPage(boot);
})();
