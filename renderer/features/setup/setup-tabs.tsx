import { useCallback, useEffect, useState } from 'react';
import { ROLES } from '../../../common/roles';
import type { SettingsPatch, SettingsView } from '../../../common/settings';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { OutcomeNotice, type Outcome } from '../../ui/outcome-notice';
import { NumberField, TextField, Toggle } from '../../ui/fields';

interface TabProps {
  readonly settings: SettingsView;
  readonly save: (patch: SettingsPatch) => Promise<boolean>;
}

function SaveBar(props: { readonly onSave: () => Promise<boolean> }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  return (
    <div className="actions">
      <Button onClick={() => void props.onSave().then(setSaved)}>{t('common.save')}</Button>
      {saved && (
        <span role="status" className="notice notice-ok">
          {t('common.saved')}
        </span>
      )}
    </div>
  );
}

export function GeneralTab({ settings, save }: TabProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({
    role: settings.role,
    language: settings.language,
    demo: settings.demo,
    centre: settings.centre,
    idle: settings.idle,
  });
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  return (
    <>
      <div className="field">
        {t('setup.field.role')}
        <div className="segmented" role="group">
          {ROLES.map((role) => (
            <Button
              key={role}
              variant="secondary"
              aria-pressed={draft.role === role}
              onClick={() => set('role', role)}
            >
              {t(`setup.role.${role}`)}
            </Button>
          ))}
        </div>
      </div>
      <div className="form-grid">
        <TextField
          label={t('setup.field.centreName')}
          value={draft.centre.name}
          onChange={(name) => set('centre', { ...draft.centre, name })}
        />
        <TextField
          label={t('setup.field.unit')}
          value={draft.centre.unit}
          onChange={(unit) => set('centre', { ...draft.centre, unit })}
        />
        <TextField
          label={t('setup.field.terminalId')}
          value={draft.centre.terminalId}
          onChange={(terminalId) =>
            set('centre', { ...draft.centre, terminalId: terminalId.toUpperCase() })
          }
        />
        <NumberField
          label={t('setup.field.counterNumber')}
          value={draft.centre.counterNumber}
          min={1}
          max={99}
          onChange={(n) => set('centre', { ...draft.centre, counterNumber: n ?? 1 })}
        />
        <NumberField
          label={t('setup.field.idleTimeout')}
          value={draft.idle.timeoutSeconds}
          min={15}
          max={600}
          onChange={(n) => set('idle', { ...draft.idle, timeoutSeconds: n ?? 60 })}
        />
        <NumberField
          label={t('setup.field.idleWarning')}
          value={draft.idle.warningSeconds}
          min={20}
          max={120}
          onChange={(n) => set('idle', { ...draft.idle, warningSeconds: n ?? 30 })}
        />
      </div>
      <div className="field">
        {t('setup.field.language')}
        <div className="segmented" role="group">
          {(['vi', 'en'] as const).map((lang) => (
            <Button
              key={lang}
              variant="secondary"
              aria-pressed={draft.language === lang}
              onClick={() => set('language', lang)}
            >
              {t(`lang.${lang}`)}
            </Button>
          ))}
        </div>
      </div>
      <Toggle label={t('setup.field.demo')} checked={draft.demo} onChange={(v) => set('demo', v)} />
      <SaveBar onSave={() => save(draft)} />
    </>
  );
}

export function WindowTab({ settings, save }: TabProps) {
  const { t } = useI18n();
  const [w, setW] = useState(settings.window);
  return (
    <>
      <Toggle
        label={t('setup.field.kioskMode')}
        checked={w.kioskMode}
        onChange={(kioskMode) => setW({ ...w, kioskMode })}
      />
      <Toggle
        label={t('setup.field.devtools')}
        checked={w.devtools}
        onChange={(devtools) => setW({ ...w, devtools })}
      />
      <Toggle
        label={t('setup.field.autoStart')}
        checked={w.autoStart}
        onChange={(autoStart) => setW({ ...w, autoStart })}
      />
      <NumberField
        label={t('setup.field.displayScreen')}
        value={w.displayScreenIndex === null ? null : w.displayScreenIndex + 1}
        min={1}
        max={9}
        onChange={(n) => setW({ ...w, displayScreenIndex: n === null ? null : n - 1 })}
      />
      <SaveBar onSave={() => save({ window: w })} />
    </>
  );
}

