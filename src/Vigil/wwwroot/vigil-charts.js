// Vigil statistics pages: the metrics explorer and dashboards. Charts are drawn with uPlot
// (vendored from npm under /lib/uplot) from /api/metrics/query; the previous week, when asked,
// is the same query with offset=7d drawn as a faint dashed line behind the current one.
(() => {
  'use strict';

  const palette = ['#3553c8', '#d1242f', '#1a7f37', '#bf8700', '#8250df', '#0969da', '#bc4c00', '#1b7c83', '#cf222e', '#6e7781'];

  const api = async (path, options = {}) => {
    const response = await fetch(path, { credentials: 'same-origin', ...options });
    if (!response.ok) {
      let detail = `${response.status} ${response.statusText}`;
      try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
      throw new Error(detail);
    }
    return response.status === 204 ? null : response.json();
  };

  const send = (path, method, body, csrf) => api(path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Vigil-Csrf': csrf },
    body: JSON.stringify(body),
  });

  // "1.2k", "3.4M", "12.5 ms": short numbers for axes and the legend.
  const format = (value, unit) => {
    if (value == null || !Number.isFinite(value)) return '—';
    const abs = Math.abs(value);
    let text;
    if (abs >= 1e9) text = (value / 1e9).toFixed(abs >= 1e10 ? 0 : 1) + 'G';
    else if (abs >= 1e6) text = (value / 1e6).toFixed(abs >= 1e7 ? 0 : 1) + 'M';
    else if (abs >= 1e4) text = (value / 1e3).toFixed(abs >= 1e5 ? 0 : 1) + 'k';
    else if (abs >= 100 || Number.isInteger(value)) text = Math.round(value).toString();
    else text = value.toPrecision(3);
    return unit ? `${text} ${unit}` : text;
  };

  const groupLabel = (group, fallback) => {
    const keys = Object.keys(group || {});
    return keys.length ? keys.map(key => `${key}=${group[key]}`).join(', ') : fallback;
  };

  const queryUrl = (project, spec, range, offset) => {
    const query = new URLSearchParams({ project, name: spec.metric, agg: spec.aggregation, since: range });
    for (const filter of spec.filters || []) query.append('filter', filter);
    for (const tag of spec.groupBy || []) query.append('groupBy', tag);
    if (offset) query.set('offset', offset);
    return `/api/metrics/query?${query}`;
  };

  // One uPlot data table from the current series and (optionally) last week's, on the union of
  // their timestamps, so every line shares the x axis and the hover shows every value at once.
  const table = (current, previous) => {
    const times = new Set();
    const all = [...current.series, ...(previous ? previous.series : [])];
    for (const series of all) for (const [time] of series.points) times.add(time);
    const xs = [...times].sort((a, b) => a - b);
    const index = new Map(xs.map((time, i) => [time, i]));
    const column = series => {
      const values = new Array(xs.length).fill(null);
      for (const [time, value] of series.points) values[index.get(time)] = value;
      return values;
    };
    return { xs, columns: all.map(column) };
  };

  const nearestValue = (values, index) => {
    if (values[index] != null) return index;
    for (let step = 1; step < values.length; step++) {
      if (values[index - step] != null) return index - step;
      if (values[index + step] != null) return index + step;
    }
    return index;
  };

  const chartHandles = new WeakMap();

  /** Draws spec over range into container; returns the query result (for units and titles). */
  const draw = async (container, project, spec, range) => {
    const [current, previous] = await Promise.all([
      api(queryUrl(project, spec, range)),
      spec.compareWeek ? api(queryUrl(project, spec, range, '7d')) : Promise.resolve(null),
    ]);
    chartHandles.get(container)?.destroy();
    chartHandles.delete(container);
    container.textContent = '';
    if (!current || current.series.length === 0) {
      const empty = document.createElement('div');
      empty.className = 'chart-empty';
      empty.textContent = 'No data in this range.';
      container.append(empty);
      return current;
    }
    const unit = current.unit || '';
    const { xs, columns } = table(current, previous);
    const series = [{ value: (u, ts) => ts == null ? '—' : new Date(ts * 1000).toLocaleString() }];
    current.series.forEach((s, i) => series.push({
      label: groupLabel(s.group, spec.metric),
      stroke: palette[i % palette.length],
      width: 1.5,
      // Sparse senders (a cron job, a rarely hit route) leave empty buckets between points; a line
      // through them reads better than scattered dots, and the hover still shows the real buckets.
      spanGaps: true,
      value: (u, v) => format(v, unit),
    }));
    (previous ? previous.series : []).forEach((s, i) => series.push({
      label: `${groupLabel(s.group, spec.metric)} (previous week)`,
      stroke: palette[i % palette.length] + '55',
      width: 1,
      dash: [4, 4],
      spanGaps: true,
      value: (u, v) => format(v, unit),
    }));
    const options = {
      width: Math.max(320, container.clientWidth || 640),
      height: 260,
      scales: { x: { time: true } },
      series,
      axes: [{}, { size: 72, values: (u, ticks) => ticks.map(tick => format(tick, unit)) }],
      legend: { live: true },
      // The hover shows each series' nearest bucket that has a value, not a dash for an empty one.
      cursor: { drag: { x: false, y: false }, dataIdx: (u, seriesIndex, hovered) => nearestValue(u.data[seriesIndex], hovered) },
    };
    const plot = new uPlot(options, [xs.map(time => time / 1000), ...columns], container);
    container.dataset.points = String(columns.reduce((sum, values) => sum + values.filter(v => v != null).length, 0));
    container.dataset.series = String(series.length - 1);
    chartHandles.set(container, plot);
    return current;
  };

  const showError = (box, error) => {
    box.hidden = !error;
    box.textContent = error ? error.message || String(error) : '';
  };

  // --- the explorer ------------------------------------------------------------------------
  const explorer = async root => {
    const project = root.dataset.project;
    const csrf = root.dataset.csrf;
    const $ = id => root.querySelector('#' + id);
    const metric = $('metric'), agg = $('agg'), filters = $('filters'), groupBy = $('group-by'),
      range = $('range'), compare = $('compare'), chart = $('chart'), error = $('chart-error');
    let metrics = [];

    const specFromForm = () => ({
      title: '',
      metric: metric.value,
      aggregation: agg.value,
      filters: filters.value.split(',').map(f => f.trim()).filter(Boolean),
      groupBy: groupBy.value ? [groupBy.value] : [],
      compareWeek: compare.checked,
    });

    const defaultAggregation = kind => ({ counter: 'sum', gauge: 'avg', distribution: 'p99', set: 'distinct' })[String(kind).toLowerCase()] || 'avg';

    const fillTags = () => {
      const chosen = metrics.find(m => m.name === metric.value);
      const keep = groupBy.value;
      groupBy.length = 1;
      for (const key of chosen ? chosen.tagKeys || [] : []) groupBy.add(new Option(key, key, false, key === keep));
    };

    const readUrl = () => {
      const params = new URLSearchParams(location.search);
      const named = params.get('metric');
      // A shared link may name a metric this project no longer has: keep it, so the API says why there is no chart.
      if (named && ![...metric.options].some(option => option.value === named)) metric.add(new Option(named, named));
      if (named) metric.value = named;
      fillTags();
      if (params.get('agg')) agg.value = params.get('agg');
      filters.value = params.getAll('filter').join(', ');
      if (params.get('groupBy')) groupBy.value = params.get('groupBy');
      if (params.get('range')) range.value = params.get('range');
      compare.checked = params.get('compare') === '1';
    };

    const writeUrl = spec => {
      const params = new URLSearchParams({ metric: spec.metric, agg: spec.aggregation, range: range.value });
      for (const filter of spec.filters) params.append('filter', filter);
      if (spec.groupBy.length) params.set('groupBy', spec.groupBy[0]);
      if (spec.compareWeek) params.set('compare', '1');
      history.replaceState(null, '', `${location.pathname}?${params}`);
    };

    const show = async () => {
      if (!metric.value) return;
      const spec = specFromForm();
      writeUrl(spec);
      $('chart-title').textContent = `${spec.aggregation}(${spec.metric})` + (spec.groupBy.length ? ` by ${spec.groupBy[0]}` : '');
      try {
        const result = await draw(chart, project, spec, range.value);
        $('chart-unit').textContent = result && result.unit ? `unit: ${result.unit}` : '';
        showError(error, null);
      } catch (e) {
        showError(error, e);
      }
    };

    const loadDashboards = async () => {
      const select = $('dashboard');
      select.length = 1;
      for (const dashboard of await api(`/api/projects/${encodeURIComponent(project)}/dashboards`))
        select.add(new Option(dashboard.name, dashboard.id));
    };

    $('add-to-dashboard').addEventListener('submit', async event => {
      event.preventDefault();
      const spec = specFromForm();
      spec.title = $('chart-title').textContent;
      try {
        const id = $('dashboard').value;
        let dashboard;
        if (id) {
          const existing = await api(`/api/dashboards/${id}`);
          dashboard = await send(`/api/dashboards/${id}`, 'PUT', { ...existing, charts: [...existing.charts, spec] }, csrf);
        } else {
          const name = $('dashboard-name').value.trim() || spec.title;
          dashboard = await send(`/api/projects/${encodeURIComponent(project)}/dashboards`, 'POST',
            { name, charts: [spec], range: range.value, refreshSeconds: 0 }, csrf);
        }
        const added = $('added');
        added.textContent = 'Added to ';
        const link = document.createElement('a');
        link.href = `/projects/${encodeURIComponent(project)}/dashboards/${dashboard.id}`;
        link.textContent = dashboard.name;
        added.append(link);
        await loadDashboards();
        showError(error, null);
      } catch (e) {
        showError(error, e);
      }
    });

    metric.addEventListener('change', () => {
      fillTags();
      agg.value = defaultAggregation((metrics.find(m => m.name === metric.value) || {}).kind);
      show();
    });
    for (const input of [agg, groupBy, range, compare]) input.addEventListener('change', show);
    $('explore').addEventListener('submit', event => { event.preventDefault(); show(); });

    try {
      metrics = await api(`/api/metrics?project=${encodeURIComponent(project)}`);
      for (const m of metrics) metric.add(new Option(m.unit ? `${m.name} (${m.unit})` : m.name, m.name));
      if (metrics.length && !new URLSearchParams(location.search).get('agg')) agg.value = defaultAggregation(metrics[0].kind);
      readUrl();
      await loadDashboards();
      await show();
    } catch (e) {
      showError(error, e);
    }
  };

  // --- a dashboard -----------------------------------------------------------------------------
  const dashboard = async root => {
    const project = root.dataset.project;
    const csrf = root.dataset.csrf;
    const id = root.dataset.id;
    const grid = root.querySelector('#charts');
    const range = root.querySelector('#range');
    const refresh = root.querySelector('#refresh');
    let current = await api(`/api/dashboards/${id}`);
    let timer = null;

    const save = async () => {
      current = await send(`/api/dashboards/${id}`, 'PUT', current, csrf);
      root.querySelector('#saved').textContent = 'Saved';
    };

    const render = () => {
      grid.textContent = '';
      current.charts.forEach((spec, index) => {
        const card = document.createElement('section');
        card.className = 'card chart-card';
        const head = document.createElement('div');
        head.className = 'row small';
        const title = document.createElement('strong');
        title.className = 'grow';
        title.textContent = spec.title;
        const open = document.createElement('a');
        const params = new URLSearchParams({ metric: spec.metric, agg: spec.aggregation, range: range.value });
        for (const filter of spec.filters) params.append('filter', filter);
        if (spec.groupBy.length) params.set('groupBy', spec.groupBy[0]);
        if (spec.compareWeek) params.set('compare', '1');
        open.href = `/projects/${encodeURIComponent(project)}/metrics?${params}`;
        open.textContent = 'Explore';
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'link danger';
        remove.textContent = 'Remove';
        remove.addEventListener('click', async () => {
          current.charts.splice(index, 1);
          await save();
          render();
        });
        const unit = document.createElement('span');
        unit.className = 'muted';
        head.append(title, unit, open, remove);
        const body = document.createElement('div');
        body.className = 'metric-chart';
        const error = document.createElement('div');
        error.className = 'error-box';
        error.hidden = true;
        card.append(head, error, body);
        grid.append(card);
        draw(body, project, spec, range.value)
          .then(result => { unit.textContent = result && result.unit ? result.unit : ''; showError(error, null); })
          .catch(e => showError(error, e));
      });
    };

    const schedule = () => {
      if (timer) clearInterval(timer);
      const seconds = Number(refresh.value);
      timer = seconds > 0 ? setInterval(render, seconds * 1000) : null;
    };

    range.addEventListener('change', async () => { current.range = range.value; await save(); render(); });
    refresh.addEventListener('change', async () => { current.refreshSeconds = Number(refresh.value); await save(); schedule(); });
    render();
    schedule();
  };

  const explorerRoot = document.getElementById('explorer');
  if (explorerRoot) explorer(explorerRoot);
  const dashboardRoot = document.getElementById('dashboard');
  if (dashboardRoot) dashboard(dashboardRoot).catch(e => { dashboardRoot.querySelector('#charts').textContent = e.message; });
  window.VigilCharts = { draw, format };
})();
