// A message box: Enter sends, Shift+Enter starts a new line.
import { h } from '../lib/dom.js';

export function messageBox(onEnter, placeholder) {
  const box = h('textarea', { 'aria-label': 'Message', rows: 3, placeholder });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      onEnter();
    }
  });
  return box;
}
