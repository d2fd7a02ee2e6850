// One experiment: status and progress live from the server-sent `progress` events, the plots
// (server-rendered SVG, reloaded when a run finishes), fits, verdicts, cancel/retry and downloads.
import { api, TERMINAL } from './api.js';
import { h, announce, fmt, progressText, statusBadge } from './dom.js';
import { problemList } from './list.js';

const PLOTS = [
  { key: 'nmse', title: 'Error against n (log-log)' },
  { key: 'cos2', title: 'Per-direction recovery: cos² against n' },
  { key: 'spectrum', title: 'Spectrum of the first-layer operator' },
];

export function showExperiment(main, id) {
  let source = null;
  let poll = null;
  let closed = false;
  let lastDone = -1;
  let lastStatus = null;

  const title = h('h1', { id: 'experiment-name' }, 'Experiment');
  const status = h('span', { id: 'status' });
  const bar = h('progress', { id: 'progress-bar', max: 1, value: 0, 'aria-labelledby': 'progress-label' });
  const text = h('span', { id: 'progress-text' });
  const live = h('p', { id: 'progress-live', className: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const counts = h('p', { id: 'progress-counts', className: 'muted' });
  const meta = h('dl', { className: 'meta' });
  const error = h('div', { className: 'errors', role: 'alert', id: 'experiment-error' });
  const cancel = h('button', { id: 'cancel', type: 'button', className: 'danger', onclick: onCancel }, 'Cancel');
  const retry = h('button', { id: 'retry', type: 'button', className: 'secondary', onclick: onRetry }, 'Retry failed and cancelled runs');
  const downloads = h('p', { className: 'actions' }, 'Download results: ',
    h('a', { id: 'download-json', className: 'button secondary', href: api.resultsUrl(id, 'json'), download: `${id}-results.json` }, 'JSON'),
    h('a', { id: 'download-csv', className: 'button secondary', href: api.resultsUrl(id, 'csv'), download: `${id}-curves.csv` }, 'CSV'));
  const fits = h('div', { id: 'fits' });
  const verdicts = h('div', { id: 'verdicts' });
  const figures = PLOTS.map(p => plotFigure(id, p));

  main.append(title,
    h('section', { 'aria-labelledby': 'progress-label', className: 'progress-large' },
      h('h2', { id: 'progress-label' }, 'Progress'),
      h('p', {}, status, ' ', text), bar, counts, live,
      h('div', { className: 'actions' }, cancel, retry), error),
    h('section', { 'aria-labelledby': 'fits-heading' }, h('h2', { id: 'fits-heading' }, 'Fitted power laws'), fits),
    h('section', { 'aria-labelledby': 'verdicts-heading' }, h('h2', { id: 'verdicts-heading' }, 'Verdicts'), verdicts),
    h('section', { 'aria-labelledby': 'plots-heading' }, h('h2', { id: 'plots-heading' }, 'Plots'),
      h('div', { className: 'plots' }, figures.map(f => f.figure))),
    h('section', { 'aria-labelledby': 'details-heading' }, h('h2', { id: 'details-heading' }, 'Details'), meta, downloads));

  function show(e) {
    document.title = `${e.name} – Cascade`;
    title.textContent = e.name;
    status.replaceChildren(statusBadge(e.status));
    bar.max = e.progress.total || 1;
    bar.value = e.progress.done;
    text.textContent = progressText(e.progress);
    const p = e.progress;
    counts.textContent = `queued ${p.queued}, running ${p.running}, succeeded ${p.succeeded}, failed ${p.failed}, cancelled ${p.cancelled}`;
    cancel.disabled = TERMINAL.has(e.status);
    retry.disabled = !(p.failed + p.cancelled > 0 && TERMINAL.has(e.status));
    meta.replaceChildren(
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, e.id)),
      h('dt', {}, 'Tags'), h('dd', {}, e.tags.length ? e.tags.join(', ') : '–'),
      h('dt', {}, 'Owner'), h('dd', {}, e.owner),
      h('dt', {}, 'Created'), h('dd', {}, new Date(e.createdAt).toLocaleString()),
      h('dt', {}, 'Wall time'), h('dd', {}, e.wallSeconds != null ? `${fmt(e.wallSeconds, 1)} s` : '–'));
    if (e.progress.done !== lastDone || e.status !== lastStatus) {
      if (lastStatus !== null) live.textContent = `${e.status.toLowerCase()}: ${progressText(e.progress)}`;
      lastDone = e.progress.done;
      lastStatus = e.status;
      refreshResults();
    }
    if (TERMINAL.has(e.status)) stopWatching();
  }

  async function refreshResults() {
    try {
      const result = await api.results(id);
      if (closed) return;
      renderFits(fits, result);
      renderVerdicts(verdicts, result);
      const version = `${result.progress ? result.progress.done : 0}-${result.status}`;
      for (const f of figures) f.update(result, version);
    } catch (err) {
      if (!closed) error.replaceChildren(h('p', {}, `Could not load results: ${err.message}`));
    }
  }

  function watch() {
    stopWatching();
    source = new EventSource(api.eventsUrl(id));
    source.addEventListener('progress', ev => show(JSON.parse(ev.data)));
    source.onerror = () => {
      // The stream ends after a terminal status; anything else falls back to polling.
      if (source) source.close();
      source = null;
      if (!closed && !TERMINAL.has(lastStatus)) poll = setTimeout(pollOnce, 2000);
    };
  }

  async function pollOnce() {
    try {
      const e = await api.get(id);
      show(e);
      if (!TERMINAL.has(e.status)) watch();
    } catch {
      if (!closed) poll = setTimeout(pollOnce, 4000);
    }
  }

  function stopWatching() {
    if (source) source.close();
    source = null;
    clearTimeout(poll);
  }

  async function onCancel() {
    cancel.disabled = true;
    error.replaceChildren();
    try {
      show(await api.cancel(id));
      announce('Cancellation requested');
      if (!TERMINAL.has(lastStatus)) watch();
    } catch (err) {
      error.replaceChildren(h('p', {}, `Cancel failed: ${err.message}`));
      cancel.disabled = false;
    }
  }

  async function onRetry() {
    retry.disabled = true;
    error.replaceChildren();
    try {
      show(await api.retry(id));
      announce('Runs re-queued');
      watch();
    } catch (err) {
      error.replaceChildren(h('p', {}, `Retry failed: ${err.message}`), problemList(err.problem));
    }
  }

  api.get(id).then(e => { show(e); if (!TERMINAL.has(e.status)) watch(); })
    .catch(err => error.replaceChildren(h('p', {}, err.status === 404 ? 'No such experiment.' : `Could not load: ${err.message}`)));

  return () => { closed = true; stopWatching(); };
}

