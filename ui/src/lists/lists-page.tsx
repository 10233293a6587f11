import { useId } from 'react';
import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { CategoriesTable } from './categories-table.js';
import { IndexFacts } from './index-facts.js';
import { TestUrlForm } from './test-url-form.js';
import { useListsApi } from './use-lists-api.js';
import './lists.css';

/**
 * The category lists (`#/lists`, `lists.read`: DSL, deputy, IT): "test a web address" at
 * the top (the decision for each group, in words, with what matched; `#/lists?url=…` tests
 * that address on opening), then every category
 * with its entries in the compiled index, its sources and when they changed, and when the
 * index was built.
 */
export function ListsPage({ params }: { readonly params: URLSearchParams }) {
  const heading = usePageHeading('Lists');
  const lists = useListsApi();
  const overview = useApiData('lists', (signal) => lists.lists(signal));
  const categoriesId = useId();
  const now = Date.now();

  return (
    <section className="page lists-page" aria-busy={overview.loading}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Lists
          </h1>
          <p className="page__subtitle">
            The category lists the gateway filters with, and what it does with an address for each
            group.
          </p>
        </div>
        <button
          type="button"
          className="button"
          onClick={overview.reload}
          disabled={overview.loading}
        >
          {overview.loading && overview.data !== undefined ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <TestUrlForm initialUrl={params.get('url') ?? ''} />
      <section className="lists-categories" aria-labelledby={categoriesId}>
        <div className="lists-categories__head">
          <h2 id={categoriesId} className="lists-section__title">
            Categories and their lists
          </h2>
          {overview.data !== undefined && <IndexFacts overview={overview.data} now={now} />}
        </div>
        {overview.problem !== null && (
          <ProblemMessage problem={overview.problem} onRetry={overview.reload} />
        )}
        {overview.data === undefined && overview.problem === null && (
          <LoadingMessage what="the lists" />
        )}
        {overview.data?.indexProblem != null && (
          <p className="notice" role="status">
            {overview.data.indexProblem}.
          </p>
        )}
        {overview.data !== undefined && (
          <CategoriesTable categories={overview.data.categories} now={now} />
        )}
      </section>
    </section>
  );
}
