// A message box: Enter sends, Shift+Enter starts a new line.
import { h } from './dom.js';

export function messageBox(onEnter, { placeholder, rows = 3 } = {}) {
  const box = h('textarea', { 'aria-label': 'Message', rows, placeholder });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      onEnter();
    }
  });
  return box;
}
