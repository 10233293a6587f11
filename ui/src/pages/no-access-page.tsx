import { usePageHeading } from '../app/use-page-heading.js';

/** A page the signed-in role may not see (a bookmark from someone else, say). */
export function NoAccessPage({ page }: { readonly page: string }) {
  const heading = usePageHeading(`${page}: no access`);
  return (
    <section className="page">
      <h1 ref={heading} tabIndex={-1} className="page__title">
        {page}
      </h1>
      <p className="notice">
        Your role does not include the {page.toLowerCase()} page. If you need it for your work, ask
        your designated safeguarding lead or IT administrator. <a href="#/">Go to the dashboard</a>.
      </p>
    </section>
  );
}
