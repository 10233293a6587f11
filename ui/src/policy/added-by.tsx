import type { TimeFormat } from '../format/create-time-format.js';
import { actorName } from './actor-name.js';

/**
 * Who added an exception or exemption, and when, for the tables' "Added" column. One from
 * a file shows that file's name instead (`policy file`, `config file`).
 */
export function AddedBy({
  entry,
  fileLabel,
  time,
}: {
  readonly entry: {
    readonly source: 'file' | 'console';
    readonly createdBy?: string | undefined;
    readonly createdMs?: number | undefined;
  };
  readonly fileLabel: string;
  readonly time: TimeFormat;
}) {
  if (entry.source === 'file') return <span className="policy-section__muted">{fileLabel}</span>;
  return (
    <>
      {actorName(entry.createdBy ?? '')}
      {entry.createdMs !== undefined && (
        <>
          ,{' '}
          <time dateTime={time.iso(entry.createdMs)} title={time.full(entry.createdMs)}>
            {time.short(entry.createdMs)}
          </time>
        </>
      )}
    </>
  );
}