export function CityTab({
  settings,
  save,
  citySecretSet,
  saveSecret,
}: TabProps & {
  readonly citySecretSet: boolean;
  readonly saveSecret: (secret: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [city, setCity] = useState(settings.city);
  const [secret, setSecret] = useState('');
  const [result, setResult] = useState<Outcome | null>(null);
  const test = async () => {
    try {
      const h = await unwrap(kiosk().city.health({}));
      setResult(
        h.ok
          ? {
              ok: true,
              text: t('setup.city.ok', { ms: Math.round(h.latencyMs), version: h.version ?? '?' }),
            }
          : {
              ok: false,
              text: t('setup.city.fail', { reason: errorMessage(t, h.errorCode ?? '') }),
            },
      );
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
  };
  return (
    <>
      <div className="form-grid">
        <TextField
          label={t('setup.field.cityUrl')}
          type="url"
          value={city.baseUrl}
          onChange={(baseUrl) => setCity({ ...city, baseUrl })}
        />
        <TextField
          label={t('setup.field.clientId')}
          value={city.clientId}
          onChange={(clientId) => setCity({ ...city, clientId })}
        />
        <NumberField
          label={t('setup.field.cityTimeout')}
          value={city.timeoutMs}
          min={1000}
          max={60000}
          onChange={(n) => setCity({ ...city, timeoutMs: n ?? 10000 })}
        />
      </div>
      <SaveBar onSave={() => save({ city })} />
      <div className="actions">
        <TextField
          label={t('setup.field.clientSecret')}
          type="password"
          value={secret}
          onChange={setSecret}
        />
        <Button
          disabled={!secret}
          onClick={() => void saveSecret(secret).then((ok) => ok && setSecret(''))}
        >
          {t('setup.city.saveSecret')}
        </Button>
        <span role="status" data-testid="city-secret-state">
          {t(citySecretSet ? 'setup.city.secretSet' : 'setup.city.secretMissing')}
        </span>
      </div>
      <div className="actions">
        <Button variant="secondary" onClick={() => void test()}>
          {t('setup.city.test')}
        </Button>
        <OutcomeNotice outcome={result} inline />
      </div>
    </>
  );
}

export function SecurityTab() {
  const { t } = useI18n();
  const [currentPin, setCurrent] = useState('');
  const [newPin, setNew] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);
  const change = async () => {
    try {
      await unwrap(kiosk().setup.changePin({ currentPin, newPin }));
      setMessage({ ok: true, text: t('setup.pin.changed') });
      setCurrent('');
      setNew('');
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
  };
  return (
    <>
      <div className="form-grid">
        <TextField
          label={t('setup.pin.current')}
          type="password"
          inputMode="numeric"
          value={currentPin}
          onChange={setCurrent}
        />
        <TextField
          label={t('setup.pin.new')}
          type="password"
          inputMode="numeric"
          value={newPin}
          onChange={setNew}
        />
      </div>
      <div className="actions">
        <Button disabled={!/^\d{6,12}$/.test(newPin)} onClick={() => void change()}>
          {t('setup.pin.change')}
        </Button>
        <OutcomeNotice outcome={message} inline />
      </div>
    </>
  );
}

export function LogsTab() {
  const { t } = useI18n();
  const [lines, setLines] = useState<string[] | null>(null);
  const [folder, setFolder] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);
  const load = useCallback(
    () =>
      unwrap(kiosk().logs.recent({ limit: 200 })).then(
        (r) => setLines(r.lines),
        (err: unknown) => setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) }),
      ),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const exportLogs = async () => {
    try {
      const r = await unwrap(kiosk().logs.export({ folder }));
      setMessage({
        ok: true,
        text: t('setup.logs.exported', { count: r.files.length, folder: r.folder }),
      });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
  };
  return (
    <>
      <div className="actions">
        <TextField label={t('setup.logs.folder')} value={folder} onChange={setFolder} />
        <Button disabled={!folder} onClick={() => void exportLogs()}>
          {t('setup.logs.export')}
        </Button>
        <Button variant="secondary" onClick={() => void load()}>
          {t('setup.logs.refresh')}
        </Button>
      </div>
      <OutcomeNotice outcome={message} />
      <pre className="log-view" data-testid="log-view">
        {(lines ?? []).join('\n')}
      </pre>
    </>
  );
}
