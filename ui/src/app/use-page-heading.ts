import { type RefObject, useEffect, useRef } from 'react';

// Whether the person has moved between pages since the document loaded. On a fresh load
// (or just after signing in) focus stays at the top, so the skip link is the first Tab stop.
let navigated = false;
window.addEventListener('hashchange', () => {
  navigated = true;
});

/**
 * Sets the tab's title for a page and, when the page was reached by navigating within the
 * app, moves focus to the page's `<h1 tabIndex={-1}>`, so a screen reader announces where
 * a link led and Tab continues from the top of the new page.
 *
 * ### Examples
 * ```tsx
 * const heading = usePageHeading('Alerts');
 * return <h1 ref={heading} tabIndex={-1}>Alerts</h1>;
 * ```
 */
export function usePageHeading(title: string): RefObject<HTMLHeadingElement | null> {
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    document.title = `${title} · Schoolgate`;
  }, [title]);
  useEffect(() => {
    if (navigated) heading.current?.focus({ preventScroll: true });
  }, []);
  return heading;
}
