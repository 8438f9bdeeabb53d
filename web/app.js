// The edstream dashboard: plain browser JavaScript, no build step, talking to /api on the same server.

const $ = (selector) => document.querySelector(selector);
const palette = [
  '#0b5cad',
  '#d64545',
  '#2f8132',
  '#8e44ad',
  '#c77c02',
  '#127fbf',
  '#b83280',
  '#4a5360',
  '#0f766e',
  '#9a3412',
];
let chart;

async function getJson(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function formatCount(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : String(n ?? '–');
}

function shortType(type) {
  return type.replace(/^org\.openedx\./, '').replace(/\.v\d+$/, '');
}

async function refreshOverview() {
  try {
    const overview = await getJson('/api/overview');
    $('#health').textContent = `running · ${formatCount(overview.counts.produced)} events`;
    for (const element of document.querySelectorAll('[data-stage]')) {
      const stage = element.dataset.stage;
      element.textContent = formatCount(stage === 'lag' ? overview.lag : overview.counts[stage]);
    }
    const sinks = overview.sinks ?? [];
    if (sinks.length > 0) {
      $('#sink-summary').textContent = `Delivered counts each statement once per sink: ${sinks
        .map((s) => `${s.name} ${formatCount(s.delivered)}`)
        .join(' · ')}.`;
    }
    drawRates(overview.rates);
  } catch (error) {
    $('#health').textContent = `unreachable: ${error.message}`;
  }
}

function drawRates(rates) {
  if (!window.Chart) return;
  const types = new Map();
  for (const point of rates)
    for (const [type, n] of Object.entries(point.byType)) types.set(type, (types.get(type) ?? 0) + n);
  const top = [...types.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([t]) => t);
  const labels = rates.map((p) => new Date(p.t).toLocaleTimeString());
  const datasets = top.map((type, i) => ({
    label: shortType(type),
    data: rates.map((p) => p.byType[type] ?? 0),
    borderColor: palette[i % palette.length],
    backgroundColor: palette[i % palette.length],
    fill: false,
    tension: 0.2,
    pointRadius: 0,
  }));
  const last = rates[rates.length - 1];
  const total = last ? Object.values(last.byType).reduce((a, b) => a + b, 0) : 0;
  $('#rate-summary').textContent =
    `${formatCount(total)} events in the last second across ${Object.keys(last?.byType ?? {}).length} types`;
  if (!chart) {
    chart = new window.Chart($('#rate-chart'), {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { ticks: { maxTicksLimit: 4, maxRotation: 0, autoSkipPadding: 16 } },
          y: { beginAtZero: true, title: { display: true, text: 'events/s' } },
        },
        plugins: { legend: { position: 'right', labels: { boxWidth: 12, font: { size: 11 } } } },
      },
    });
  } else {
    chart.data.labels = labels;
    chart.data.datasets = datasets;
    chart.update('none');
  }
}

// Refreshes overlap (a timer, and one after each replay): only the latest one may draw the table,
// or a list fetched before a replay would bring the replayed row back.
let deadLetterRefreshes = 0;
async function refreshDeadLetters() {
  const mine = ++deadLetterRefreshes;
  const letters = await getJson('/api/dead-letters').catch(() => []);
  if (mine !== deadLetterRefreshes) return;
  const body = $('#dlq-table tbody');
  body.replaceChildren(
    ...letters.map((letter) => {
      const row = document.createElement('tr');
      const cells = [letter.where, letter.id, letter.code, String(letter.attempts), letter.message];
      cells.forEach((text, i) => {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (i === 2) cell.className = 'code';
        row.append(cell);
      });
      const action = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Replay';
      button.setAttribute('aria-label', `Replay dead letter ${letter.id}`);
      button.addEventListener('click', () => replay(letter));
      action.append(button);
      row.append(action);
      return row;
    }),
  );
  if (letters.length === 0) {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = 6;
    cell.textContent = 'No dead letters.';
    row.append(cell);
    body.append(row);
  }
}

