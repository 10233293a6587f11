import type { SettingsView } from '../api/settings-api.js';
import { Fact } from './fact.js';
import { SettingsSection } from './settings-section.js';

/** Days as people say them: "365 days (1 year)". */
function days(count: number): string {
  const years = count / 365;
  const plain = `${count} day${count === 1 ? '' : 's'}`;
  return Number.isInteger(years) && years > 0
    ? `${plain} (${years} year${years === 1 ? '' : 's'})`
    : plain;
}

/**
 * Retention: how long web activity and its counts are kept (active, then archived, then
 * deleted), the legal holds that keep records whatever this says, and when the daily job runs.
 */
export function RetentionSection({ settings }: { readonly settings: SettingsView }) {
  const { retention } = settings;
  return (
    <SettingsSection
      title="Retention"
      configKey={{ file: settings.configFile, path: retention.configKey }}
    >
      <dl className="facts">
        <Fact term="Web activity">
          {days(retention.activeDays)} in the database, then{' '}
          {retention.archiveDays === 0
            ? 'deleted'
            : `${days(retention.archiveDays)} in compressed archives, then deleted`}
        </Fact>
        <Fact term="Hourly counts">{days(retention.rollupDays)}</Fact>
        <Fact term="Legal holds in force">
          {retention.holdsInForce === 0
            ? 'None'
            : `${retention.holdsInForce}: their records are kept whatever retention says`}
        </Fact>
        <Fact term="Safeguarding holds">
          Reviewed {retention.safeguardingReviewYearsAfterBirth} years after the child's date of
          birth
        </Fact>
        <Fact term="HR holds">End {retention.hrYears} years after they are placed</Fact>
        <Fact term="Daily run">
          At {retention.dailyAt} ({settings.timezone})
        </Fact>
      </dl>
    </SettingsSection>
  );
}
