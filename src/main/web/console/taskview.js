// One task: its conversation from history, then the live run as it streams; follow-ups, cancel,
// approvals and the workspace's files beside it.
import { ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { Follower } from '../lib/follow.js';
import { Transcript } from '../lib/transcript.js';
import { artifactsPanel } from './artifacts.js';
import { messageBox } from '../lib/composer.js';
import { filePicker, uploadProgress } from './files.js';
import { BUSY, STATUS_LABEL } from './format.js';

const APPROVALS = [
  ['Approve once', 'proceed_once', 'approve'],
  ['Always allow', 'proceed_always', 'always'],
  ['Reject', 'cancel', 'deny'],
];
/** What each live event says of the task's status. */
const STATUS_OF = {
  status: () => 'running',
  tool_call: (data) => (data.status === 'awaiting_approval' ? 'awaiting_approval' : 'running'),
  done: () => 'completed',
  error: (data) => (data.code === 'CANCELLED' ? 'cancelled' : 'failed'),
};

export function taskView(api, taskId, { onUnauthorized }) {
  /** How many live events have set the status so far. */
  let heard = 0;
  const title = h('h1', { class: 'task-title' }, 'Task');
  const badge = h('span', { class: 'badge' });
  const cancel = h('button', { type: 'button', class: 'danger', hidden: true, onclick: stop }, 'Cancel');
  const notice = h('p', { class: 'form-error', role: 'alert' });
  const log = h('div', { class: 'transcript', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite' });
  const transcript = new Transcript(log, { approvals: APPROVALS, onApprove: (callId, outcome) => api.approve(taskId, callId, outcome).catch(fail) });
  const artifacts = artifactsPanel(api, taskId);
  const followUp = followUpForm();
  const follower = new Follower(api, taskId, {
    onReset: () => transcript.reset(),
    onEvent: (name, data) => {
      transcript.event(name, data);
      if (STATUS_OF[name]) {
        heard += 1;
        setStatus(STATUS_OF[name](data));
      }
      if (name === 'tool_result' || name === 'done' || name === 'error') artifacts.refresh();
    },
    onEnd: () => refresh(),
    onError: fail,
  });
  const element = h(
    'div',
    { class: 'task-page' },
    h('div', { class: 'task-head' }, h('a', { href: '/', 'data-route': true, class: 'back' }, '← All tasks'), title, badge, cancel),
    h('section', { class: 'conversation card', 'aria-label': 'Task' }, log, notice, followUp.element),
    artifacts.element,
  );

  function setStatus(status) {
    badge.className = `badge status-${status}`;
    badge.textContent = STATUS_LABEL[status] ?? status;
    cancel.hidden = !BUSY.has(status);
  }

  async function refresh() {
    const before = heard;
    try {
      const task = await api.task(taskId);
      title.textContent = task.message;
      document.title = `${task.message.slice(0, 60)} · agentd`;
      // a live event that came while the task was read is newer than what the read found
      if (heard === before) setStatus(task.status);
    } catch (e) {
      fail(e);
    }
  }

  async function stop() {
    cancel.disabled = true;
    try {
      await api.cancel(taskId);
    } catch (e) {
      fail(e);
    } finally {
      cancel.disabled = false;
    }
  }

  function fail(e) {
    if (e instanceof ApiError && e.status === 401) return onUnauthorized(e.message);
    notice.textContent = e instanceof ApiError ? e.message : 'The server cannot be reached.';
  }

  function followUpForm() {
    const message = messageBox(() => form.requestSubmit(), { placeholder: 'Follow up… (Enter sends, Shift+Enter for a new line)' });
    const ifBusy = h('select', { id: 'if-busy' }, h('option', { value: 'queue' }, 'queue it'), h('option', { value: 'reject' }, 'refuse it'), h('option', { value: 'interrupt' }, 'interrupt the run'));
    const progress = uploadProgress();
    const send = h('button', { type: 'submit', class: 'primary' }, 'Send');
    const form = h('form', { class: 'follow-up', 'aria-label': 'Follow-up', onsubmit: submit });
    const files = filePicker(form);
    form.append(message, files.list, h('div', { class: 'actions' }, files.button, h('label', { for: 'if-busy' }, 'If busy:'), ifBusy, progress.element, send));

    async function submit(event) {
      event.preventDefault();
      const text = message.value.trim();
      if (!text) return;
      send.disabled = true;
      notice.textContent = '';
      const sent = files.files();
      try {
        await api.followUp(taskId, { message: text, files: sent, ifBusy: ifBusy.value }, { onProgress: sent.length ? progress.update : undefined });
        if (follower.lastSeq !== null) transcript.userMessage(text, sent);
        message.value = '';
        files.clear();
        setStatus('running');
        follower.follow();
        if (sent.length) artifacts.refresh();
      } catch (e) {
        fail(e);
      } finally {
        send.disabled = false;
        progress.done();
      }
    }
    return { element: form };
  }

  refresh();
  artifacts.refresh();
  follower.follow();
  return { element, stop: () => follower.stop() };
}
