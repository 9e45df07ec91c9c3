// Sign-in: an API key, checked against the server before it is kept.
import { ApiError, TaskApi } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { session } from './session.js';

export function signInView({ onSignedIn, message }) {
  const key = h('input', { id: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'sigmic_…' });
  const error = h('p', { class: 'form-error', role: 'alert' }, message ?? '');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin card', onsubmit: check },
    h('h1', {}, 'agentd'),
    h('p', { class: 'muted' }, 'Sign in with an API key of this server. It stays in this tab only.'),
    h('label', { for: 'key' }, 'API key'),
    key,
    error,
    submit,
  );

  async function check(event) {
    event.preventDefault();
    const candidate = key.value.trim();
    submit.disabled = true;
    error.textContent = '';
    try {
      await new TaskApi(location.origin, { get: async () => candidate, invalidate: () => false }).listTasks({ limit: 1 });
      session.signIn(candidate);
      onSignedIn();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : 'The server cannot be reached.';
      submit.disabled = false;
      key.focus();
    }
  }

  queueMicrotask(() => key.focus());
  return h('main', { class: 'center' }, form);
}