async function replay(letter) {
  $('#dlq-status').textContent = `Replaying ${letter.id}…`;
  try {
    const result = await getJson('/api/dead-letters/replay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: letter.source, id: letter.id }),
    });
    $('#dlq-status').textContent = `Replayed ${letter.id}: ${result.message}`;
  } catch (error) {
    $('#dlq-status').textContent = `Replay of ${letter.id} failed: ${error.message}`;
  }
  await refreshDeadLetters();
}

async function refreshVerbs() {
  const verbs = await getJson('/api/verbs').catch(() => []);
  const select = $('#filter-verb');
  const current = select.value;
  select.replaceChildren(new Option('any', ''), ...verbs.map((v) => new Option(v.replace(/^.*\//, ''), v)));
  select.value = current;
}

let searches = 0;
async function searchStatements(event) {
  event?.preventDefault();
  const mine = ++searches;
  // Old results go at once: nothing on the page may pass for the new search's results.
  $('#statement-list').replaceChildren();
  $('#explorer-count').textContent = 'Searching…';
  const form = new FormData($('#explorer-form'));
  const params = new URLSearchParams();
  for (const [key, value] of form) {
    if (!value) continue;
    params.set(key, key === 'since' ? new Date(value).toISOString() : value);
  }
  params.set('limit', '50');
  let result;
  try {
    result = await getJson(`/api/statements?${params}`);
  } catch (error) {
    if (mine === searches) $('#explorer-count').textContent = `Search failed: ${error.message}`;
    return;
  }
  if (mine !== searches) return;
  $('#explorer-count').textContent = `${result.statements.length} statement(s)`;
  const list = $('#statement-list');
  list.replaceChildren(
    ...result.statements.map((statement) => {
      const item = document.createElement('li');
      item.tabIndex = 0;
      item.setAttribute('role', 'button');
      item.dataset.id = statement.id;
      item.textContent = `${statement.timestamp ?? ''} · ${statement.verb.id.replace(/^.*\//, '')} · ${statement.object.id ?? ''}`;
      const open = () => showStatement(statement.id, item);
      item.addEventListener('click', open);
      item.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      });
      return item;
    }),
  );
}

async function showStatement(id, item) {
  for (const other of document.querySelectorAll('#statement-list li'))
    other.setAttribute('aria-selected', 'false');
  item?.setAttribute('aria-selected', 'true');
  const statement = await getJson(`/api/statements/${encodeURIComponent(id)}`);
  $('#statement-title').textContent = `Statement ${id}`;
  $('#statement-json').textContent = JSON.stringify(statement, null, 2);
}

let catalog = [];
async function loadCatalog() {
  catalog = await getJson('/api/catalog');
  renderCatalog();
}

function renderCatalog() {
  const filter = $('#catalog-filter').value.toLowerCase();
  $('#catalog-list').replaceChildren(
    ...catalog
      .filter((e) => e.event_type.toLowerCase().includes(filter))
      .map((e) => {
        const item = document.createElement('li');
        item.tabIndex = 0;
        item.setAttribute('role', 'button');
        item.textContent = shortType(e.event_type);
        const open = async () => {
          const detail = await getJson(`/api/catalog/${encodeURIComponent(e.event_type)}`);
          $('#catalog-event-title').textContent = e.event_type;
          $('#catalog-fields').textContent =
            `${detail.tree}\n\nAvro schema:\n${detail.avro ?? '(not serializable)'}`;
        };
        item.addEventListener('click', open);
        item.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            open();
          }
        });
        return item;
      }),
  );
}

$('#explorer-form').addEventListener('submit', searchStatements);
$('#catalog-filter').addEventListener('input', renderCatalog);
refreshOverview();
setInterval(refreshOverview, 1000);
refreshDeadLetters();
setInterval(refreshDeadLetters, 3000);
refreshVerbs();
setInterval(refreshVerbs, 5000);
loadCatalog();
searchStatements();
