// Model text as HTML that is safe to insert: Markdown rendered by marked, then sanitized by
// DOMPurify (no scripts, no event handlers, no javascript: links); links open in a new tab.
import { Marked } from '../vendor/marked.js';
import DOMPurify from '../vendor/purify.js';

const parser = new Marked({ gfm: true, breaks: true });

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function renderMarkdown(text) {
  return DOMPurify.sanitize(parser.parse(text ?? ''), { USE_PROFILES: { html: true } });
}
