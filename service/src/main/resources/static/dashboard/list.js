// The experiment list: newest first, filtered by status, tag and name, one page (50) at a time
// through the API's keyset cursor, so hundreds of experiments cost one small query per page.
import { api } from './api.js';
import { h, announce, progressText, statusBadge } from './dom.js';

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export function showList(main) {
  const filters = { status: '', tag: '', name: '' };
  let cursor = null;
  let generation = 0;
  let debounce = null;

  const status = h('select', { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, 'any'), STATUSES.map(s => h('option', { value: s }, s.toLowerCase())));
  const tag = h('input', { id: 'filter-tag', name: 'tag', type: 'text', autocomplete: 'off' });
  const name = h('input', { id: 'filter-name', name: 'name', type: 'search', autocomplete: 'off' });
  const form = h('form', { id: 'filters', className: 'filters', role: 'search', 'aria-label': 'Filter experiments' },
    h('div', {}, h('label', { for: 'filter-status' }, 'Status'), status),
    h('div', {}, h('label', { for: 'filter-tag' }, 'Tag'), tag),
    h('div', {}, h('label', { for: 'filter-name' }, 'Name contains'), name),
    h('button', { type: 'submit' }, 'Apply filters'),
    h('button', { type: 'button', className: 'secondary', id: 'refresh', onclick: () => reload() }, 'Refresh'));
  const body = h('tbody');
  const table = h('table', { id: 'experiments' },
    h('caption', { className: 'visually-hidden' }, 'Experiments, newest first'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Progress'),
      h('th', { scope: 'col' }, 'Tags'), h('th', { scope: 'col' }, 'Created'))),
    body);
  const summary = h('p', { id: 'list-summary', className: 'muted', 'aria-live': 'polite' });
  const more = h('button', { id: 'load-more', type: 'button', className: 'secondary', hidden: true,
    onclick: () => load(false) }, 'Load more');
  const error = h('div', { className: 'errors', role: 'alert' });

  main.append(h('h1', {}, 'Experiments'),
    h('p', {}, h('a', { className: 'button', href: '#/new' }, 'New experiment')),
    form, error, table, summary, more);

  form.addEventListener('submit', e => { e.preventDefault(); reload(); });
  status.addEventListener('change', () => reload());
  for (const input of [tag, name]) {
    input.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(reload, 350); });
  }

  function reload() {
    filters.status = status.value;
    filters.tag = tag.value.trim();
    filters.name = name.value.trim();
    load(true);
  }

  async function load(fresh) {
    const mine = ++generation;
    if (fresh) cursor = null;
    more.disabled = true;
    error.replaceChildren();
    try {
      const page = await api.list(filters, cursor);
      if (mine !== generation) return;
      if (fresh) body.replaceChildren();
      for (const e of page.items) body.append(row(e));
      cursor = page.nextCursor || null;
      more.hidden = !cursor;
      more.disabled = false;
      const count = body.children.length;
      summary.textContent = count === 0 ? 'No experiments match.'
        : `Showing ${count} experiment${count === 1 ? '' : 's'}${cursor ? '; more are available' : ''}.`;
      if (!fresh) announce(`${page.items.length} more experiments loaded`);
    } catch (err) {
      if (mine !== generation) return;
      error.replaceChildren(h('p', {}, `Could not load experiments: ${err.message}`),
        problemList(err.problem));
      more.disabled = false;
    }
  }

  // Rows still queued or running are re-read every few seconds (at most 25, one small GET each),
  // so progress moves without reloading the page or losing the pages already loaded.
  const ticker = setInterval(async () => {
    const live = [...body.querySelectorAll('tr[data-status="QUEUED"], tr[data-status="RUNNING"]')].slice(0, 25);
    for (const tr of live) {
      try {
        const e = await api.get(tr.dataset.id);
        if (tr.isConnected) tr.replaceWith(row(e));
      } catch {
        // deleted meanwhile, or the service is restarting: keep the row as it is
      }
    }
  }, 4000);

  load(true);
  return () => { generation++; clearTimeout(debounce); clearInterval(ticker); };
}

function row(e) {
  return h('tr', { 'data-id': e.id, 'data-status': e.status },
    h('td', {}, h('a', { className: 'experiment-link', href: `#/experiments/${e.id}` }, e.name)),
    h('td', {}, statusBadge(e.status)),
    h('td', {}, h('progress', { max: e.progress.total || 1, value: e.progress.done,
      'aria-label': `Progress of ${e.name}` }), ' ', h('span', { className: 'muted' }, progressText(e.progress))),
    h('td', {}, e.tags.map(t => h('span', { className: 'tag' }, t))),
    h('td', {}, h('time', { datetime: e.createdAt }, new Date(e.createdAt).toLocaleString())));
}

export function problemList(problem) {
  if (!problem || !Array.isArray(problem.errors) || problem.errors.length === 0) return null;
  return h('ul', {}, problem.errors.map(e => h('li', {}, h('code', {}, e.field), ': ', e.message)));
}
