// Model text as DOM that is safe to insert: Markdown rendered by marked, then sanitized by
// DOMPurify (no scripts, no event handlers, no javascript: links). Links open in a new tab, and
// images from elsewhere are not fetched by merely showing the text: they become links to open.
import { Marked } from '../vendor/marked.js';
import DOMPurify from '../vendor/purify.js';

const parser = new Marked({ gfm: true, breaks: true });

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** A DocumentFragment of the rendered, sanitized text. */
export function renderMarkdown(text) {
  const fragment = DOMPurify.sanitize(parser.parse(text ?? ''), { USE_PROFILES: { html: true }, RETURN_DOM_FRAGMENT: true });
  for (const image of fragment.querySelectorAll('img')) {
    if (/^(data:image\/|blob:)/i.test(image.getAttribute('src') ?? '')) continue;
    const link = document.createElement('a');
    link.href = image.getAttribute('src') ?? '';
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = `Image: ${image.getAttribute('alt') || link.href}`;
    image.replaceWith(link);
  }
  return fragment;
}
