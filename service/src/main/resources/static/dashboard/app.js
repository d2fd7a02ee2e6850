// Hash routes: #/ (experiment list), #/new (submit), #/experiments/{id} (one experiment).
import { showList } from './list.js';
import { showExperiment } from './experiment.js';
import { showSubmit } from './submit.js';

let leave = () => {};

function route() {
  leave();
  leave = () => {};
  const main = document.getElementById('main');
  main.replaceChildren();
  const hash = location.hash || '#/';
  const match = hash.match(/^#\/experiments\/([0-9a-f-]{36})$/i);
  let nav = 'list';
  if (match) {
    nav = null;
    leave = showExperiment(main, match[1]) || leave;
  } else if (hash === '#/new') {
    nav = 'new';
    leave = showSubmit(main) || leave;
  } else {
    leave = showList(main) || leave;
  }
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

window.addEventListener('hashchange', () => {
  route();
  document.getElementById('main').focus();
});
route();
