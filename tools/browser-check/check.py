#!/usr/bin/env python3
"""Open every page of the built site in headless Chromium and check what a reader would see.

For each page, at 390 px and 1280 px wide, in light and dark colour schemes:
  - save a full-page screenshot under --out (e.g. screenshots/learn-what-is-a-gpu-hour--390-dark.png);
  - fail on any console error (a failed request, a script error);
  - fail on serious or critical axe-core violations (selenium-axe-python, axe-core 4.x);
  - at 390 px, fail when the page scrolls horizontally;
  - tables (closed <details> opened first): at 1024 px (light), 1280 px and in print (718 px, A4 less margins),
    fail on a table whose content is cut off (its frame's scrollWidth > clientWidth); at 390 px, fail on a price
    row (a table with a price column and a date or source column) whose price, date or source cell is not wholly
    in the viewport and its frame, and on rows stacked as cards whose cell labels do not match the column headings;
  - drawn figures (SVG of {bar-chart}, {flow-diagram}, {market-map}): fail on text under 11 px, text outside its
    drawing or its box, and two texts that overlap;
  - fail unless the page has exactly one h1, a <main> landmark and a skip link;
  - at 390 px, fail on a figure whose source cannot be reached without hover: a source or date in a title=
    tooltip, an inline figure that is not a popover button, a popover that a tap or Enter does not open, that
    gives no date or opens off screen, and a table's source marker that lands on no dated note.
Calculators (live worked examples, js/calc.js): the agreement test replays `signals model formulas --vectors 1000`
(every live formula on 1,000 seeded random input vectors, with the Swift model's value and texts, and numbers at
formatting edges) through the page's evaluator and formatter: each value must equal the model's to 1e-9 relative and
each text (a step's, a derived step's, a table cell's) must be identical. On every page with a calculator, the first one is driven: a value typed into a field
must change the steps (checked against the page's own formulas evaluated here), put the input in the URL, survive a
reload of that URL and go away with "Reset to published figures"; another GPU chosen, its figures must name their
sources (a dated source code or the prices file, linked to /data/); with and without JavaScript the example must take
the same space (no layout shift). Every live compare table is driven the same way (a price typed for its first column:
the per-unit rows, the heading's "your price" label, the URL, a reload, the reset, no sideways scroll at 390 px, no
layout shift; screenshots *--compare-N-{390,1280}-{light,dark}.png).
Once: typing in the home page's search box must list results from /search-index.json, and a word only in a
page's body ("sparsity") must find that page; the first Tab
on a page must land on a visible skip link; with JavaScript disabled a lesson must still show its
content, and the search form must fall back to /learn/ (screenshot *--nojs.png).
Exit status 1 when anything failed; every failure is printed.
"""
import argparse
import base64
import os
import re
import sys
import time
from pathlib import Path

try:  # the maintained fork (axe-core 4.x) first, the original package second
    from selenium_axe_python import Axe
except ImportError:  # pragma: no cover
    from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WIDTHS = {390: 844, 1280: 900}
SCHEMES = ["light", "dark"]
MAX_SHOT_HEIGHT = 16000


def find_pages(public: Path):
    """Every index.html under public/ as a URL path, plus the 404 page."""
    pages = []
    for index in sorted(public.rglob("index.html")):
        rel = index.parent.relative_to(public).as_posix()
        pages.append("/" if rel == "." else f"/{rel}/")
    if (public / "404.html").exists():
        pages.append("/404.html")
    return pages


def shot_name(path: str, width: int, scheme: str) -> str:
    slug = path.strip("/").replace("/", "-").replace(".html", "") or "home"
    return f"{slug}--{width}-{scheme}.png"


def make_driver():
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument("--hide-scrollbars")
    options.add_argument("--force-device-scale-factor=1")
    options.add_argument("--window-size=1280,900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    binary = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    if os.path.exists(binary):
        options.binary_location = binary
    driver_path = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
    service = Service(executable_path=driver_path) if os.path.exists(driver_path) else Service()
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_script_timeout(120)  # axe-core on a long page takes more than the default 30 s on a loaded machine
    return driver


def set_view(driver, width: int, height: int, scheme: str):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
    })
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "screen", "features": [{"name": "prefers-color-scheme", "value": scheme}],
    })


def wait_loaded(driver, timeout=15):
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")


def full_page_screenshot(driver, file: Path, width: int):
    height = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
    height = max(1, min(int(height), MAX_SHOT_HEIGHT))
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "fromSurface": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    })["data"]
    file.write_bytes(base64.b64decode(data))


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def structure_problems(driver):
    problems = []
    h1 = len(driver.find_elements(By.TAG_NAME, "h1"))
    if h1 != 1:
        problems.append(f"{h1} h1 elements (expected exactly 1)")
    if not driver.find_elements(By.CSS_SELECTOR, "main#main"):
        problems.append("no <main id=main> landmark")
    if not driver.find_elements(By.CSS_SELECTOR, "a.skip-link[href='#main']"):
        problems.append("no skip link to #main")
    return problems


