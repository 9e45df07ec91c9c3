// Small DOM helpers: elements are built with h(), never from HTML strings (the only HTML that is
// inserted is sanitized Markdown, see markdown.js).

/** h('button', {class: 'x', 'aria-label': 'Send', onclick}, 'Send') */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

/** Calls fn at most once per animation frame, with the latest arguments. */
export function perFrame(fn) {
  let scheduled = false;
  let latest = [];
  return (...args) => {
    latest = args;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      fn(...latest);
    });
  };
}

const SVG = 'http://www.w3.org/2000/svg';

/** An icon drawn from one SVG path (24×24 view box), in the current text colour. */
export function icon(path) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(SVG, 'path');
  shape.setAttribute('d', path);
  shape.setAttribute('fill', 'currentColor');
  svg.append(shape);
  return svg;
}
