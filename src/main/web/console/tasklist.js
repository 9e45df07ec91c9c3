// The task list: newest activity first, filtered by status, paged, refreshed while in view.
import { ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { STATUS_LABEL, ago } from './format.js';

const PAGE = 20;
const REFRESH_MS = 4000;

export function taskList(api, { onUnauthorized }) {
  let offset = 0;
  let timer = null;
  let loading = false;
  const filter = h(
    'select',
    { id: 'status-filter', onchange: () => ((offset = 0), load()) },
    h('option', { value: '' }, 'All statuses'),
    Object.entries(STATUS_LABEL).map(([value, label]) => h('option', { value }, label)),
  );
  const items = h('ul', { class: 'task-list', 'aria-label': 'Tasks' });
  const summary = h('span', { class: 'muted', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', onclick: () => ((offset = Math.max(0, offset - PAGE)), load()) }, 'Previous');
  const next = h('button', { type: 'button', onclick: () => ((offset += PAGE), load()) }, 'Next');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const element = h(
    'section',
    { class: 'tasks card', 'aria-labelledby': 'tasks-title' },
    h('div', { class: 'list-head' }, h('h2', { id: 'tasks-title' }, 'Tasks'), h('label', { for: 'status-filter', class: 'visually-hidden' }, 'Status'), filter),
    items,
    error,
    h('div', { class: 'pager' }, previous, summary, next),
  );

  async function load() {
    if (loading) return;
    loading = true;
    try {
      const page = await api.listTasks({ limit: PAGE, offset, statuses: filter.value ? [filter.value] : [] });
      show(page);
      error.textContent = '';
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return onUnauthorized(e.message);
      error.textContent = e instanceof ApiError ? e.message : 'The server cannot be reached; retrying.';
    } finally {
      loading = false;
    }
  }

  function show({ data, pagination }) {
    items.replaceChildren(...data.map(row));
    if (!data.length) items.append(h('li', { class: 'empty muted' }, offset ? 'Nothing on this page.' : 'No tasks yet.'));
    const last = Math.min(pagination.total, offset + data.length);
    summary.textContent = pagination.total ? `${offset + 1}–${last} of ${pagination.total}` : '';
    previous.disabled = offset === 0;
    next.disabled = !pagination.hasMore;
  }

  function row(task) {
    return h(
      'li',
      {},
      h(
        'a',
        { href: `/tasks/${task.id}`, 'data-route': true, class: 'task-row' },
        h('span', { class: 'first-message' }, task.message),
        h('span', { class: `badge status-${task.status}` }, STATUS_LABEL[task.status] ?? task.status),
        h('span', { class: 'meta muted' }, `${task.messageCount} message${task.messageCount === 1 ? '' : 's'} · ${ago(task.lastActivityAt)}`),
      ),
    );
  }

  function tick() {
    if (document.visibilityState === 'visible') load();
  }

  load();
  timer = setInterval(tick, REFRESH_MS);
  return { element, stop: () => clearInterval(timer) };
}
