import { useEffect, useState } from 'react';
import type { AppState, DeviceAlert } from '../../../common/ipc/contract';
import { kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { ScreenFrame } from '../../ui/screen-frame';
import { QueueTab } from './queue-setup';
import { DevicesTab, ReaderTab } from './setup-device-tabs';
import { CityTab, GeneralTab, LogsTab, SecurityTab, WindowTab } from './setup-tabs';
import { useSettings } from './use-settings';

const TABS = [
  'general',
  'devices',
  'reader',
  'queue',
  'window',
  'city',
  'security',
  'logs',
] as const;
type Tab = (typeof TABS)[number];

/** Technician setup: identity, screen, city system, PIN, logs. */
export function SetupScreen(props: { readonly state: AppState; readonly onExit: () => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('general');
  const { state, error, save, saveSecret } = useSettings(props.onExit);
  const [alerts, setAlerts] = useState<DeviceAlert[]>([]);
  useEffect(() => {
    unwrap(kiosk().printer.alerts({})).then(
      (r) => setAlerts(r.alerts),
      () => undefined,
    );
  }, []);

  return (
    <ScreenFrame
      unit={props.state.centre.unit}
      centreName={props.state.centre.name}
      demo={props.state.demo}
    >
      <div className="actions">
        <h1 className="greeting grow-1">{t('setup.title')}</h1>
        <Button variant="secondary" onClick={props.onExit}>
          {t('setup.exit')}
        </Button>
      </div>
      {state?.problem && (
        <div className="notice notice-error" role="alert">
          {t('setup.problem.title')} {state.problem.reason}
          {state.problem.backupFile && (
            <div>{t('setup.problem.backup', { file: state.problem.backupFile })}</div>
          )}
        </div>
      )}
      {alerts.length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="device-alerts">
          {t('setup.alerts.title')}:{' '}
          {alerts
            .map((a) => t('setup.alert.printer', { message: errorMessage(t, a.code) }))
            .join(' · ')}
        </div>
      )}
      {state?.pinIsDefault && (
        <div className="notice notice-warn" role="status">
          {t('setup.defaultPinWarning')}
        </div>
      )}
      {error && (
        <div className="notice notice-error" role="alert">
          {errorMessage(t, error)}
        </div>
      )}
      <div className="setup-layout">
        <nav className="setup-tabs" aria-label={t('setup.title')}>
          {TABS.map((id) => (
            <Button
              key={id}
              variant="secondary"
              aria-pressed={tab === id}
              onClick={() => setTab(id)}
            >
              {t(`setup.tab.${id}`)}
            </Button>
          ))}
        </nav>
        <section className="setup-content panel">
          {state &&
            {
              general: <GeneralTab settings={state.settings} save={save} />,
              devices: <DevicesTab settings={state.settings} save={save} />,
              queue: (
                <QueueTab
                  settings={state.settings}
                  save={save}
                  databaseSet={state.secretsSet.queuePostgresUrl}
                  saveDatabaseUrl={(value) => saveSecret('queuePostgresUrl', value)}
                />
              ),
              reader: <ReaderTab settings={state.settings} save={save} />,
              window: <WindowTab settings={state.settings} save={save} />,
              city: (
                <CityTab
                  settings={state.settings}
                  save={save}
                  citySecretSet={state.secretsSet.cityClientSecret}
                  saveSecret={(value) => saveSecret('cityClientSecret', value)}
                />
              ),
              security: <SecurityTab />,
              logs: <LogsTab />,
            }[tab]}
        </section>
      </div>
    </ScreenFrame>
  );
}
