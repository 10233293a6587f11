import { usePageHeading } from '../app/use-page-heading.js';

/** An address that names no page (an old bookmark, a typo). */
export function NotFoundPage({ path }: { readonly path: string }) {
  const heading = usePageHeading('Page not found');
  return (
    <section className="page">
      <h1 ref={heading} tabIndex={-1} className="page__title">
        Page not found
      </h1>
      <p>
        There is no page at <code>{path}</code>. It may have moved. Go to the{' '}
        <a href="#/">dashboard</a> and use the menu at the top.
      </p>
    </section>
  );
}