function plotFigure(id, plot) {
  const img = h('img', { id: `plot-${plot.key}`, width: 900, height: 560, alt: `${plot.title}: loading` });
  const caption = h('figcaption', { id: `plot-${plot.key}-caption` });
  const links = h('span', {}, ' Download: ',
    h('a', { href: api.plotUrl(id, plot.key, 'svg'), download: `${id}-${plot.key}.svg` }, 'SVG'), ' · ',
    h('a', { href: api.plotUrl(id, plot.key, 'png'), download: `${id}-${plot.key}.png` }, 'PNG'));
  const figure = h('figure', { 'aria-labelledby': `plot-${plot.key}-caption` }, img, caption);
  let shown = null;
  return {
    figure,
    update(result, version) {
      const alt = describe(plot.key, result);
      img.alt = `${plot.title}. ${alt}`;
      caption.replaceChildren(`${plot.title}. ${alt}`, links);
      if (version !== shown) {
        shown = version;
        img.src = `${api.plotUrl(id, plot.key, 'svg')}?v=${encodeURIComponent(version)}`;
      }
    },
  };
}

function fitMetric(result) {
  return (result.spec && result.spec.fit && result.spec.fit.metric) || 'nmse';
}

function describe(key, result) {
  if (key === 'nmse') {
    const lines = result.fits.filter(f => f.metric === fitMetric(result)).map(fitSentence);
    if (result.theory && result.theory.exponent != null) lines.push(`Theory exponent ${fmt(result.theory.exponent)}.`);
    return lines.length ? lines.join(' ') : 'No power law fitted yet.';
  }
  if (key === 'cos2') {
    const t = result.theory;
    if (!t || !t.directions.length) return 'No predicted thresholds for this teacher.';
    return 'Predicted thresholds: ' + t.directions.map(d => `n*${d.index} = ${Math.round(d.thresholdN)}`).join(', ') + '.';
  }
  return 'Top eigenvalues at the largest n, with the estimated bulk edges.';
}

