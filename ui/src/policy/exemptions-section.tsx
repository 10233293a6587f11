import { useId, useState } from 'react';
import type { InspectionExemption, PolicyMatrix } from '../api/policy-api.js';
import { useApiData } from '../app/use-api-data.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { AddExemptionDialog } from './add-exemption-dialog.js';
import { AddedBy } from './added-by.js';
import { RemoveCell } from './remove-cell.js';
import { type RemovalTarget, RemoveWithReasonDialog } from './remove-with-reason-dialog.js';
import { usePolicyApi } from './use-policy-api.js';

/**
 * The inspection exemptions: hosts whose HTTPS the gateways tunnel untouched (banking,
 * health, a site that breaks when inspected), logging only the host. The config file's are
 * listed read-only, with the categories it exempts; IT adds and removes the console's, each
 * with a reason (in the decision log). `onChanged` reloads the decision log.
 */
export function ExemptionsSection({
  matrix,
  canChange,
  time,
  version,
  onChanged,
}: {
  /** For category labels. */
  readonly matrix: PolicyMatrix | undefined;
  readonly canChange: boolean;
  readonly time: TimeFormat;
  readonly version: number;
  readonly onChanged: (message: string) => void;
}) {
  const headingId = useId();
  const policyApi = usePolicyApi();
  const [own, setOwn] = useState(0);
  const list = useApiData(`exemptions:${version}:${own}`, (signal) => policyApi.exemptions(signal));
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RemovalTarget | null>(null);

  const changed = (message: string) => {
    setOwn((n) => n + 1);
    onChanged(message);
  };
  const removal = (exemption: InspectionExemption): RemovalTarget => ({
    title: `Remove the exemption for ${exemption.host}`,
    effect: `The gateways will inspect HTTPS to ${exemption.host} again within a few seconds, logging full addresses.`,
    remove: (reason) => policyApi.removeExemption(exemption.id, reason),
  });
  const categoryNames = (ids: readonly string[]) =>
    ids.map((id) => matrix?.categories.find((c) => c.id === id)?.label ?? id).join(', ');

  return (
    <section className="policy-exceptions" aria-labelledby={headingId} aria-busy={list.loading}>
      <div className="policy-log__head">
        <h2 id={headingId} className="policy-section__title">
          Inspection exemptions
        </h2>
        <p className="policy-section__note">
          Hosts whose HTTPS is passed through untouched; only the host is logged.
        </p>
        {canChange && (
          <button
            type="button"
            className="button policy-section__action"
            onClick={() => setAdding(true)}
            aria-haspopup="dialog"
          >
            Exempt a host
          </button>
        )}
      </div>
      {list.problem !== null && <ProblemMessage problem={list.problem} onRetry={list.reload} />}
      {list.data === undefined && list.problem === null && (
        <LoadingMessage what="the inspection exemptions" />
      )}
      {list.data !== undefined && !list.data.inspection && (
        <p className="notice">
          HTTPS inspection is off in the config file, so every HTTPS site is passed through already.
          Exemptions listed here apply once it is turned on.
        </p>
      )}
      {list.data !== undefined && list.data.exemptCategories.length > 0 && (
        <p className="policy-section__note">
          Never inspected, by category (config file): {categoryNames(list.data.exemptCategories)}.
        </p>
      )}
      {list.data !== undefined && list.data.exemptions.length === 0 && (
        <p className="empty">No hosts are exempt beyond those categories.</p>
      )}
      {list.data !== undefined && list.data.exemptions.length > 0 && (
        <div className="table-wrap">
          <table className="table policy-exceptions__table">
            <caption className="visually-hidden">Hosts exempt from HTTPS inspection</caption>
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Reason</th>
                <th scope="col">Added</th>
                {canChange && (
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.exemptions.map((exemption) => (
                <tr key={exemption.id}>
                  <th scope="row" className="policy-exceptions__site">
                    {exemption.host}
                  </th>
                  <td className="policy-log__reason">{exemption.reason}</td>
                  <td>
                    <AddedBy entry={exemption} fileLabel="config file" time={time} />
                  </td>
                  {canChange && (
                    <RemoveCell
                      source={exemption.source}
                      label={`Remove the exemption for ${exemption.host}`}
                      onRemove={() => setRemoving(removal(exemption))}
                    />
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddExemptionDialog
        open={adding}
        onCancel={() => setAdding(false)}
        onAdded={(exemption) => {
          setAdding(false);
          changed(
            `${exemption.host} is exempt from inspection. Gateways apply it within a few seconds.`,
          );
        }}
      />
      <RemoveWithReasonDialog
        target={removing}
        onCancel={() => setRemoving(null)}
        onRemoved={(target) => {
          setRemoving(null);
          changed(
            `${target.title.replace(/^Remove/, 'Removed')}. Gateways apply it within a few seconds.`,
          );
        }}
      />
    </section>
  );
}
