/* Site search: reads /search-index.json (written at build time) and filters it in the browser.
   Without JavaScript the search form simply opens /learn/, which lists every lesson. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var indexPromise = null;
  // The form names the index's address, which includes the site's root path (baseURL may have one).
  function indexURL() {
    var form = document.querySelector("[data-search][data-index]");
    return (form && form.getAttribute("data-index")) || "/search-index.json";
  }
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = fetch(indexURL(), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) { return Array.isArray(data) ? data.map(prepare) : []; })
        .catch(function () { return []; });
    }
    return indexPromise;
  }

  function norm(s) {
    return String(s || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  // Headings are either plain strings or {title, id, text} objects (the id is the heading's anchor, the text the
  // words of its section); the item's text is the words before the first heading. The build normalises the words.
  function prepare(item) {
    var headings = (Array.isArray(item.headings) ? item.headings : []).map(function (h) {
      return h && typeof h === "object" ? { title: String(h.title || ""), id: String(h.id || ""), text: String(h.text || "") } : { title: String(h), id: "", text: "" };
    });
    return {
      title: String(item.title || ""),
      url: String(item.url || "/"),
      summary: String(item.summary || item.definition || ""),
      kind: String(item.kind || ""),
      headings: headings,
      t: norm(item.title),
      s: norm(item.summary || item.definition),
      h: headings.map(function (h) { return norm(h.title); }),
      x: headings.map(function (h) { return " " + h.text + " "; }),
      b: " " + String(item.text || "") + " "
    };
  }

  // Where the words of the body contain `term`: -1 for the text before the first heading, else the heading's position.
  function inBody(item, term) {
    if (item.b.indexOf(term) >= 0) return -1;
    for (var j = 0; j < item.x.length; j++) if (item.x[j].indexOf(term) >= 0) return j;
    return null;
  }

  function score(item, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var best = 0;
      if (item.t === term) best = 12;
      else if (item.t.indexOf(term) === 0) best = 8;
      else if (item.t.indexOf(term) >= 0) best = 6;
      for (var j = 0; j < item.h.length && best < 4; j++) {
        if (item.h[j].indexOf(term) >= 0) best = Math.max(best, 4);
      }
      if (!best && item.s.indexOf(term) >= 0) best = 2;
      // Words of the body rank below titles, headings and summaries; a whole word above part of one.
      if (!best && inBody(item, term) !== null) best = (item.b + item.x.join(" ")).indexOf(" " + term + " ") >= 0 ? 1.5 : 1;
      if (!best) return 0;
      total += best;
    }
    return total;
  }

  function search(items, query) {
    var terms = norm(query).split(/[^a-z0-9.+-]+/).filter(function (t) { return t.length > 0; });
    if (!terms.length) return [];
    return items
      .map(function (item) { return { item: item, score: score(item, terms), terms: terms }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.item.title.localeCompare(b.item.title); });
  }

  // The heading that matches every term best (all terms first, then the most terms), or null.
  function matchingHeading(result) {
    var item = result.item, best = null, bestCount = 0;
    for (var j = 0; j < item.h.length; j++) {
      var count = 0;
      for (var i = 0; i < result.terms.length; i++) {
        if (item.h[j].indexOf(result.terms[i]) >= 0) count++;
      }
      if (count > bestCount) { best = item.headings[j]; bestCount = count; }
    }
    // A title match is better than a partial heading match.
    if (best && bestCount < result.terms.length && result.terms.every(function (t) { return item.t.indexOf(t) >= 0; })) return null;
    if (best) return best;
    // No heading names the terms: the section whose words contain the most of them, when the title has none.
    if (result.terms.some(function (t) { return item.t.indexOf(t) >= 0 || item.s.indexOf(t) >= 0; })) return null;
    for (j = 0; j < item.x.length; j++) {
      var inSection = 0;
      for (var k = 0; k < result.terms.length; k++) {
        if (item.x[j].indexOf(result.terms[k]) >= 0) inSection++;
      }
      if (inSection > bestCount) { best = item.headings[j]; bestCount = inSection; }
    }
    return best;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function renderList(container, results, limit) {
    container.textContent = "";
    if (!results.length) {
      container.appendChild(el("p", "r-none", "No page mentions that. Try a shorter word."));
      return;
    }
    var ul = el("ul");
    results.slice(0, limit).forEach(function (r) {
      var li = el("li");
      var a = el("a");
      var heading = matchingHeading(r);
      a.href = heading && heading.id ? r.item.url + "#" + heading.id : r.item.url;
      a.appendChild(el("span", "r-title", heading ? heading.title : r.item.title));
      var sub = heading ? "in " + r.item.title : r.item.summary;
      if (sub) a.appendChild(el("span", "r-sub", sub));
      li.appendChild(a);
      ul.appendChild(li);
    });
    container.appendChild(ul);
  }

  function setup(form) {
    var input = form.querySelector("input[type=search]");
    var box = form.querySelector("[data-search-results]");
    if (!input || !box) return;
    var status = el("p", "search-label");
    status.setAttribute("role", "status");
    form.appendChild(status);
    var latest = [];
    var timer = null;

    function close() { box.hidden = true; }
    function update() {
      var q = input.value.trim();
      if (!q) { close(); status.textContent = ""; latest = []; return; }
      loadIndex().then(function (items) {
        if (input.value.trim() !== q) return;
        latest = search(items, q);
        renderList(box, latest, 8);
        box.hidden = false;
        status.textContent = latest.length + (latest.length === 1 ? " result" : " results");
      });
    }

    input.setAttribute("aria-controls", box.id || (box.id = "search-results-" + Math.random().toString(36).slice(2, 8)));
    input.addEventListener("focus", loadIndex);
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 80); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { close(); }
      if (e.key === "ArrowDown" && !box.hidden) {
        var first = box.querySelector("a");
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    box.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(box.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i >= 0 && i < links.length - 1) { e.preventDefault(); links[i + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); if (i > 0) links[i - 1].focus(); else input.focus(); }
      if (e.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    form.addEventListener("submit", function (e) {
      var q = input.value.trim();
      if (!q) return;
      if (latest.length && !box.hidden) {
        e.preventDefault();
        var first = box.querySelector("a");
        window.location.href = first ? first.href : latest[0].item.url;
      }
    });
  }

  function setupResultsPage() {
    var page = document.querySelector("[data-search-page]");
    if (!page) return;
    var q = new URLSearchParams(window.location.search).get("q");
    if (!q) return;
    var input = document.querySelector(".search input[type=search]");
    if (input) input.value = q;
    var out = page.querySelector("[data-search-page-results]");
    loadIndex().then(function (items) {
      renderList(out, search(items, q), 50);
      page.hidden = false;
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-search]"), setup);
    setupResultsPage();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