def axe_problems(driver, axe):
    axe.inject()
    results = axe.run()
    problems = []
    for v in results.get("violations", []):
        if v.get("impact") in ("serious", "critical"):
            targets = ", ".join(" ".join(n.get("target", [])) for n in v.get("nodes", [])[:4])
            problems.append(f"axe {v['impact']}: {v['id']} ({v.get('help', '')}) on {len(v.get('nodes', []))} node(s): {targets}")
    return problems


def check_search(driver, base):
    """Type into the search box on the home page; results must appear from the static index, body words included."""
    problems = []
    for word, expected in (("gpu", None), ("sparsity", "/learn/h100-vs-h200-vs-b200/")):
        set_view(driver, 1280, 900, "light")
        driver.get(base + "/")
        wait_loaded(driver)
        box = driver.find_element(By.CSS_SELECTOR, "form[data-search] input[type=search]")
        box.send_keys(word)
        try:
            WebDriverWait(driver, 10).until(
                lambda d: d.execute_script(
                    "var r=document.querySelector('[data-search-results]');"
                    "return r && !r.hidden && r.querySelectorAll('a').length > 0;"))
        except Exception:
            problems.append(f"search: typing {word!r} on the home page listed no results")
            continue
        if expected:
            hrefs = driver.execute_script(
                "return Array.prototype.map.call(document.querySelectorAll('[data-search-results] a'), function (a) { return a.getAttribute('href'); });")
            if not any(h.split("#")[0].endswith(expected) for h in hrefs):
                problems.append(f"search: {word!r} did not list {expected} (listed {hrefs})")
    return problems


TABLE_PROBLEMS_JS = """
var mode = arguments[0], out = [];
document.querySelectorAll('details').forEach(function (d) { d.open = true; });
var vw = document.documentElement.clientWidth;
function name(t, i) {
  var c = t.querySelector('caption');
  return '"' + (c ? c.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50) : 'table ' + (i + 1)) + '"';
}
function frames(el) {
  var list = [];
  for (var a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    var s = getComputedStyle(a);
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') list.push(a);
  }
  return list;
}
document.querySelectorAll('main table').forEach(function (t, i) {
  var wrap = t.closest('.table-wrap') || t.parentElement;
  if (mode !== 'phone') {
    if (wrap.scrollWidth > wrap.clientWidth + 1)
      out.push('table ' + name(t, i) + ' cut off: ' + wrap.scrollWidth + 'px of content in a ' + wrap.clientWidth + 'px frame');
    else if (t.getBoundingClientRect().right > vw + 1)
      out.push('table ' + name(t, i) + ' runs ' + Math.round(t.getBoundingClientRect().right - vw) + 'px past the viewport');
    return;
  }
  var heads = Array.prototype.map.call(t.querySelectorAll('thead tr:last-child > *'), function (h) { return h.textContent.trim(); });
  function col(re) { for (var k = 0; k < heads.length; k++) if (re.test(heads[k])) return k; return -1; }
  var price = col(/per GPU-hour|price/i), date = col(/^(observed|date|as of)/i), source = col(/^source/i);
  if (price < 0 || (date < 0 && source < 0)) return;
  var theadHidden = (t.tHead && t.tHead.getBoundingClientRect().height <= 1);
  t.querySelectorAll('tbody tr').forEach(function (row, r) {
    var cells = row.children;
    [[price, 'price'], [date, 'date'], [source, 'source']].forEach(function (pair) {
      var cell = cells[pair[0]];
      if (pair[0] < 0 || !cell) return;
      var b = cell.getBoundingClientRect();
      var where = 'table ' + name(t, i) + ' row ' + (r + 1) + ' ' + pair[1] + ' cell';
      if (b.width < 1 || b.height < 1) { out.push(where + ' is not shown'); return; }
      if (b.left < -1 || b.right > vw + 1) { out.push(where + ' is outside the viewport (' + Math.round(b.left) + '..' + Math.round(b.right) + ' of ' + vw + 'px)'); return; }
      var f = frames(cell).filter(function (a) { var ab = a.getBoundingClientRect(); return b.left < ab.left - 1 || b.right > ab.right + 1; });
      if (f.length) out.push(where + ' is cut off by its scrolling frame');
    });
    if (theadHidden) {
      Array.prototype.forEach.call(cells, function (cell, k) {
        if (cell.tagName !== 'TD') return;
        var label = getComputedStyle(cell, '::before').content.replace(/^"|"$/g, '');
        if (label !== heads[k]) out.push('table ' + name(t, i) + ' row ' + (r + 1) + ': cell labelled ' + JSON.stringify(label) + ' under the heading ' + JSON.stringify(heads[k]));
      });
    }
  });
});
return out.slice(0, 12);
"""


