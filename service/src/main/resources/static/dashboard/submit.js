// Submit a spec: paste JSON, or fill a form built from GET /teachers and GET /estimators. A 400's
// problem details name each bad field; each message is shown next to its field (form) and in a
// list under the JSON, and the first one gets focus.
import { api } from './api.js';
import { h, announce } from './dom.js';

const EXAMPLE = {
  name: 'quickstart',
  tags: ['quickstart'],
  teacher: { kind: 'hierarchical', input: 'gaussian-equivalent', d: 20, p: 6,
    secondLayer: { kind: 'power-law', gamma: 1.0 }, link: 'identity', noise: 0.0 },
  estimators: [
    { kind: 'hierarchical-spectral', name: 'spectral', directions: 6 },
    { kind: 'kernel-ridge', name: 'krr-quadratic', kernel: { kind: 'quadratic' }, ridge: 1e-3, maxTrain: 2000 },
  ],
  sweep: { n: { from: 500, to: 32000, points: 7 }, seeds: 2 },
  test: { n: 2000 },
  fit: { metric: 'nmse' },
};

export function showSubmit(main) {
  const summary = h('div', { id: 'spec-errors', className: 'errors', role: 'alert', tabindex: '-1' });
  const jsonTab = h('button', { type: 'button', role: 'tab', id: 'tab-json', 'aria-controls': 'panel-json', 'aria-selected': 'true' }, 'Paste JSON');
  const formTab = h('button', { type: 'button', role: 'tab', id: 'tab-form', 'aria-controls': 'panel-form', 'aria-selected': 'false', tabindex: '-1' }, 'Build with a form');
  const jsonPanel = jsonEditor(summary);
  const formPanel = h('div', { id: 'panel-form', role: 'tabpanel', 'aria-labelledby': 'tab-form', hidden: true },
    h('p', { className: 'muted' }, 'Loading the catalog of teachers and estimators…'));
  let formLoaded = false;

  function select(tab) {
    const json = tab === jsonTab;
    jsonTab.setAttribute('aria-selected', String(json));
    formTab.setAttribute('aria-selected', String(!json));
    jsonTab.tabIndex = json ? 0 : -1;
    formTab.tabIndex = json ? -1 : 0;
    jsonPanel.hidden = !json;
    formPanel.hidden = json;
    summary.replaceChildren();
    if (!json && !formLoaded) {
      formLoaded = true;
      buildForm(formPanel, summary, spec => {
        jsonPanel.querySelector('textarea').value = JSON.stringify(spec, null, 2);
        select(jsonTab);
      });
    }
  }
  jsonTab.addEventListener('click', () => select(jsonTab));
  formTab.addEventListener('click', () => select(formTab));
  for (const tab of [jsonTab, formTab]) {
    tab.addEventListener('keydown', e => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const other = tab === jsonTab ? formTab : jsonTab;
        select(other);
        other.focus();
      }
    });
  }

  main.append(h('h1', {}, 'New experiment'),
    h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'How to write the spec' }, jsonTab, formTab),
    summary, jsonPanel, formPanel);
}

function jsonEditor(summary) {
  const textarea = h('textarea', { id: 'spec-json', name: 'spec', spellcheck: 'false', 'aria-describedby': 'spec-json-hint spec-errors' });
  textarea.value = JSON.stringify(EXAMPLE, null, 2);
  const form = h('form', { id: 'spec-json-form' },
    h('label', { for: 'spec-json' }, 'Experiment spec (JSON)'),
    h('span', { className: 'hint', id: 'spec-json-hint' },
      'The spec of CONTRACT.md; unknown or bad fields are reported one by one. The quickstart is filled in.'),
    textarea,
    h('div', { className: 'actions' },
      h('button', { type: 'submit', id: 'submit-json' }, 'Submit experiment'),
      h('button', { type: 'button', className: 'secondary', onclick: () => { textarea.value = JSON.stringify(EXAMPLE, null, 2); } },
        'Reset to the quickstart')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    let spec;
    try {
      spec = JSON.parse(textarea.value);
    } catch (err) {
      showErrors(summary, [{ field: '$', message: `not valid JSON: ${err.message}` }], null);
      textarea.setAttribute('aria-invalid', 'true');
      return;
    }
    textarea.removeAttribute('aria-invalid');
    await submit(spec, summary, null, () => textarea.setAttribute('aria-invalid', 'true'));
  });
  return h('div', { id: 'panel-json', role: 'tabpanel', 'aria-labelledby': 'tab-json' }, form);
}

async function submit(spec, summary, form, onInvalid) {
  summary.replaceChildren();
  if (form) clearFieldErrors(form);
  try {
    const experiment = await api.submit(spec);
    announce(`Experiment ${experiment.name} submitted`);
    location.hash = `#/experiments/${experiment.id}`;
  } catch (err) {
    const errors = (err.problem && err.problem.errors) || [];
    showErrors(summary, errors, err, form);
    if (onInvalid) onInvalid();
  }
}

