// Client-side routes: links inside the app change the view without a page load, and the browser's
// back and forward buttons work. The server answers every such path with the console page.

export function startRouter(render) {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-route]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  });
  window.addEventListener('popstate', () => render(location.pathname));
  navigate.render = render;
  render(location.pathname);
}

export function navigate(path) {
  if (path !== location.pathname) history.pushState(null, '', path);
  navigate.render(path);
}