FIGURE_PROBLEMS_JS = """
var out = [];
document.querySelectorAll('main .bar-chart > svg, main .flow-diagram > svg, main .map-figure > svg').forEach(function (svg, i) {
  var title = svg.querySelector('title');
  var name = '"' + (title ? title.textContent.slice(0, 50) : 'figure ' + (i + 1)) + '"';
  var frame = svg.getBoundingClientRect();
  var texts = Array.prototype.filter.call(svg.querySelectorAll('text'), function (t) { return t.getBoundingClientRect().width > 0; });
  var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
  texts.forEach(function (t, k) {
    var b = boxes[k], what = 'drawing ' + name + ': text "' + t.textContent.slice(0, 40) + '"';
    var size = parseFloat(getComputedStyle(t).fontSize);
    if (size < 11) out.push(what + ' is ' + size + 'px, too small to read');
    if (b.left < frame.left - 1 || b.right > frame.right + 1) out.push(what + ' runs out of the drawing');
    var box = t.parentNode.querySelector(':scope > rect[class$="-box"]');
    if (box) {
      var r = box.getBoundingClientRect();
      if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1) out.push(what + ' spills out of its box');
    }
    for (var j = k + 1; j < texts.length; j++) {
      var c = boxes[j];
      var dx = Math.min(b.right, c.right) - Math.max(b.left, c.left), dy = Math.min(b.bottom, c.bottom) - Math.max(b.top, c.top);
      if (dx > 1 && dy > 2) out.push(what + ' overlaps "' + texts[j].textContent.slice(0, 40) + '"');
    }
  });
});
return out.slice(0, 12);
"""


def figure_problems(driver):
    """Drawn figures ({bar-chart}, {flow-diagram}, {market-map}): every text readable (11 px or more), inside its drawing and
    its box, and clear of every other text; see FIGURE_PROBLEMS_JS."""
    return driver.execute_script(FIGURE_PROBLEMS_JS)


def table_problems(driver, mode):
    """Cut-off tables (mode 'wide' or 'print') or price cells out of view (mode 'phone'); see TABLE_PROBLEMS_JS."""
    return driver.execute_script(TABLE_PROBLEMS_JS, mode)


def check_tables_extra(driver, base, path):
    """The table checks at 1024 px (light) and in print at 718 px, for one page."""
    problems = []
    set_view(driver, 1024, 800, "light")
    driver.get(base + path)
    wait_loaded(driver)
    problems += [f"@1024: {p}" for p in table_problems(driver, "wide")]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 718, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
    problems += [f"print: {p}" for p in table_problems(driver, "print")]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "screen", "features": []})
    return problems


FIGURE_SOURCES_JS = """
var out = [];
var date = /\\d{4}-\\d{2}-\\d{2}/;
function text(el) { return (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40); }
// A source or date that lives only in a title= tooltip is hover-only: phones and keyboards never show it.
document.querySelectorAll('main [title]').forEach(function (el) {
  var t = el.getAttribute('title') || '';
  if (/source/i.test(t) || date.test(t)) out.push('source only in a hover tooltip (title=) on ' + el.tagName.toLowerCase() + ' "' + text(el) + '"');
});
// Inline figures must be popover buttons whose popover exists and holds a date.
document.querySelectorAll('main a.figure').forEach(function (el) {
  out.push('inline figure "' + text(el) + '" is a plain link: its source and date cannot be opened by tap or keyboard');
});
document.querySelectorAll('main button.figure').forEach(function (el) {
  var id = el.getAttribute('popovertarget'), pop = id && document.getElementById(id);
  if (!pop || !pop.hasAttribute('popover')) { out.push('inline figure "' + text(el) + '" opens no popover (popovertarget=' + id + ')'); return; }
  if (!date.test(pop.textContent)) out.push('the source popover of "' + text(el) + '" gives no date');
  var name = el.getAttribute('aria-label') || el.textContent;
  if (!name || !name.trim()) out.push('inline figure button without an accessible name');
});
// Footnote markers of tables and examples must land on a note that exists and gives a date.
document.querySelectorAll('main sup.src a[href^="#"]').forEach(function (a) {
  var target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
  if (!target) out.push('source marker ' + a.getAttribute('href') + ' points at nothing');
  else if (!date.test(target.textContent) && !/given for this example/i.test(target.textContent)) out.push('source note ' + a.getAttribute('href') + ' gives no date');
});
return out.slice(0, 12);
"""


