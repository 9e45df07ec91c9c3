// The console: sign-in, the task list with a new-task form, and a page per task.
import { TaskApi } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { newTaskForm } from './newtask.js';
import { startRouter, navigate } from './router.js';
import { keyCredentials, session } from './session.js';
import { signInView } from './signin.js';
import { taskList } from './tasklist.js';
import { taskView } from './taskview.js';

const app = document.getElementById('app');
const api = new TaskApi(location.origin, keyCredentials);
let current = null;

function render(path, message) {
  current?.stop?.();
  current = null;
  if (!session.key()) {
    app.replaceChildren(signInView({ message, onSignedIn: () => navigate(location.pathname) }));
    return;
  }
  const task = path.match(/^\/tasks\/([^/]+)$/);
  current = task ? taskView(api, decodeURIComponent(task[1]), { onUnauthorized }) : home();
  app.replaceChildren(header(), h('main', { class: task ? 'page' : 'page home' }, current.element));
}

function home() {
  const list = taskList(api, { onUnauthorized });
  return { element: h('div', { class: 'home-grid' }, newTaskForm(api), list.element), stop: list.stop };
}

function header() {
  return h(
    'header',
    { class: 'top' },
    h('a', { href: '/', 'data-route': true, class: 'brand' }, 'agentd'),
    h('button', { type: 'button', class: 'link', onclick: () => signOut() }, 'Sign out'),
  );
}

function signOut(message) {
  session.signOut();
  render(location.pathname, message);
}

function onUnauthorized(message) {
  signOut(message);
}

startRouter(render);
