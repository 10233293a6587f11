import { hashHref } from './hash-href.js';

/**
 * Goes to a route. `replace` changes the address without a new history entry (filters,
 * moving the selection), so Back returns to the previous page rather than undoing each
 * keystroke.
 */
export function navigate(
  path: string,
  params: Readonly<Record<string, string | undefined>> = {},
  options: { readonly replace?: boolean } = {},
): void {
  const href = hashHref(path, params);
  if (href === window.location.hash || (href === '#/' && window.location.hash === '')) return;
  if (options.replace === true) {
    window.history.replaceState(window.history.state, '', href);
    // replaceState fires no event of its own; the router listens for this one.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}
