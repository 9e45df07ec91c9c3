// A new task: message, optional system prompt, autoExecute, files, env and secrets.
import { ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { messageBox } from '../lib/composer.js';
import { filePicker, uploadProgress } from './files.js';
import { navigate } from './router.js';
import { variableRows } from './variables.js';

export function newTaskForm(api) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const message = messageBox(() => form.requestSubmit(), { placeholder: 'What should the agent do? Drop files here too.' });
  const systemPrompt = h('textarea', { id: 'system-prompt', rows: 2, placeholder: 'Added before the agent’s own prompt' });
  const autoExecute = h('input', { type: 'checkbox', id: 'auto-execute', role: 'switch', checked: true });
  const env = variableRows('env');
  const secrets = variableRows('secrets');
  const progress = uploadProgress();
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send');
  const form = h('form', { class: 'new-task card', 'aria-label': 'New task', onsubmit: submit });
  const files = filePicker(form);
  form.append(
    h('h2', {}, 'New task'),
    message,
    files.list,
    h(
      'details',
      { class: 'options' },
      h('summary', {}, 'Options'),
      h('label', { for: 'system-prompt' }, 'System prompt'),
      systemPrompt,
      env.element,
      secrets.element,
    ),
    h('div', { class: 'actions' }, files.button, h('label', { class: 'switch' }, autoExecute, ' Run tools without asking'), progress.element, send),
    error,
  );

  async function submit(event) {
    event.preventDefault();
    const text = message.value.trim();
    if (!text) return message.focus();
    const fields = { message: text, files: files.files(), autoExecute: autoExecute.checked, systemPrompt: systemPrompt.value.trim(), env: env.values(), secrets: secrets.values() };
    if ((fields.env || fields.secrets) && fields.files.length) {
      error.textContent = 'Env and secrets are sent as JSON, which carries no files: send the files in a follow-up.';
      return;
    }
    send.disabled = true;
    error.textContent = '';
    try {
      const task = await api.createTask(fields, { onProgress: fields.files.length ? progress.update : undefined });
      secrets.clear();
      navigate(`/tasks/${task.id}`);
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : 'The server cannot be reached.';
    } finally {
      send.disabled = false;
      progress.done();
    }
  }

  return form;
}