function showErrors(summary, errors, err, form) {
  const title = err && err.problem ? (err.problem.title || 'Submission failed') : 'The spec cannot be sent';
  const items = errors.map(e => {
    const field = form ? fieldFor(form, e.field) : null;
    if (field) {
      const slot = form.querySelector(`[data-error-for="${CSS.escape(field.id)}"]`);
      if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${e.message}` : e.message;
      field.setAttribute('aria-invalid', 'true');
    }
    return h('li', { 'data-field': e.field },
      field ? h('a', { href: `#${field.id}`, onclick: ev => { ev.preventDefault(); field.focus(); } }, h('code', {}, e.field))
        : h('code', {}, e.field), ': ', e.message);
  });
  summary.replaceChildren(h('p', {}, h('strong', {}, title),
    err && err.problem && err.problem.detail && errors.length === 0 ? `: ${err.problem.detail}` : ''),
  items.length ? h('ul', { id: 'spec-error-list' }, items) : null);
  summary.focus();
}

/** The form control for an error's field path, or the closest enclosing one (estimators[1].kernel.kind -> estimators[1].kernel). */
function fieldFor(form, path) {
  let p = path;
  while (p) {
    const el = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return null;
}

function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) slot.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

async function buildForm(panel, summary, toJson) {
  let teachers, estimators;
  try {
    [teachers, estimators] = await Promise.all([api.teachers(), api.estimators()]);
  } catch (err) {
    panel.replaceChildren(h('p', { className: 'errors' }, `Could not load the catalog: ${err.message}`));
    return;
  }
  const form = h('form', { id: 'spec-form', novalidate: true });
  const general = h('fieldset', {}, h('legend', {}, 'Experiment'), h('div', { className: 'form-grid' },
    control({ id: 'f-name', field: 'name', label: 'Name', type: 'string', value: 'from-the-form' }),
    control({ id: 'f-tags', field: 'tags', label: 'Tags', type: 'string', hint: 'comma-separated' })));

  const teacherKind = h('select', { id: 'f-teacher-kind', 'data-field': 'teacher.kind' },
    teachers.map(t => h('option', { value: t.kind }, t.kind)));
  const teacherParams = h('div', { className: 'form-grid' });
  const teacherSet = h('fieldset', {}, h('legend', {}, 'Teacher'),
    h('div', {}, h('label', { for: 'f-teacher-kind' }, 'Kind'), teacherKind,
      h('span', { className: 'field-error', 'data-error-for': 'f-teacher-kind' })),
    teacherParams);
  function showTeacher() {
    const kind = teachers.find(t => t.kind === teacherKind.value);
    teacherParams.replaceChildren(...kind.parameters.map(p => paramControl(`f-teacher-${p.name}`, `teacher.${p.name}`, p)));
  }
  teacherKind.addEventListener('change', showTeacher);
  teacherKind.value = teachers.some(t => t.kind === 'hierarchical') ? 'hierarchical' : teachers[0].kind;
  showTeacher();
  const hint = { input: 'gaussian-equivalent', d: 12, p: 4 };
  for (const [name, value] of Object.entries(hint)) {
    const el = teacherParams.querySelector(`#f-teacher-${name}`);
    if (el) el.value = value;
  }

  const estimatorSets = estimators.map((k, i) => {
    const include = h('input', { type: 'checkbox', id: `f-est-${i}-include`, checked: i === 0 });
    const params = h('div', { className: 'form-grid', id: `f-est-${i}-params` },
      k.parameters.map(p => paramControl(`f-est-${i}-${p.name}`, null, p)));
    return { kind: k.kind, include, params,
      set: h('fieldset', {}, h('legend', {}, include, ' ', h('label', { for: `f-est-${i}-include`, style: 'display:inline' }, k.kind)),
        h('p', { className: 'hint' }, k.description), params) };
  });
  const estimatorBlock = h('fieldset', { id: 'f-estimators', 'data-field': 'estimators', tabindex: '-1' },
    h('legend', {}, 'Estimators (tick each to compare)'),
    h('span', { className: 'field-error', 'data-error-for': 'f-estimators' }),
    estimatorSets.map(s => s.set));

  const sweep = h('fieldset', {}, h('legend', {}, 'Sweep and test'), h('div', { className: 'form-grid' },
    control({ id: 'f-n-from', field: 'sweep.n.from', label: 'n from', type: 'integer', value: 200 }),
    control({ id: 'f-n-to', field: 'sweep.n.to', label: 'n to', type: 'integer', value: 3200 }),
    control({ id: 'f-n-points', field: 'sweep.n.points', label: 'n points (geometric)', type: 'integer', value: 5 }),
    control({ id: 'f-seeds', field: 'sweep.seeds', label: 'Seeds (count)', type: 'integer', value: 2 }),
    control({ id: 'f-test-n', field: 'test.n', label: 'Test samples', type: 'integer', value: 1000 })));

  const build = () => {
    const spec = { name: value(form, 'f-name') || undefined, teacher: { kind: teacherKind.value }, estimators: [] };
    const tags = (value(form, 'f-tags') || '').split(',').map(t => t.trim()).filter(Boolean);
    if (tags.length) spec.tags = tags;
    for (const el of teacherParams.querySelectorAll('[data-param]')) put(spec.teacher, el);
    estimatorSets.filter(s => s.include.checked).forEach((s, index) => {
      const e = { kind: s.kind };
      for (const el of s.params.querySelectorAll('[data-param]')) {
        el.dataset.field = `estimators[${index}].${el.dataset.param}`;
        put(e, el);
      }
      spec.estimators.push(e);
    });
    for (const s of estimatorSets.filter(s => !s.include.checked)) {
      for (const el of s.params.querySelectorAll('[data-param]')) delete el.dataset.field;
    }
    spec.sweep = { n: { from: num(form, 'f-n-from'), to: num(form, 'f-n-to'), points: num(form, 'f-n-points') }, seeds: num(form, 'f-seeds') };
    const testN = num(form, 'f-test-n');
    if (testN !== undefined) spec.test = { n: testN };
    return spec;
  };

  form.append(general, teacherSet, estimatorBlock, sweep, h('div', { className: 'actions' },
    h('button', { type: 'submit', id: 'submit-form' }, 'Submit experiment'),
    h('button', { type: 'button', className: 'secondary', onclick: () => toJson(build()) }, 'Edit as JSON')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const spec = build();
    await submit(spec, summary, form, null);
  });
  panel.replaceChildren(form);
}

