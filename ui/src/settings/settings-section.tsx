import { type ReactNode, useId } from 'react';
import { ConfigKey } from './config-key.js';

/**
 * One section of the Settings page: a panel labelled by its heading, with the config key
 * that changes it (when it is set in the config file), its facts, and an optional aside
 * for actions (send a test e-mail, download or renew the certificate).
 */
export function SettingsSection({
  title,
  configKey,
  aside,
  children,
}: {
  readonly title: string;
  readonly configKey?: { readonly file: string; readonly path: string };
  readonly aside?: ReactNode;
  readonly children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="panel settings-section" aria-labelledby={`${id}-title`}>
      <div className="settings-section__head">
        <h2 id={`${id}-title`} className="panel__title settings-section__title">
          {title}
        </h2>
        {configKey !== undefined && <ConfigKey file={configKey.file} path={configKey.path} />}
      </div>
      <div className={aside === undefined ? undefined : 'settings-section__body'}>
        <div className="settings-section__main">{children}</div>
        {aside !== undefined && <div className="settings-section__aside">{aside}</div>}
      </div>
    </section>
  );
}
