// The log search page (Features/Logs/Pages/Logs.cshtml). All state is in the URL (q, since or
// from/to), so Share copies location.href and Back/Forward work. Text from logs only ever goes
// into the page through textContent, never as HTML.
(() => {
  "use strict";
  const root = document.getElementById("logs");
  if (!root) return;
  const project = root.dataset.project;
  const $ = id => document.getElementById(id);
  const MAX_ROWS = 1000;
  let cursor = null, tail = null;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  const state = () => {
    const p = new URLSearchParams(location.search);
    return { q: p.get("q") || "", from: p.get("from"), to: p.get("to"), since: p.get("since") };
  };
  const params = (extra) => {
    const s = state(), p = new URLSearchParams({ project });
    if (s.q) p.set("q", s.q);
    if (s.from) p.set("from", s.from);
    if (s.to) p.set("to", s.to);
    if (!s.from && !s.to && s.since) p.set("since", s.since);
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p;
  };
  const navigate = (changes) => {
    const p = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) { if (v === null || v === "") p.delete(k); else p.set(k, v); }
    history.pushState(null, "", location.pathname + (p.toString() ? "?" + p : ""));
    run();
  };
  const utc = ms => new Date(Number(ms)).toISOString().replace("T", " ").replace("Z", "");
  const toInput = ms => new Date(Number(ms)).toISOString().slice(0, 19);
  const fromInput = v => v ? String(Date.parse(v + "Z")) : null;
  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({ detail: response.statusText }));
    if (!response.ok) throw Object.assign(new Error(body.detail || response.statusText), { position: body.position });
    return body;
  }

  // --- the query box and its error -----------------------------------------------------------
  function showError(error) {
    const box = $("query-error");
    if (!error) { box.hidden = true; return; }
    box.hidden = false;
    $("query-error-message").textContent = error.message;
    const caret = $("query-error-caret");
    caret.replaceChildren();
    const q = state().q;
    if (typeof error.position === "number" && error.position >= 0) {
      const at = Math.min(error.position, q.length);
      const bad = el("span", "bad", q.slice(at, at + 1) || " ");
      bad.dataset.position = at;
      caret.append(q.slice(0, at), bad, q.slice(at + 1), "\n" + " ".repeat(at) + "^");
      caret.hidden = false;
      $("q").focus();
      $("q").setSelectionRange(at, at);
    } else {
      caret.hidden = true;
    }
  }
  function addFilter(name, value) {
    const literal = typeof value === "number" || typeof value === "boolean" ? String(value)
      : value === null ? "null" : "'" + String(value).replace(/'/g, "''") + "'";
    const clause = `${name} = ${literal}`;
    const q = state().q.trim();
    const pipe = q.indexOf("|");
    const filter = pipe < 0 ? q : q.slice(0, pipe).trim(), rest = pipe < 0 ? "" : " " + q.slice(pipe);
    const next = filter ? `${filter} and ${clause}${rest}` : clause + rest;
    $("q").value = next;
    navigate({ q: next });
  }

  // --- the histogram, with drag to zoom -------------------------------------------------------
  function drawHistogram(data, range) {
    const box = $("histogram"), w = 800, h = 90, ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    const bins = data.bins, binMs = data.binSeconds * 1000;
    const max = Math.max(1, ...bins.map(b => b.count));
    const span = Math.max(1, range.to - range.from), x = t => (t - range.from) / span * w;
    for (const b of bins) {
      const start = Date.parse(b.start), bh = b.count / max * (h - 4);
      const r = document.createElementNS(ns, "rect");
      r.setAttribute("class", "bar");
      r.setAttribute("x", x(start)); r.setAttribute("width", Math.max(1, x(start + binMs) - x(start) - 1));
      r.setAttribute("y", h - bh); r.setAttribute("height", bh);
      const title = document.createElementNS(ns, "title");
      title.textContent = `${b.count} events from ${utc(start)}`;
      r.append(title);
      svg.append(r);
    }
    const band = document.createElementNS(ns, "rect");
    band.setAttribute("class", "zoom"); band.setAttribute("y", 0); band.setAttribute("height", h); band.setAttribute("width", 0);
    svg.append(band);
    let start = null;
    const at = e => { const b = svg.getBoundingClientRect(); return Math.min(Math.max(0, (e.clientX - b.left) / b.width), 1); };
    // Pointer capture keeps the drag ours even when it leaves the chart.
    svg.addEventListener("pointerdown", e => { start = at(e); svg.setPointerCapture(e.pointerId); e.preventDefault(); });
    svg.addEventListener("pointermove", e => {
      if (start === null) return;
      const a = Math.min(start, at(e)), z = Math.max(start, at(e));
      band.setAttribute("x", a * w); band.setAttribute("width", (z - a) * w);
    });
    svg.addEventListener("pointerup", e => {
      if (start === null) return;
      const a = Math.min(start, at(e)), z = Math.max(start, at(e));
      start = null;
      if (z - a < 0.01) { band.setAttribute("width", 0); return; }
      navigate({ from: String(Math.floor(range.from + a * span)), to: String(Math.ceil(range.from + z * span)), since: null });
    });
    box.replaceChildren(svg);
    svg.dataset.from = range.from; svg.dataset.to = range.to;
    const axis = el("div", "axis");
    axis.append(el("span", null, utc(range.from) + " UTC"), el("span", null, utc(range.to) + " UTC"));
    box.append(axis);
  }

  // --- results: events as rows, or an aggregation as a table ---------------------------------
  function propertyTree(value, path) {
    if (value !== null && typeof value === "object") {
      const list = el("ul", "props");
      for (const [key, child] of Object.entries(value)) {
        const item = el("li");
        const childPath = Array.isArray(value) ? null : (path ? path + "." + key : key);
        item.append(el("span", "prop-name", key), ": ");
        item.append(propertyTree(child, childPath));
        list.append(item);
      }
      return list;
    }
    const leaf = el("span", "prop-value " + (typeof value), value === null ? "null" : String(value));
    if (path) {
      leaf.title = "Add to the filter";
      leaf.dataset.name = path;
      leaf.addEventListener("click", e => { e.stopPropagation(); addFilter(path, value); });
    }
    return leaf;
  }
  function idLine(label, field, value, link) {
    const row = el("div", "id-line");
    const v = el("span", "prop-value mono", value);
    v.dataset.name = field; v.title = "Add to the filter";
    v.addEventListener("click", e => { e.stopPropagation(); addFilter(field, value); });
    row.append(el("span", "muted", label + " "), v);
    if (link) { row.append(" "); row.append(link); }
    return row;
  }
  function logRow(log) {
    const row = el("div", "log-row");
    row.dataset.id = log.id;
    const head = el("div", "log-head");
    head.append(el("span", "log-level " + levelClass(log.level), log.level),
      el("time", "mono small", utc(Date.parse(log.timestamp))),
      el("span", "log-service small", log.service || ""),
      el("span", "log-message", log.message));
    row.append(head);
    head.addEventListener("click", () => {
      const open = row.querySelector(".log-details");
      if (open) { open.remove(); row.classList.remove("open"); return; }
      row.classList.add("open");
      const details = el("div", "log-details");
      if (log.exception) details.append(el("pre", "source exception-text", log.exception));
      if (log.traceId) {
        const errors = el("a", "errors-link", "Errors with this trace");
        errors.href = `/projects/${encodeURIComponent(project)}/traces/${encodeURIComponent(log.traceId)}`;
        details.append(idLine("trace", "@trace_id", log.traceId, errors));
      }
      if (log.spanId) details.append(idLine("span", "@span_id", log.spanId));
      if (log.requestId) details.append(idLine("request", "@request_id", log.requestId));
      for (const [label, field, value] of [["host", "@host", log.host], ["environment", "@environment", log.environment]])
        if (value) details.append(idLine(label, field, value));
      if (log.template && log.template !== log.message) details.append(el("div", "muted small mono", log.template));
      details.append(propertyTree(log.properties || {}, ""));
      row.append(details);
    });
    return row;
  }
  const levelClass = level => "lvl-" + (["fatal", "error", "warning", "info", "debug"].includes(level) ? level : "other");
  function aggregateTable(result) {
    const table = el("table", "aggregate");
    const head = el("tr");
    result.columns.forEach(c => head.append(el("th", null, c)));
    table.append(el("thead")); table.tHead.append(head);
    const body = el("tbody");
    for (const row of result.rows) {
      const tr = el("tr");
      row.forEach((cell, i) => tr.append(el("td", typeof cell === "number" ? "num" : (result.columns[i] === "time" ? "mono" : null),
        result.columns[i] === "time" && cell ? utc(Date.parse(cell)) : cell)));
      body.append(tr);
    }
    table.append(body);
    return table;
  }
  function aggregateChart(result) {
    const t = result.columns.indexOf("time"), v = result.columns.length - 1;
    if (t < 0 || result.rows.length === 0) return null;
    const totals = new Map();
    for (const row of result.rows) totals.set(row[t], (totals.get(row[t]) || 0) + (Number(row[v]) || 0));
    const times = [...totals.keys()].sort(), max = Math.max(1, ...totals.values());
    const ns = "http://www.w3.org/2000/svg", w = 800, h = 120, svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`); svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("class", "aggregate-chart"); svg.setAttribute("role", "img");
    const bw = w / times.length;
    times.forEach((time, i) => {
      const r = document.createElementNS(ns, "rect"), bh = totals.get(time) / max * (h - 4);
      r.setAttribute("class", "bar"); r.setAttribute("x", i * bw); r.setAttribute("width", Math.max(1, bw - 1));
      r.setAttribute("y", h - bh); r.setAttribute("height", bh);
      const title = document.createElementNS(ns, "title");
      title.textContent = `${result.columns[v]} ${totals.get(time)} at ${utc(Date.parse(time))}`;
      r.append(title); svg.append(r);
    });
    return svg;
  }

  // --- loading --------------------------------------------------------------------------------
  async function loadPage(append) {
    const p = params({ limit: "100" });
    if (append && cursor) p.set("cursor", cursor);
    const page = await getJson("/api/logs?" + p);
    const results = $("results");
    if (page.columns) {
      const card = el("section", "card");
      const chart = aggregateChart(page);
      if (chart) card.append(chart);
      card.append(aggregateTable(page));
      results.replaceChildren(card);
      cursor = null;
    } else {
      let list = results.querySelector(".log-list");
      if (!append || !list) { list = el("div", "log-list"); results.replaceChildren(list); }
      page.events.forEach(e => list.append(logRow(e)));
      if (!append && page.events.length === 0) results.replaceChildren(el("div", "empty", "No events match in this time range."));
      cursor = page.nextCursor;
    }
    $("more").hidden = !cursor;
  }
  async function loadSide() {
    const [histogram, templates] = await Promise.all([
      getJson("/api/logs/histogram?" + params({ bins: "60" })), getJson("/api/logs/templates?" + params({ limit: "10" }))]);
    const s = state(), now = Date.now();
    const to = s.to ? Number(s.to) : now;
    const from = s.from ? Number(s.from) : to - sinceMs(s.since || "1h");
    drawHistogram(histogram, { from, to });
    const total = histogram.bins.reduce((n, b) => n + b.count, 0);
    $("summary").textContent = `${total.toLocaleString("en")} matching event${total === 1 ? "" : "s"}`;
    $("templates").replaceChildren(...templates.map(t => {
      const li = el("li");
      li.append(el("span", "num muted", t.count), " ", el("span", "mono", t.template));
      return li;
    }));
  }
  const sinceMs = s => { const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(s); if (!m) return 3600e3;
    return Number(m[1]) * { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[m[2]]; };

  async function run() {
    const s = state();
    $("q").value = s.q;
    const custom = !!(s.from || s.to);
    $("since").value = custom ? "custom" : (s.since || "1h");
    document.querySelectorAll(".custom-range").forEach(l => l.hidden = !custom);
    $("from").value = s.from ? toInput(s.from) : ""; $("to").value = s.to ? toInput(s.to) : "";
    for (const format of ["ndjson", "csv"]) $("export-" + format).href = "/api/logs/export?" + params({ format });
    showError(null);
    try {
      await Promise.all([loadPage(false), loadSide()]);
    } catch (error) {
      showError(error);
      for (const id of ["results", "histogram", "templates", "summary"]) $(id).replaceChildren();
      $("more").hidden = true;
    }
    if ($("tail").checked) startTail();
  }

  // --- live tail ------------------------------------------------------------------------------
  function startTail() {
    stopTail();
    const p = new URLSearchParams({ project });
    if (state().q) p.set("q", state().q); // the tail applies the filter and ignores any aggregation
    tail = new EventSource("/api/logs/tail?" + p);
    tail.addEventListener("log", e => {
      let list = $("results").querySelector(".log-list");
      if (!list) { list = el("div", "log-list"); $("results").replaceChildren(list); }
      const row = logRow(JSON.parse(e.data));
      row.classList.add("tailed");
      list.prepend(row);
      while (list.children.length > MAX_ROWS) list.lastChild.remove();
    });
    tail.addEventListener("error", e => { if (e.data) showError(new Error(JSON.parse(e.data).detail)); });
    tail.addEventListener("open", () => root.classList.add("tailing"));
  }
  function stopTail() { if (tail) tail.close(); tail = null; root.classList.remove("tailing"); }

  // --- saved searches -------------------------------------------------------------------------
  async function send(method, path, body) {
    const response = await fetch(path, { method, headers: { "Content-Type": "application/json", "X-Vigil-Csrf": root.dataset.csrf },
      body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw Object.assign(new Error(problem.detail || response.statusText), { position: problem.position });
    }
  }
  async function loadSaved() {
    const searches = await getJson("/api/logs/searches?project=" + encodeURIComponent(project));
    $("saved").replaceChildren(...searches.map(s => {
      const li = el("li"), link = el("a", "saved-search", s.name), remove = el("button", "link small danger", "×");
      link.href = location.pathname + "?" + new URLSearchParams({ q: s.query }); link.title = s.query;
      remove.type = "button"; remove.title = "Delete this saved search"; remove.setAttribute("aria-label", "Delete " + s.name);
      remove.addEventListener("click", async () => { await send("DELETE", "/api/logs/searches/" + s.id); loadSaved(); });
      li.append(link, " ", remove);
      return li;
    }));
    if (searches.length === 0) $("saved").append(el("li", "muted small", "None yet: name the current query below."));
  }

  // --- wiring ---------------------------------------------------------------------------------
  $("search").addEventListener("submit", e => {
    e.preventDefault();
    const since = $("since").value;
    if (since === "custom")
      navigate({ q: $("q").value, from: fromInput($("from").value), to: fromInput($("to").value), since: null });
    else
      navigate({ q: $("q").value, since: since === "1h" ? null : since, from: null, to: null });
  });
  $("since").addEventListener("change", () => {
    const custom = $("since").value === "custom";
    document.querySelectorAll(".custom-range").forEach(l => l.hidden = !custom);
    if (custom) {
      const now = Date.now();
      if (!$("from").value) $("from").value = toInput(now - 3600e3);
      if (!$("to").value) $("to").value = toInput(now);
    } else {
      $("search").requestSubmit();
    }
  });
  $("more").addEventListener("click", () => loadPage(true).catch(showError));
  $("tail").addEventListener("change", () => $("tail").checked ? startTail() : stopTail());
  $("share").addEventListener("click", async () => {
    const box = $("share-url");
    box.value = location.href; box.hidden = false; box.select();
    try { await navigator.clipboard.writeText(location.href); $("share").textContent = "Link copied"; }
    catch { $("share").textContent = "Copy the link"; }
  });
  $("save").addEventListener("submit", async e => {
    e.preventDefault();
    try {
      await send("POST", "/api/logs/searches?project=" + encodeURIComponent(project), { name: $("save-name").value, query: $("q").value });
      $("save-name").value = "";
      await loadSaved();
    } catch (error) { showError(error); }
  });
  window.addEventListener("popstate", run);
  run();
  loadSaved().catch(showError);
})();