def check_figure_sources(driver, base, path):
    """Every figure's source and date reachable without hover: no source in a title= tooltip, every inline figure a
    popover button whose popover opens on a tap (a click) and on Enter from the keyboard, shows a date and lies in the
    viewport; every table source marker lands on a dated note. At 390 px (a phone)."""
    from selenium.webdriver.common.keys import Keys
    set_view(driver, 390, 844, "light")
    driver.get(base + path)
    wait_loaded(driver)
    problems = list(driver.execute_script(FIGURE_SOURCES_JS))
    buttons = driver.find_elements(By.CSS_SELECTOR, "main button.figure[popovertarget]")
    is_open = ("var p=document.getElementById(arguments[0]); if(!p) return null; var r=p.getBoundingClientRect();"
               "return [p.matches(':popover-open'), r.left >= -1 && r.right <= window.innerWidth + 1 && r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.width > 0];")
    for index, button in enumerate(buttons):
        target = button.get_attribute("popovertarget")
        label = (button.text or target)[:40]
        try:
            # A reader scrolls the figure into view first; the sticky header must not be what the tap lands on.
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
            button.click()
        except Exception as error:  # covered, off screen: a reader could not tap it either
            problems.append(f"inline figure {label!r} cannot be tapped ({type(error).__name__})")
            continue
        state = driver.execute_script(is_open, target)
        if not state or not state[0]:
            problems.append(f"tapping inline figure {label!r} does not open its source")
        elif not state[1]:
            problems.append(f"the source of inline figure {label!r} opens partly outside the screen")
        driver.execute_script("var p=document.getElementById(arguments[0]); if(p && p.matches(':popover-open')) p.hidePopover();", target)
        if index == 0:  # the keyboard: focus, Enter opens, Escape closes
            driver.execute_script("arguments[0].focus()", button)
            button.send_keys(Keys.ENTER)
            state = driver.execute_script(is_open, target)
            if not state or not state[0]:
                problems.append(f"Enter on inline figure {label!r} does not open its source")
            driver.switch_to.active_element.send_keys(Keys.ESCAPE)
            if driver.execute_script(is_open, target)[0]:
                problems.append(f"Escape does not close the source of inline figure {label!r}")
                driver.execute_script("document.getElementById(arguments[0]).hidePopover()", target)
    return problems


def check_keyboard(driver, base):
    """The first Tab lands on the skip link, which must then be on screen."""
    from selenium.webdriver.common.keys import Keys
    set_view(driver, 1280, 900, "light")
    driver.get(base + "/learn/what-is-ai-compute/")
    wait_loaded(driver)
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    ok = driver.execute_script(
        "var a=document.activeElement; if(!a||!a.classList.contains('skip-link')) return false;"
        "var r=a.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;")
    return [] if ok else ["keyboard: the first Tab does not show the skip link"]


def check_without_js(driver, base, out: Path):
    """A lesson without JavaScript: content shown, search falls back to the lesson list, no sideways scroll."""
    problems = []
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        set_view(driver, 390, 844, "light")
        driver.get(base + "/learn/what-is-a-gpu-hour/")
        wait_loaded(driver)
        action = driver.execute_script("var f=document.querySelector('form[data-search]'); return f ? f.getAttribute('action') : null")
        if action is None or not action.rstrip("/").endswith("/learn"):
            problems.append(f"no-JS: the search form goes to {action!r}, not /learn/")
        words = driver.execute_script("var m=document.querySelector('main'); return m ? m.innerText.split(/\\s+/).length : 0")
        if words < 200:
            problems.append(f"no-JS: the lesson shows only {words} words")
        sw, cw = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if sw > cw + 1:
            problems.append(f"no-JS: horizontal scroll ({sw}px in {cw}px)")
        full_page_screenshot(driver, out / "learn-what-is-a-gpu-hour--390-light--nojs.png", 390)
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    return problems


AGREEMENT_JS = """
var cases = arguments[0], out = {count: 0, worst: 0, problems: [], formats: 0};
cases.formulas.forEach(function (f) {
  var expr = JSON.parse(f.expression);
  f.vectors.forEach(function (v) {
    var x = SignalsCalc.evaluate(expr, v.inputs);
    var rel = Math.abs(x - v.value) / Math.max(Math.abs(v.value), 5e-324);
    out.count++;
    if (!(rel <= out.worst)) out.worst = rel;
    var fig = SignalsCalc.figure(x, f.unit), der = SignalsCalc.derived(x, f.unit), cell = SignalsCalc.cell(x, f.unit);
    if (!(rel <= 1e-9) || fig !== v.figure || der !== v.derived || cell !== v.cell)
      if (out.problems.length < 10) out.problems.push(f.id + ' ' + JSON.stringify(v.inputs) + ': page ' + x + ' "' + fig + '" "' + der + '" "' + cell + '", model ' + v.value + ' "' + v.figure + '" "' + v.derived + '" "' + v.cell + '"');
  });
});
cases.formats.forEach(function (c) {
  out.formats++;
  var fig = SignalsCalc.figure(c.value, c.unit), der = SignalsCalc.derived(c.value, c.unit), cell = SignalsCalc.cell(c.value, c.unit);
  if ((fig !== c.figure || der !== c.derived || cell !== c.cell) && out.problems.length < 20)
    out.problems.push('format ' + c.value + ' ' + c.unit + ': page "' + fig + '" "' + der + '" "' + cell + '", model "' + c.figure + '" "' + c.derived + '" "' + c.cell + '"');
});
return out;
"""


