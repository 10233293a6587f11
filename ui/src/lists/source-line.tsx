import type { ListSource } from '../api/lists-api.js';
import { formatCount } from '../format/format-count.js';
import { TimeAgo } from './time-ago.js';

/**
 * One source in the categories table: its name and kind, where it is read from (a feed's
 * address never carries credentials), and, when it is missing, what to do.
 */
export function SourceLine({ source }: { readonly source: ListSource }) {
  const kind =
    source.type === 'ut1'
      ? 'UT1 archive'
      : `list${source.format === null ? '' : `, ${source.format}`}`;
  return (
    <li className="lists-source">
      <span className="lists-source__name">{source.name}</span>{' '}
      <span className="lists-muted">
        ({kind}
        {source.entries === null ? '' : `, ${counted(source.entries, 'entry', 'entries')}`}
        {source.rejected !== null && source.rejected > 0
          ? `, ${counted(source.rejected, 'line', 'lines')} not used`
          : ''}
        )
      </span>
      <span className="lists-source__where">
        {source.url !== null ? (
          <>
            feed <code>{source.url}</code>
          </>
        ) : (
          <code>{source.path}</code>
        )}
      </span>
      {!source.available && (
        <span className="lists-source__missing">
          {source.url !== null
            ? 'Not downloaded yet: run schoolgate lists update.'
            : 'File not found: check the path in the configuration.'}
        </span>
      )}
      {source.available && source.updatedBy === 'download' && (
        <span className="lists-muted lists-source__when">
          downloaded <TimeAgo ms={source.updatedMs} />
        </span>
      )}
    </li>
  );
}

function counted(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
