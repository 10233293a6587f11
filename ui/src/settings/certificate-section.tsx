import { useState } from 'react';
import { CA_DOWNLOADS, type CaRenewalResult, type SettingsView } from '../api/settings-api.js';
import { useAnnounce } from '../app/use-announce.js';
import { useTimeFormat } from '../app/use-time-format.js';
import { Fact } from './fact.js';
import { RenewCertificateDialog } from './renew-certificate-dialog.js';
import { SettingsSection } from './settings-section.js';

/** Fewer days left than this and the section says to plan a renewal. */
const RENEW_SOON_DAYS = 90;

/**
 * The school certificate (the CA devices trust so HTTPS can be inspected): its subject,
 * fingerprint (to compare with what a device shows) and validity; downloads as `.crt`
 * (Windows, iOS, Android, ChromeOS) and `.pem` (macOS, Linux, Firefox); and renewal with
 * a reason, after which the page shows what changed and what every device must do.
 */
export function CertificateSection({
  settings,
  onRenewed,
}: {
  readonly settings: SettingsView;
  /** Called after a renewal, to load the page's settings again. */
  readonly onRenewed: () => void;
}) {
  const format = useTimeFormat();
  const announce = useAnnounce();
  const [renewing, setRenewing] = useState(false);
  const [renewal, setRenewal] = useState<CaRenewalResult | null>(null);
  const certificate = settings.certificate;
  const at = (iso: string) => format.full(Date.parse(iso));

  const actions =
    certificate === null ? undefined : (
      <div className="settings-action">
        <h3 className="settings-action__title">Install on devices</h3>
        <p className="field__hint">
          Install it as a trusted root certificate on every school device, or browsers warn on HTTPS
          sites. Devices can also fetch it from the gateway's <code>/ca</code> page.
        </p>
        <div className="settings-buttons">
          <a className="button button--primary" href={CA_DOWNLOADS.crt} download>
            Download certificate (.crt)
          </a>
          <a className="button" href={CA_DOWNLOADS.pem} download>
            Download PEM (.pem)
          </a>
        </div>
        <h3 className="settings-action__title">Renew</h3>
        <p className="field__hint">
          Makes a new school certificate (if the key may have leaked, or before it expires). Every
          device must then install the new one.
        </p>
        <div>
          <button type="button" className="button button--danger" onClick={() => setRenewing(true)}>
            Renew certificate…
          </button>
        </div>
      </div>
    );

  return (
    <SettingsSection title="School certificate" aside={actions}>
      {renewal !== null && (
        <div className="notice settings-result settings-result--ok" role="status">
          <p>
            <strong>Certificate renewed.</strong> {renewal.message}
          </p>
          <p className="settings-muted">
            Previous fingerprint:{' '}
            <code className="settings-fingerprint">{renewal.previousFingerprint}</code>
          </p>
        </div>
      )}
      {certificate === null ? (
        <p className="notice settings-warning">
          There is no school certificate yet. The gateway makes one when it first starts with HTTPS
          inspection on (<code>gateway.inspection.enabled</code>).
        </p>
      ) : (
        <dl className="facts">
          <Fact term="Name">{certificate.subject}</Fact>
          <Fact term="SHA-256 fingerprint">
            <code className="settings-fingerprint">{certificate.fingerprintSha256}</code>
          </Fact>
          <Fact term="Valid from">{at(certificate.notBefore)}</Fact>
          <Fact term="Valid until">
            {at(certificate.notAfter)}{' '}
            <span
              className={
                certificate.daysLeft < RENEW_SOON_DAYS
                  ? 'badge badge--block'
                  : 'badge settings-badge--ok'
              }
            >
              {certificate.daysLeft < 0
                ? 'expired'
                : `${certificate.daysLeft.toLocaleString('en-GB')} days left`}
            </span>
          </Fact>
          <Fact term="Serial number">
            <code className="settings-fingerprint">{certificate.serialNumber}</code>
          </Fact>
        </dl>
      )}
      <RenewCertificateDialog
        open={renewing}
        onCancel={() => setRenewing(false)}
        onRenewed={(result) => {
          setRenewing(false);
          setRenewal(result);
          announce('Certificate renewed. Every device must install the new one.');
          onRenewed();
        }}
      />
    </SettingsSection>
  );
}