def calculator_pages(public: Path, what="any"):
    """Pages with a live worked example (what="example"), a live compare table ("compare") or either ("any")."""
    import re
    marks = {"example": r'<section class="worked-example[^"]*" [^>]*data-calc>',
             "compare": r'<figure class="data-table compare" id="[^"]+" data-calc>', "any": r'data-calc-data'}
    return [p for p in find_pages(public) if p != "/404.html"
            and re.search(marks[what], (public / p.strip("/") / "index.html").read_text(encoding="utf-8", errors="replace"))]


def check_agreement(driver, base, page, signals, vectors=1000):
    """Every live formula on `vectors` random inputs: the page's evaluator and formatter against the Swift model."""
    import json
    import subprocess
    seed = int(os.environ.get("SIGNALS_SEED") or int.from_bytes(os.urandom(4), "big") or 1)
    cases = json.loads(subprocess.run([signals, "model", "formulas", "--vectors", str(vectors), "--seed", str(seed)],
                                      check=True, capture_output=True, text=True).stdout)
    set_view(driver, 1280, 900, "light")
    driver.get(base + page)
    wait_loaded(driver)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!window.SignalsCalc"))
    result = driver.execute_script(AGREEMENT_JS, cases)
    per = {f["id"]: len(f["vectors"]) for f in cases["formulas"]}
    print(f"     agreement (SIGNALS_SEED={seed}): {result['count']} vectors over {len(per)} formulas "
          f"(min {min(per.values())} per formula), {result['formats']} formatting cases; worst relative error {result['worst']:.3g}")
    problems = [f"agreement (SIGNALS_SEED={seed}): {p}" for p in result["problems"]]
    if min(per.values()) < vectors:
        problems.append(f"agreement: only {min(per.values())} vectors for a formula")
    return problems


def _ev(e, env):
    op = e[0]
    if op == "in":
        return env[e[1]]
    if op == "k":
        return float(e[1])
    if op == "sqrt":
        return _ev(e[1], env) ** 0.5
    a, b = _ev(e[1], env), _ev(e[2], env)
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[op]


DRIVE_STATE_JS = """
var s = document.querySelector('section.worked-example[data-calc]');
var steps = Array.prototype.map.call(s.querySelectorAll('[data-step] .step-value data'), function (d) {
  return [d.closest('[data-step]').getAttribute('data-step'), d.getAttribute('value'), d.textContent];
});
return {id: s.id, steps: steps, status: (s.querySelector('.calc-status') || {}).textContent || '',
        tags: s.querySelectorAll('.calc-tag').length, search: location.search,
        data: JSON.parse(s.querySelector('script[data-calc-data]').textContent)};
"""


