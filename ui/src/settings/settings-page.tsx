import { useApiData } from '../app/use-api-data.js';
import { usePageHeading } from '../app/use-page-heading.js';
import { LoadingMessage } from '../components/loading-message.js';
import { ProblemMessage } from '../components/problem-message.js';
import { AlertRoutingSection } from './alert-routing-section.js';
import { CertificateSection } from './certificate-section.js';
import { EmailSection } from './email-section.js';
import { InspectionSection } from './inspection-section.js';
import { RetentionSection } from './retention-section.js';
import { useSettingsApi } from './use-settings-api.js';
import './settings.css';

/**
 * Settings, for IT: what the configuration says about e-mail, alert routing, retention and
 * HTTPS inspection (each section names the key in `schoolgate.yaml` that changes it), a
 * test e-mail, and the school certificate to download or renew. Secrets are never shown.
 */
export function SettingsPage() {
  const heading = usePageHeading('Settings');
  const settingsApi = useSettingsApi();
  const settings = useApiData('settings', (signal) => settingsApi.settings(signal));
  const view = settings.data;

  return (
    <section className="page" aria-busy={settings.loading}>
      <div className="page__head">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            Settings
          </h1>
          <p className="page__subtitle">
            {view === undefined ? (
              'How this school’s Schoolgate is set up.'
            ) : (
              <>
                E-mail, alert routing, retention and inspection are set in{' '}
                <code>{view.configFile}</code>; change the key each section names, then restart
                Schoolgate.
              </>
            )}
          </p>
        </div>
      </div>
      {settings.problem !== null && (
        <ProblemMessage problem={settings.problem} onRetry={settings.reload} />
      )}
      {view === undefined && settings.problem === null && <LoadingMessage what="settings" />}
      {view !== undefined && (
        <div className="settings">
          <EmailSection settings={view} />
          <AlertRoutingSection settings={view} />
          <RetentionSection settings={view} />
          <InspectionSection settings={view} />
          <CertificateSection settings={view} onRenewed={settings.reload} />
        </div>
      )}
    </section>
  );
}
