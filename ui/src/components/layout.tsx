import type { MouseEvent, ReactNode } from 'react';
import { AppHeader } from './app-header.js';

/**
 * The signed-in page frame: a skip link (the first Tab stop), the header with the nav,
 * and the `main` landmark the skip link targets.
 */
export function Layout({
  currentPath,
  children,
}: {
  readonly currentPath: string;
  readonly children: ReactNode;
}) {
  return (
    <div className="layout">
      {/* biome-ignore lint/a11y/useValidAnchor: a real link to #main that works without script; the click handler only stops the hash router reading it as a page. */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <AppHeader currentPath={currentPath} />
      <main id="main" className="layout__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** `#main` would be read by the hash router as a page; move focus instead. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView();
}
