import type { SettingsView } from '../api/settings-api.js';
import { hashHref } from '../router/hash-href.js';
import { Fact } from './fact.js';
import { SettingsSection } from './settings-section.js';

/**
 * HTTPS inspection and its exemptions as the config sets them: whether HTTPS is inspected
 * with the school certificate, the categories and hosts tunnelled uninspected (only their
 * host is logged), and the groups never inspected. Exemptions added in the console are
 * edited on the Policy page, which this links to.
 */
export function InspectionSection({ settings }: { readonly settings: SettingsView }) {
  const { inspection } = settings;
  return (
    <SettingsSection
      title="HTTPS inspection and exemptions"
      configKey={{ file: settings.configFile, path: inspection.configKey }}
    >
      <dl className="facts">
        <Fact term="Inspection">
          {inspection.enabled
            ? 'On: HTTPS is opened with the school certificate, so full addresses, searches and page text are filtered'
            : 'Off: HTTPS is tunnelled; only site names are filtered and logged'}
        </Fact>
        <Fact term="Exempt categories">
          {inspection.exemptCategories.length === 0 ? (
            'None'
          ) : (
            <ul className="settings-tags">
              {inspection.exemptCategories.map((category) => (
                <li key={category.id} className="badge">
                  {category.label}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term="Exempt sites">
          {inspection.exemptHosts.length === 0 ? (
            'None in the config file'
          ) : (
            <ul className="settings-tags">
              {inspection.exemptHosts.map((host) => (
                <li key={host} className="badge">
                  {host}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term="Groups never inspected">
          {inspection.uninspectedGroups.length === 0
            ? 'None'
            : inspection.uninspectedGroups.join(', ')}
        </Fact>
      </dl>
      <p className="table-note">
        Exempt sites are tunnelled without inspection and only their name is logged (banking,
        health). To exempt a site without editing the file, use{' '}
        <a href={hashHref('/policy')}>the Policy page</a>.
      </p>
    </SettingsSection>
  );
}