def check_calculator(driver, base, path, out: Path):
    """Drive the first calculator on the page: type a value, check the steps, the URL, a reload and the reset."""
    from selenium.webdriver.common.keys import Keys
    problems = []
    set_view(driver, 390, 844, "light")
    driver.get(base + path)
    wait_loaded(driver)
    before = driver.execute_script(DRIVE_STATE_JS)
    data, sid = before["data"], before["id"]
    field = "price" if any(f["id"] == "price" for f in data["fields"]) else next(f["id"] for f in data["fields"] if f["id"] != "gpu")
    new = "2.1" if field == "price" else ("0.55" if next(f for f in data["fields"] if f["id"] == field)["fraction"] else "3")
    summary = driver.find_element(By.CSS_SELECTOR, f"#{sid} details.calc > summary")
    # Keyboard only: the disclosure opens with Enter, the value is typed, Reset is pressed with Enter.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", summary)
    summary.send_keys(Keys.ENTER)
    if not driver.execute_script(f"return document.querySelector('#{sid} details.calc').open"):
        problems.append(f"calculator #{sid}: Enter on 'Change the inputs' did not open the form")
    box = driver.find_element(By.CSS_SELECTOR, f"#{sid}-{field}")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(new)
    try:
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(DRIVE_STATE_JS)["steps"] != before["steps"])
    except Exception:
        return [f"calculator #{sid}: typing {new} into {field} changed no step"]
    after = driver.execute_script(DRIVE_STATE_JS)
    env = dict(data["values"])
    env[field] = float(new)
    for step in data["steps"]:
        if step["expr"]:
            env[step["name"]] = _ev(step["expr"], env)
    for name, value, text in after["steps"]:
        expected = env.get(name)
        if expected is None or abs(float(value) - expected) > 1e-9 * abs(expected):
            problems.append(f"calculator #{sid}: step {name} shows {value}, expected {expected}")
    if f"{field}={new}" not in after["search"] or f"ex={sid}" not in after["search"]:
        problems.append(f"calculator #{sid}: the URL query is {after['search']!r}, without {field}={new}")
    if not after["status"].startswith("With your inputs"):
        problems.append(f"calculator #{sid}: nothing announced (status {after['status']!r})")
    slug = path.strip("/").replace("/", "-")
    for width, height in ((390, 844), (1280, 900)):
        set_view(driver, width, height, "light")
        top, bottom = driver.execute_script(
            f"var r=document.getElementById('{sid}').getBoundingClientRect(); return [r.top + window.scrollY, r.bottom + window.scrollY];")
        data_png = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "fromSurface": True,
            "clip": {"x": 0, "y": max(0, top - 16), "width": width, "height": min(bottom - top + 32, MAX_SHOT_HEIGHT), "scale": 1},
        })["data"]
        (out / f"{slug}--calculator-{width}.png").write_bytes(base64.b64decode(data_png))
    set_view(driver, 390, 844, "light")
    if field == "price" and after["tags"] == 0:
        problems.append(f"calculator #{sid}: the typed price is not labelled as the reader's")
    driver.get(base + path + after["search"])
    wait_loaded(driver)
    reloaded = driver.execute_script(DRIVE_STATE_JS)
    if reloaded["steps"] != after["steps"]:
        problems.append(f"calculator #{sid}: the link {after['search']} does not reproduce the figures")
    reset_button = driver.find_element(By.CSS_SELECTOR, f"#{sid} [data-calc-reset]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", reset_button)
    reset_button.send_keys(Keys.ENTER)
    reset = driver.execute_script(DRIVE_STATE_JS)
    if reset["steps"] != before["steps"] or reset["search"]:
        problems.append(f"calculator #{sid}: Reset did not restore the published figures and a plain URL ({reset['search']!r})")
    # Another GPU: its figures name their sources (a code or the prices file, linked to /data/).
    other = driver.execute_script(
        f"var s=document.querySelector('#{sid}-gpu'); if (!s) return null;"
        "var o=Array.prototype.find.call(s.options, function (o) { return !o.selected; }); if (!o) return null;"
        "s.value=o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return o.value;")
    if other:
        links = driver.execute_script(
            f"return Array.prototype.map.call(document.querySelectorAll('#{sid} .calc-tag a'), function (a) {{ return [a.getAttribute('href'), a.textContent]; }});")
        if not links:
            problems.append(f"calculator #{sid}: switched to {other}, no figure names its source")
        for href, text in links:
            if "/data/#" not in href or not re.search(r"\d{4}-\d{2}-\d{2}", text):
                problems.append(f"calculator #{sid}: a switched figure cites {text!r} at {href!r} (no /data/ entry or no date)")
    # No layout shift: the example takes the same space with and without JavaScript.
    heights = []
    for disabled in (False, True):
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": disabled})
        driver.get(base + path)
        wait_loaded(driver)
        heights.append(driver.execute_script(
            "var s=document.querySelector('section.worked-example[data-calc]'), r=s.getBoundingClientRect();"
            "var p=(s.closest('.prose') || document.querySelector('main')).getBoundingClientRect();"
            "return [Math.round(r.top - p.top), Math.round(r.height)];"))
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    if heights[0] != heights[1]:
        problems.append(f"calculator #{sid}: layout shift, offset in the text and height {heights[0]} with JavaScript, {heights[1]} without")
    return problems


COMPARE_STATE_JS = """
var f = document.getElementById(arguments[0]), data = JSON.parse(f.querySelector('script[data-calc-data]').textContent);
var body = f.querySelector('tbody'), cells = [];
data.columns.forEach(function (c) {
  data.rows.forEach(function (r) {
    var td = body.children[r.index].children[c.index + 1], d = td.querySelector('data');
    cells.push([c.key, r.metric, d ? d.getAttribute('value') : null, td.textContent]);
  });
});
var b = f.getBoundingClientRect();
return {cells: cells, data: data, status: (f.querySelector('.calc-status') || {}).textContent || '', search: location.search,
        tags: f.querySelectorAll('thead .calc-tag').length, yours: f.querySelectorAll('td.calc-yours').length,
        scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth], right: b.right};
"""


