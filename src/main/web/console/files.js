// Files to send: picked with a button or dropped on the form (several at once; ZIPs are unpacked
// by the server), each removable before sending.
import { h } from '../lib/dom.js';
import { bytes } from './format.js';

export function filePicker(dropTarget) {
  let files = [];
  const list = h('ul', { class: 'file-list', 'aria-label': 'Files to send' });
  const input = h('input', { type: 'file', multiple: true, class: 'visually-hidden', id: `files-${Math.random().toString(36).slice(2)}` });
  const button = h('label', { class: 'button', for: input.id }, 'Attach files');
  input.addEventListener('change', () => {
    add([...input.files]);
    input.value = '';
  });

  dropTarget.addEventListener('dragover', (event) => {
    if (![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    dropTarget.classList.add('dropping');
  });
  dropTarget.addEventListener('dragleave', () => dropTarget.classList.remove('dropping'));
  dropTarget.addEventListener('drop', (event) => {
    event.preventDefault();
    dropTarget.classList.remove('dropping');
    add([...event.dataTransfer.files]);
  });

  function add(more) {
    files = files.concat(more);
    show();
  }

  function show() {
    list.replaceChildren(
      ...files.map((file, index) =>
        h(
          'li',
          {},
          `${file.name} (${bytes(file.size)})`,
          h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${file.name}`, onclick: () => { files.splice(index, 1); show(); } }, '×'),
        ),
      ),
    );
  }

  return {
    button: h('span', {}, input, button),
    list,
    files: () => files,
    clear() {
      files = [];
      show();
    },
  };
}

/** A progress bar for an upload: update(sent, total), done(). */
export function uploadProgress() {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Upload progress', hidden: true });
  return {
    element: bar,
    update(sent, total) {
      bar.hidden = false;
      bar.max = total || 1;
      bar.value = sent;
    },
    done() {
      bar.hidden = true;
    },
  };
}
