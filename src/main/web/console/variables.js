// env or secrets as rows of name and value. Secret values are typed into password fields and are
// never shown again once sent.
import { h } from '../lib/dom.js';

export function variableRows(kind) {
  const rows = h('div', { class: 'rows' });
  const secret = kind === 'secrets';

  function addRow() {
    const name = h('input', { 'aria-label': `${kind} name`, placeholder: 'NAME', spellcheck: 'false', autocomplete: 'off' });
    const value = h('input', { 'aria-label': `${kind} value`, placeholder: 'value', type: secret ? 'password' : 'text', autocomplete: 'off' });
    const row = h('div', { class: 'row' }, name, value, h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${kind} row`, onclick: () => row.remove() }, '×'));
    rows.append(row);
    name.focus();
  }

  return {
    element: h('fieldset', { class: 'variables' }, h('legend', {}, kind), rows, h('button', { type: 'button', class: 'link', onclick: addRow }, `Add ${secret ? 'a secret' : 'a variable'}`)),
    /** The rows as an object, or undefined when there are none. */
    values() {
      const entries = [...rows.querySelectorAll('.row')]
        .map((row) => [...row.querySelectorAll('input')].map((input) => input.value))
        .filter(([name]) => name.trim());
      return entries.length ? Object.fromEntries(entries.map(([name, value]) => [name.trim(), value])) : undefined;
    },
    clear: () => rows.replaceChildren(),
  };
}