def check_compare(driver, base, path, out: Path):
    """Drive every live compare table on the page: type a price for the first column (keyboard only), check the
    recomputed rows against the table's own formulas evaluated here, the labels, the URL, a reload, the reset, no
    sideways scroll at 390 px and no layout shift; screenshots of the table with the reader's price, light and dark."""
    from selenium.webdriver.common.keys import Keys
    problems = []
    set_view(driver, 390, 844, "light")
    driver.get(base + path)
    wait_loaded(driver)
    ids = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('figure.compare[data-calc]'), function (f) { return f.id; });")
    slug = path.strip("/").replace("/", "-")
    for fid in ids:
        set_view(driver, 390, 844, "light")
        driver.get(base + path)
        wait_loaded(driver)
        before = driver.execute_script(COMPARE_STATE_JS, fid)
        data = before["data"]
        column = data["columns"][0]
        key, new = column["key"], "2.1"
        summary = driver.find_element(By.CSS_SELECTOR, f"#{fid} details.calc > summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", summary)
        summary.send_keys(Keys.ENTER)
        if not driver.execute_script(f"return document.querySelector('#{fid} details.calc').open"):
            problems.append(f"compare #{fid}: Enter on 'Use your own prices' did not open the form")
        box = driver.find_element(By.CSS_SELECTOR, f"#{fid}-{key}")
        label = driver.execute_script("var l=document.querySelector('label[for=\"' + arguments[0] + '\"]'); return l ? l.textContent : '';", f"{fid}-{key}")
        if column["name"] not in label:
            problems.append(f"compare #{fid}: the price field of {column['name']} is labelled {label!r}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(new)
        try:
            WebDriverWait(driver, 10).until(lambda d: d.execute_script(COMPARE_STATE_JS, fid)["cells"] != before["cells"])
        except Exception:
            problems.append(f"compare #{fid}: typing {new} into {key} changed no cell")
            continue
        after = driver.execute_script(COMPARE_STATE_JS, fid)
        rows = {r["metric"]: r for r in data["rows"]}
        for (ckey, metric, value, text), (_, _, old_value, old_text) in zip(after["cells"], before["cells"]):
            if ckey != key:
                if (value, text) != (old_value, old_text):
                    problems.append(f"compare #{fid}: {ckey} {metric} changed ({old_text!r} -> {text!r}) though only {key} was typed")
                continue
            env = dict(column["values"], price=float(new))
            expected = _ev(rows[metric]["expr"], env) if rows[metric]["expr"] else env["price"]
            if value is None or abs(float(value) - expected) > 1e-9 * abs(expected):
                problems.append(f"compare #{fid}: {ckey} {metric} shows {value}, expected {expected}")
            if metric == "median-price" and text.strip() != "$2.10":
                problems.append(f"compare #{fid}: the typed price shows as {text!r}, not '$2.10'")
        if after["tags"] != 1 or after["yours"] != len(data["rows"]):
            problems.append(f"compare #{fid}: the typed column is not labelled as the reader's ({after['tags']} heading tags, {after['yours']} cells)")
        if f"{key}={new}" not in after["search"] or f"ex={fid}" not in after["search"]:
            problems.append(f"compare #{fid}: the URL query is {after['search']!r}, without {key}={new}")
        if not after["status"].startswith("With your price"):
            problems.append(f"compare #{fid}: nothing announced (status {after['status']!r})")
        if after["scroll"][0] > after["scroll"][1] + 1:
            problems.append(f"compare #{fid}: with the form open the page scrolls sideways at 390 px ({after['scroll'][0]}px in {after['scroll'][1]}px)")
        for width, height in ((390, 844), (1280, 900)):
            for scheme in SCHEMES:
                set_view(driver, width, height, scheme)
                # The table and its form (the notes under them are the static table's).
                top, bottom = driver.execute_script(
                    f"var f=document.getElementById('{fid}'), r=f.getBoundingClientRect(), c=f.querySelector('figcaption');"
                    "return [r.top + window.scrollY, (c ? c.getBoundingClientRect().top : r.bottom) + window.scrollY];")
                png = driver.execute_cdp_cmd("Page.captureScreenshot", {
                    "format": "png", "captureBeyondViewport": True, "fromSurface": True,
                    "clip": {"x": 0, "y": max(0, top - 16), "width": width, "height": min(bottom - top + 32, MAX_SHOT_HEIGHT), "scale": 1},
                })["data"]
                (out / f"{slug}--{fid}-{width}-{scheme}.png").write_bytes(base64.b64decode(png))
        set_view(driver, 390, 844, "light")
        driver.get(base + path + after["search"])
        wait_loaded(driver)
        reloaded = driver.execute_script(COMPARE_STATE_JS, fid)
        if reloaded["cells"] != after["cells"]:
            problems.append(f"compare #{fid}: the link {after['search']} does not reproduce the figures")
        reset_button = driver.find_element(By.CSS_SELECTOR, f"#{fid} [data-calc-reset]")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", reset_button)
        reset_button.send_keys(Keys.ENTER)
        reset = driver.execute_script(COMPARE_STATE_JS, fid)
        if reset["cells"] != before["cells"] or reset["search"] or reset["tags"] or reset["yours"]:
            problems.append(f"compare #{fid}: Reset did not restore the published figures and a plain URL ({reset['search']!r})")
        heights = []
        for disabled in (False, True):
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": disabled})
            driver.get(base + path)
            wait_loaded(driver)
            heights.append(driver.execute_script(
                "var f=document.getElementById(arguments[0]), r=f.getBoundingClientRect();"
                "var p=(f.closest('.prose') || document.querySelector('main')).getBoundingClientRect();"
                "return [Math.round(r.top - p.top), Math.round(r.height)];", fid))
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        if heights[0] != heights[1]:
            problems.append(f"compare #{fid}: layout shift, offset in the text and height {heights[0]} with JavaScript, {heights[1]} without")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--public", default="public")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--only", default="", help="check only URL paths containing this text")
    parser.add_argument("--signals", default=".build/debug/signals", help="the signals binary (for the agreement cases)")
    args = parser.parse_args()

    public = Path(args.public)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = [p for p in find_pages(public) if args.only in p]
    if not pages:
        print("browser-check: no pages found in", public, file=sys.stderr)
        return 1

    driver = make_driver()
    failures = []
    started = time.monotonic()
    try:
        axe = Axe(driver)
        for path in pages:
            for width, height in WIDTHS.items():
                for scheme in SCHEMES:
                    label = f"{path} @{width} {scheme}"
                    set_view(driver, width, height, scheme)
                    driver.get(args.base + path)
                    wait_loaded(driver)
                    problems = []
                    problems += [f"console error: {m}" for m in console_errors(driver)]
                    if width == 390:
                        sw, cw = driver.execute_script(
                            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                        if sw > cw + 1:
                            wide = driver.execute_script("""
                                var w = document.documentElement.clientWidth, out = [];
                                document.querySelectorAll('body *').forEach(function (e) {
                                  var r = e.getBoundingClientRect();
                                  if (r.right > w + 1 && out.length < 5) out.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
                                });
                                return out;""")
                            problems.append(f"horizontal scroll: content {sw}px wide in a {cw}px viewport ({', '.join(wide)})")
                    problems += structure_problems(driver)
                    problems += axe_problems(driver, axe)
                    full_page_screenshot(driver, out / shot_name(path, width, scheme), width)
                    problems += table_problems(driver, "phone" if width == 390 else "wide")
                    problems += figure_problems(driver)
                    problems += [f"console error: {m}" for m in console_errors(driver)]
                    status = "ok" if not problems else "FAIL"
                    print(f"{status:4} {label}")
                    for p in problems:
                        print(f"     - {p}")
                        failures.append(f"{label}: {p}")
            extra = check_figure_sources(driver, args.base, path)
            print(f"{'ok' if not extra else 'FAIL':4} {path} @390 figure sources by tap and keyboard")
            for p in extra:
                print(f"     - {p}")
                failures.append(f"{path}: {p}")
            extra = check_tables_extra(driver, args.base, path)
            print(f"{'ok' if not extra else 'FAIL':4} {path} @1024 light + print (tables)")
            for p in extra:
                print(f"     - {p}")
                failures.append(f"{path}: {p}")
        calculators = [p for p in calculator_pages(public) if args.only in p]
        for path in [p for p in calculator_pages(public, "example") if args.only in p]:
            extra = check_calculator(driver, args.base, path, out)
            print(f"{'ok' if not extra else 'FAIL':4} {path} calculator (type, URL, reload, reset, layout)")
            for p in extra:
                print(f"     - {p}")
            failures += extra
        for path in [p for p in calculator_pages(public, "compare") if args.only in p]:
            extra = check_compare(driver, args.base, path, out)
            print(f"{'ok' if not extra else 'FAIL':4} {path} live compare table (type, labels, URL, reload, reset, 390 px, layout)")
            for p in extra:
                print(f"     - {p}")
            failures += extra
        agreement = check_agreement(driver, args.base, calculators[0], args.signals) if calculators else []
        for extra in (agreement, check_search(driver, args.base), check_keyboard(driver, args.base),
                      check_without_js(driver, args.base, out)):
            for p in extra:
                print(f"FAIL {p}")
            failures += extra
    finally:
        driver.quit()

    combos = len(pages) * len(WIDTHS) * len(SCHEMES)
    print(f"\nbrowser-check: {len(pages)} pages, {combos} views, screenshots in {out}/ "
          f"({time.monotonic() - started:.0f} s)")
    if failures:
        print(f"browser-check: {len(failures)} problem(s)", file=sys.stderr)
        return 1
    print("browser-check: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
