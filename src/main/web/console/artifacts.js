// The task's workspace files: size and type, a download for each, and a preview of images, text,
// CSV (as a table) and Markdown. Files come with the key, so they are fetched, not linked.
import { ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { renderMarkdown } from '../lib/markdown.js';
import { csvParseRows } from '../vendor/dsv.js';
import { bytes } from './format.js';

const PREVIEW_BYTES = 512 * 1024;
const TABLE_ROWS = 200;

export function artifactsPanel(api, taskId) {
  const list = h('ul', { class: 'artifact-list' });
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });
  const element = h('aside', { class: 'artifacts card', role: 'region', 'aria-label': 'Artifacts' }, h('h2', {}, 'Artifacts'), list, preview);
  let refreshing = null;

  function refresh() {
    refreshing ??= api
      .artifacts(taskId)
      .then(({ files }) => show(files))
      .catch((e) => list.replaceChildren(h('li', { class: 'form-error' }, e instanceof ApiError ? e.message : 'Cannot list the files.')))
      .finally(() => (refreshing = null));
    return refreshing;
  }

  function show(files) {
    if (!files.length) return list.replaceChildren(h('li', { class: 'muted' }, 'No files yet.'));
    list.replaceChildren(
      ...files.map((file) =>
        h(
          'li',
          {},
          h('button', { type: 'button', class: 'link file-name', title: file.path, onclick: () => open(file) }, file.path),
          h('span', { class: 'muted' }, ` ${bytes(file.size)} · ${file.mimeType}`),
          h('button', { type: 'button', class: 'link', 'aria-label': `Download ${file.path}`, onclick: () => download(file) }, 'Download'),
        ),
      ),
    );
  }

  async function download(file) {
    const url = URL.createObjectURL(await api.download(taskId, file.path));
    const link = h('a', { href: url, download: file.name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async function open(file) {
    preview.replaceChildren(h('p', { class: 'muted' }, `Loading ${file.path}…`));
    try {
      preview.replaceChildren(h('h3', {}, file.path), await render(file, await api.download(taskId, file.path)));
    } catch (e) {
      preview.replaceChildren(h('p', { class: 'form-error' }, e instanceof ApiError ? e.message : 'Cannot open the file.'));
    }
  }

  return { element, refresh };
}

async function render(file, blob) {
  if (file.mimeType.startsWith('image/') && file.mimeType !== 'image/svg+xml') {
    return h('img', { src: URL.createObjectURL(blob), alt: file.name });
  }
  if (blob.size > PREVIEW_BYTES || !isText(file)) return h('p', { class: 'muted' }, 'No preview for this file; download it instead.');
  const text = await blob.text();
  if (file.category === 'csv' || file.name.endsWith('.csv')) return table(csvParseRows(text));
  if (/\.(md|markdown)$/i.test(file.name)) return h('div', { class: 'markdown' }, renderMarkdown(text));
  return h('pre', { class: 'file-text' }, text);
}

function isText(file) {
  return ['text', 'code', 'csv', 'data'].includes(file.category) || file.mimeType.startsWith('text/') || /json|xml|yaml/.test(file.mimeType);
}

function table(rows) {
  const [head = [], ...body] = rows;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, head.map((cell) => h('th', { scope: 'col' }, cell)))),
      h('tbody', {}, body.slice(0, TABLE_ROWS).map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell))))),
    ),
    body.length > TABLE_ROWS ? h('p', { class: 'muted' }, `First ${TABLE_ROWS} of ${body.length} rows.`) : null,
  );
}
