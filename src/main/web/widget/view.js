// The widget's elements: a launcher button and a chat panel with a header, the transcript, a
// notice line for problems and the composer (message, files, send).
import { messageBox } from '../lib/composer.js';
import { h, icon } from '../lib/dom.js';

const CHAT = 'M6 4h12a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4V6a2 2 0 0 1 2-2z';
const CLIP =
  'M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z';

/** Builds the panel into root; actions: onSend(message, files), onNewConversation(), onOpen(). */
export function buildView(root, { title, onSend, onNewConversation, onOpen }) {
  let files = [];
  const transcript = h('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const notice = h('div', { class: 'notice', role: 'alert', hidden: true });
  const message = messageBox(() => form.requestSubmit(), { placeholder: 'Type a message…', rows: 1 });
  const fileList = h('ul', { class: 'files', 'aria-label': 'Files to send' });
  const fileInput = h('input', { type: 'file', multiple: true, class: 'file-input', tabindex: -1, 'aria-hidden': 'true' });
  const form = h(
    'form',
    { onsubmit: submit },
    fileList,
    message,
    fileInput,
    h('button', { type: 'button', 'aria-label': 'Attach files', onclick: () => fileInput.click() }, icon(CLIP)),
    h('button', { type: 'submit', 'aria-label': 'Send' }, 'Send'),
  );
  const panel = h(
    'section',
    { class: 'panel', role: 'dialog', 'aria-label': title, hidden: true },
    h(
      'header',
      {},
      h('span', { class: 'title' }, title),
      h('button', { type: 'button', 'aria-label': 'New conversation', onclick: () => onNewConversation() }, 'New'),
      h('button', { type: 'button', 'aria-label': 'Close chat', onclick: () => setOpen(false) }, '×'),
    ),
    transcript,
    notice,
    form,
  );
  const launcher = h('button', { class: 'launcher', type: 'button', 'aria-label': 'Open chat', 'aria-expanded': 'false', onclick: () => setOpen(panel.hidden) }, icon(CHAT));
  root.append(panel, launcher);

  fileInput.addEventListener('change', () => {
    files = files.concat([...fileInput.files]);
    fileInput.value = '';
    showFiles();
  });

  function submit(event) {
    event.preventDefault();
    const text = message.value.trim();
    if (!text) return;
    onSend(text, files);
    message.value = '';
    files = [];
    showFiles();
  }

  function showFiles() {
    fileList.replaceChildren(
      ...files.map((file, index) =>
        h('li', {}, file.name, h('button', { type: 'button', 'aria-label': `Remove ${file.name}`, onclick: () => { files.splice(index, 1); showFiles(); } }, '×')),
      ),
    );
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    if (open) {
      onOpen();
      message.focus();
    }
  }

  return {
    transcript,
    setOpen,
    notify(text) {
      notice.textContent = text ?? '';
      notice.hidden = !text;
    },
  };
}
