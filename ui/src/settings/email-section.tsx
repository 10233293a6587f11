import type { SettingsView } from '../api/settings-api.js';
import { Fact } from './fact.js';
import { SettingsSection } from './settings-section.js';
import { TestEmailForm } from './test-email-form.js';

/** How the gateway talks TLS to the SMTP server, in words. */
function securityOf(smtp: NonNullable<SettingsView['email']['smtp']>): string {
  if (smtp.secure) return 'TLS from the start (as on port 465)';
  return smtp.requireTls ? 'STARTTLS, required' : 'STARTTLS when the server offers it';
}

/**
 * E-mail (SMTP): the server alerts and digests are handed to, the sender, whether a sign-in
 * is set (never the password), and a form to send a test e-mail through it.
 */
export function EmailSection({ settings }: { readonly settings: SettingsView }) {
  const { email } = settings;
  const smtp = email.smtp;
  return (
    <SettingsSection
      title="E-mail (SMTP)"
      configKey={{ file: settings.configFile, path: `${email.configKey}.smtp` }}
      aside={<TestEmailForm configured={smtp !== null} />}
    >
      {smtp === null && (
        <p className="notice settings-warning">
          SMTP is not set: alerts stay in the console's queue and no e-mail is sent. Add{' '}
          <code>monitor.email.smtp</code> (host, port, user, pass) to{' '}
          <code>{settings.configFile}</code> and restart Schoolgate.
        </p>
      )}
      <dl className="facts">
        {smtp !== null && (
          <>
            <Fact term="Server">
              <code>
                {smtp.host}:{smtp.port}
              </code>
            </Fact>
            <Fact term="Security">{securityOf(smtp)}</Fact>
            <Fact term="Sign-in">
              {smtp.authSet
                ? 'User name and password set (the password is never shown here)'
                : 'None: the server accepts mail without a sign-in'}
            </Fact>
          </>
        )}
        <Fact term="Sent from">{email.from}</Fact>
        <Fact term="Links in e-mails">
          {email.consoleUrl === null ? (
            <>
              None: set <code>monitor.consoleUrl</code> so alert e-mails link to the console
            </>
          ) : (
            email.consoleUrl
          )}
        </Fact>
      </dl>
    </SettingsSection>
  );
}