function fitSentence(f) {
  return `${f.estimator}: fitted exponent ${fmt(f.exponent)}, 95% interval [${fmt(f.ci95[0])}, ${fmt(f.ci95[1])}]`
    + (f.theoryExponent != null ? `, theory ${fmt(f.theoryExponent)}.` : '.');
}

function renderFits(target, result) {
  const rows = result.fits.map(f => h('tr', {},
    h('th', { scope: 'row' }, f.estimator), h('td', {}, f.metric),
    h('td', { className: 'num exponent' }, fmt(f.exponent)),
    h('td', { className: 'num' }, `[${fmt(f.ci95[0])}, ${fmt(f.ci95[1])}]`),
    h('td', { className: 'num' }, f.theoryExponent != null ? fmt(f.theoryExponent) : '–'),
    h('td', { className: 'num' }, fmt(f.r2, 3)),
    h('td', { className: 'num' }, `${Math.round(f.nMin)} – ${Math.round(f.nMax)}`)));
  const theory = result.theory && result.theory.exponent != null
    ? h('p', { id: 'theory-exponent' }, `Theory: asymptotic exponent ${fmt(result.theory.exponent)}.`) : null;
  target.replaceChildren(rows.length === 0 ? h('p', { className: 'muted' }, 'No power law fitted yet.')
    : h('table', { id: 'fits-table' },
      h('caption', { className: 'visually-hidden' }, 'Fitted exponents with 95% intervals'),
      h('thead', {}, h('tr', {}, ['Estimator', 'Metric', 'Exponent', '95% interval', 'Theory (window)', 'R²', 'Window n']
        .map((c, i) => h('th', { scope: 'col', className: i >= 2 ? 'num' : null }, c)))),
      h('tbody', {}, rows)), theory);
}

function renderVerdicts(target, result) {
  if (!result.verdicts.length) {
    target.replaceChildren(h('p', { className: 'muted' }, 'This spec has no expectations (expect).'));
    return;
  }
  const rows = result.verdicts.map(v => h('tr', {},
    h('th', { scope: 'row' }, v.estimator), h('td', {}, v.quantity),
    h('td', { className: 'num' }, v.direction ?? '–'), h('td', { className: 'num' }, v.n ?? '–'),
    h('td', { className: 'num' }, fmt(v.value, 3)),
    h('td', { className: 'num' }, `${fmt(v.expected, 3)} ± ${fmt(v.tolerance, 3)}`),
    h('td', {}, h('span', { className: v.pass ? 'pass' : 'fail' }, v.pass ? 'pass' : 'fail'),
      v.reason ? ` (${v.reason})` : '')));
  target.replaceChildren(
    result.passed != null ? h('p', { id: 'verdict-overall', className: result.passed ? 'pass' : 'fail' },
      result.passed ? 'All expectations pass.' : 'Some expectations fail.') : null,
    h('table', { id: 'verdicts-table' },
      h('caption', { className: 'visually-hidden' }, 'Verdicts of the spec\'s expectations'),
      h('thead', {}, h('tr', {}, ['Estimator', 'Quantity', 'Direction', 'n', 'Value', 'Expected', 'Verdict']
        .map((c, i) => h('th', { scope: 'col', className: i >= 2 && i <= 5 ? 'num' : null }, c)))),
      h('tbody', {}, rows)));
}
