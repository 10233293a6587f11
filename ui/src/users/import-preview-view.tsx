import type { ImportPreview } from '../api/users-api.js';

/**
 * What an import would do: the counts, every problem by line, column and value, and the
 * people that would be created or updated.
 */
export function ImportPreviewView({ preview }: { readonly preview: ImportPreview }) {
  const { summary } = preview;
  return (
    <div className="import-preview">
      <p>
        {summary.total} rows: {summary.valid} valid ({summary.new} new, {summary.updated} updated),{' '}
        {summary.invalid} with problems.
      </p>
      {preview.errors.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="table__caption">
              Problems to fix <span className="table__count">{preview.errors.length}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Value</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((error) => (
                <tr key={`${error.line}:${error.column}:${error.message}`}>
                  <td>{error.line === 0 ? 'file' : error.line}</td>
                  <td>{error.column ?? '—'}</td>
                  <td>{error.value}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.warnings.length > 0 && (
        <ul className="import-preview__warnings">
          {preview.warnings.map((warning) => (
            <li key={`${warning.line}:${warning.message}`}>{warning.message}</li>
          ))}
        </ul>
      )}
      {preview.rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="table__caption">
              People to import <span className="table__count">{preview.rows.length}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Groups</th>
                <th scope="col">Will be</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.username}>
                  <td>{row.line}</td>
                  <th scope="row">{row.displayName}</th>
                  <td>{row.username}</td>
                  <td>{row.groups.join(', ')}</td>
                  <td>{row.action === 'create' ? 'created' : 'updated'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
