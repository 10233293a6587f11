/** A short "Loading…" line while a page's first data is on its way. */
export function LoadingMessage({ what }: { readonly what: string }) {
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}
