import type { ReactNode } from 'react';

/** One row of a section's facts (`<dl className="facts">`): a term and what it is set to. */
export function Fact({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