function paramControl(id, field, p) {
  const hint = [p.description, p.default !== undefined ? `default ${typeof p.default === 'object' ? JSON.stringify(p.default) : p.default}` : null,
    p.minimum !== undefined || p.maximum !== undefined ? `range ${p.minimum ?? '−∞'} to ${p.maximum ?? '∞'}` : null]
    .filter(Boolean).join('; ');
  return control({ id, field, param: p.name, label: p.name + (p.required ? ' (required)' : ''), type: p.type,
    allowed: p.type === 'object' ? null : p.allowed, hint, min: p.minimum, max: p.maximum });
}

function control({ id, field, param, label, type, allowed, hint, value, min, max }) {
  let input;
  const attrs = { id, name: id, 'data-field': field, 'data-param': param, 'data-type': type,
    'aria-describedby': `${id}-hint ${id}-error` };
  let extra = null;
  if (allowed && allowed.length && type.includes('|')) {
    // A union such as "number|loo": free text, with the named values offered as suggestions.
    extra = h('datalist', { id: `${id}-values` }, allowed.map(a => h('option', { value: a })));
    input = h('input', { ...attrs, type: 'text', list: `${id}-values`, placeholder: `number or ${allowed.join(', ')}` });
  } else if (allowed && allowed.length) {
    input = h('select', attrs, h('option', { value: '' }, '(default)'), allowed.map(a => h('option', { value: a }, a)));
  } else if (type === 'boolean') {
    input = h('select', attrs, h('option', { value: '' }, '(default)'), h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
  } else if (type === 'integer' || type === 'number') {
    input = h('input', { ...attrs, type: 'number', step: type === 'integer' ? '1' : 'any', min, max, inputmode: 'decimal' });
  } else {
    input = h('input', { ...attrs, type: 'text', placeholder: type === 'object' ? 'JSON object' : null });
  }
  if (value !== undefined) input.value = value;
  return h('div', {}, h('label', { for: id }, label), input, extra,
    h('span', { className: 'hint', id: `${id}-hint` }, hint || ''),
    h('span', { className: 'field-error', id: `${id}-error`, 'data-error-for': id }));
}

function value(form, id) {
  const v = form.querySelector(`#${id}`).value.trim();
  return v === '' ? undefined : v;
}

function num(form, id) {
  const v = value(form, id);
  return v === undefined ? undefined : (Number.isFinite(Number(v)) ? Number(v) : v);
}

/** A form value in its JSON type: numbers where they parse, JSON objects, booleans; "auto" and "loo" stay strings. */
function put(target, el) {
  const raw = el.value.trim();
  if (raw === '') return;
  const type = el.dataset.type || 'string';
  let v = raw;
  if (type === 'boolean') v = raw === 'true';
  else if (/(integer|number)/.test(type) && Number.isFinite(Number(raw))) v = Number(raw);
  else if (raw.startsWith('{') || raw.startsWith('[')) {
    try { v = JSON.parse(raw); } catch { v = raw; }
  }
  target[el.dataset.param] = v;
}
