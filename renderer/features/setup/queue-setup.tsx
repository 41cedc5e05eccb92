import { useState } from 'react';
import type { QueueReportView } from '../../../common/ipc/contract';
import type { Counter, ServiceArea } from '../../../common/queue';
import type { SettingsPatch, SettingsView } from '../../../common/settings';
import { foldVietnamese } from '../../../common/text-search';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { OutcomeNotice, type Outcome } from '../../ui/outcome-notice';
import { NumberField, TextField } from '../../ui/fields';
import { Choice } from './setup-device-tabs';

interface TabProps {
  readonly settings: SettingsView;
  readonly save: (patch: SettingsPatch) => Promise<boolean>;
}

/** Priority policy, reports, and the services and counters this centre runs. */
export function QueueTab({
  settings,
  save,
  databaseSet,
  saveDatabaseUrl,
}: TabProps & {
  readonly databaseSet: boolean;
  readonly saveDatabaseUrl: (url: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [policy, setPolicy] = useState(settings.queue.policy);
  const [storage, setStorage] = useState(settings.queue.storage);
  const [dbUrl, setDbUrl] = useState('');
  return (
    <>
      <Choice
        label={t('setup.queue.storage')}
        value={storage}
        options={[
          { value: 'sqlite', label: t('setup.queue.storage.sqlite') },
          { value: 'postgres', label: t('setup.queue.storage.postgres') },
        ]}
        onChange={setStorage}
      />
      {storage === 'postgres' && (
        <div className="actions">
          <TextField
            label={t('setup.queue.dbUrl')}
            type="password"
            value={dbUrl}
            onChange={setDbUrl}
          />
          <Button
            disabled={!dbUrl}
            onClick={() => void saveDatabaseUrl(dbUrl).then((ok) => ok && setDbUrl(''))}
          >
            {t('setup.city.saveSecret')}
          </Button>
          <span role="status">
            {t(databaseSet ? 'setup.city.secretSet' : 'setup.city.secretMissing')}
          </span>
        </div>
      )}
      <div className="actions">
        <Button onClick={() => void save({ queue: { storage } })}>{t('common.save')}</Button>
        <span className="privacy-line">{t('setup.reader.restartNote')}</span>
      </div>
      <Choice
        label={t('setup.queue.policy')}
        value={policy.kind}
        options={[
          { value: 'interleave', label: t('setup.queue.interleave') },
          { value: 'strict', label: t('setup.queue.strict') },
        ]}
        onChange={(kind) =>
          setPolicy(kind === 'strict' ? { kind } : { kind, normalsPerPriority: 3 })
        }
      />
      {policy.kind === 'interleave' && (
        <NumberField
          label={t('setup.queue.normalsPerPriority')}
          value={policy.normalsPerPriority}
          min={1}
          max={100}
          onChange={(n) => setPolicy({ kind: 'interleave', normalsPerPriority: n ?? 3 })}
        />
      )}
      <div className="actions">
        <Button onClick={() => void save({ queue: { policy } })}>{t('common.save')}</Button>
      </div>
      <QueueReportPanel />
      <QueueLayoutEditor settings={settings} save={save} />
    </>
  );
}

function todayInVietnam(): string {
  return new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
}

const minutesText = (seconds: number | null) =>
  seconds === null ? '—' : (seconds / 60).toFixed(1).replace('.', ',');

/** Tickets per service and times per counter over a date range, with CSV export. */
function QueueReportPanel() {
  const { t } = useI18n();
  const [fromDay, setFrom] = useState(todayInVietnam);
  const [toDay, setTo] = useState(todayInVietnam);
  const [folder, setFolder] = useState('');
  const [report, setReport] = useState<QueueReportView | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const show = async () => {
    try {
      setReport(await unwrap(kiosk().queue.report({ fromDay, toDay })));
      setMessage(null);
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
  };
  const exportCsv = async () => {
    try {
      const r = await unwrap(kiosk().queue.exportReport({ fromDay, toDay, folder }));
      setMessage({ ok: true, text: t('setup.report.exported', { count: r.files.length, folder }) });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
  };
  return (
    <>
      <h2>{t('setup.report.title')}</h2>
      <div className="actions">
        <label className="field">
          {t('setup.report.from')}
          <input type="date" value={fromDay} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          {t('setup.report.to')}
          <input type="date" value={toDay} onChange={(e) => setTo(e.target.value)} />
        </label>
        <Button onClick={() => void show()}>{t('setup.report.show')}</Button>
      </div>
      {report && (
        <>
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('setup.queue.services')}</th>
                <th>{t('setup.report.issued')}</th>
                <th>{t('setup.report.priority')}</th>
                <th>{t('setup.report.done')}</th>
                <th>{t('setup.report.noShow')}</th>
              </tr>
            </thead>
            <tbody>
              {report.services.map((r) => (
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td>{r.issued}</td>
                  <td>{r.priority}</td>
                  <td>{r.done}</td>
                  <td>{r.noShow}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('setup.queue.counters')}</th>
                <th>{t('setup.report.called')}</th>
                <th>{t('setup.report.done')}</th>
                <th>{t('setup.report.avgWait')}</th>
                <th>{t('setup.report.avgService')}</th>
              </tr>
            </thead>
            <tbody>
              {report.counters.map((r) => (
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td>{r.called}</td>
                  <td>{r.done}</td>
                  <td>{minutesText(r.averageWaitSeconds)}</td>
                  <td>{minutesText(r.averageServiceSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="actions">
        <TextField label={t('setup.logs.folder')} value={folder} onChange={setFolder} />
        <Button disabled={!folder} onClick={() => void exportCsv()}>
          {t('setup.report.export')}
        </Button>
      </div>
      <OutcomeNotice outcome={message} />
    </>
  );
}

function slug(name: string, taken: ReadonlySet<string>): string {
  const base =
    foldVietnamese(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'linh-vuc';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/**
 * Services (lĩnh vực: name, ticket prefix, number range) and counters (number, name, the services
 * they serve). Saved as a whole; the settings schema refuses an inconsistent layout.
 */
function QueueLayoutEditor({ settings, save }: TabProps) {
  const { t } = useI18n();
  const [services, setServices] = useState<ServiceArea[]>(() => [...settings.queue.services]);
  const [counters, setCounters] = useState<Counter[]>(() => [...settings.queue.counters]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const setService = (i: number, patch: Partial<ServiceArea>) =>
    setServices((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const setCounter = (i: number, patch: Partial<Counter>) =>
    setCounters((all) => all.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const addService = () =>
    setServices((all) => [
      ...all,
      {
        id: slug('linh vuc moi', new Set(all.map((s) => s.id))),
        name: t('setup.queue.newService'),
        prefix: 'H',
        numberStart: 1,
        numberEnd: 999,
        defaultServiceMinutes: 5,
      },
    ]);
  const addCounter = () =>
    setCounters((all) => {
      const number = Math.max(0, ...all.map((c) => c.number)) + 1;
      return [
        ...all,
        {
          id: `quay-${number}`,
          number,
          name: `Quầy ${number}`,
          serviceIds: services[0] ? [services[0].id] : [],
        },
      ];
    });

  const submit = async () => {
    const serviceIds = new Set(services.map((s) => s.id));
    if (
      counters.some(
        (c) => c.serviceIds.length === 0 || c.serviceIds.some((id) => !serviceIds.has(id)),
      )
    ) {
      setProblem(t('setup.queue.counterNeedsService'));
      return;
    }
    setProblem(null);
    setSaved(await save({ queue: { services, counters } }));
  };

  return (
    <>
      <h2>{t('setup.queue.services')}</h2>
      {services.map((s, i) => (
        <div className="form-grid editor-row" key={s.id} data-testid={`service-row-${s.id}`}>
          <TextField
            label={t('setup.queue.serviceName')}
            value={s.name}
            onChange={(name) => setService(i, { name })}
          />
          <TextField
            label={t('setup.queue.prefix')}
            value={s.prefix}
            onChange={(prefix) =>
              setService(i, {
                prefix: prefix
                  .toUpperCase()
                  .replace(/[^A-Z]/g, '')
                  .slice(0, 3),
              })
            }
          />
          <NumberField
            label={t('setup.queue.range')}
            value={s.numberEnd}
            min={1}
            max={9999}
            onChange={(n) => setService(i, { numberEnd: n ?? 999 })}
          />
          <Button
            variant="ghost"
            onClick={() => setServices((all) => all.filter((_, j) => j !== i))}
          >
            {t('setup.queue.remove')}
          </Button>
        </div>
      ))}
      <div className="actions">
        <Button variant="secondary" onClick={addService}>
          {t('setup.queue.addService')}
        </Button>
      </div>
      <h2>{t('setup.queue.counters')}</h2>
      {counters.map((c, i) => (
        <div className="editor-row" key={c.id}>
          <div className="form-grid">
            <NumberField
              label={t('setup.field.counterNumber')}
              value={c.number}
              min={1}
              max={999}
              onChange={(n) => setCounter(i, { number: n ?? c.number })}
            />
            <TextField
              label={t('setup.queue.counterName')}
              value={c.name}
              onChange={(name) => setCounter(i, { name })}
            />
          </div>
          <div
            className="segmented"
            role="group"
            aria-label={t('setup.queue.servesLabel', { name: c.name })}
          >
            {services.map((s) => {
              const on = c.serviceIds.includes(s.id);
              return (
                <Button
                  key={s.id}
                  variant="secondary"
                  aria-pressed={on}
                  onClick={() =>
                    setCounter(i, {
                      serviceIds: on
                        ? c.serviceIds.filter((id) => id !== s.id)
                        : [...c.serviceIds, s.id],
                    })
                  }
                >
                  {s.prefix} · {s.name}
                </Button>
              );
            })}
            <Button
              variant="ghost"
              onClick={() => setCounters((all) => all.filter((_, j) => j !== i))}
            >
              {t('setup.queue.remove')}
            </Button>
          </div>
        </div>
      ))}
      <div className="actions">
        <Button variant="secondary" onClick={addCounter}>
          {t('setup.queue.addCounter')}
        </Button>
        <Button onClick={() => void submit()}>{t('setup.queue.saveLayout')}</Button>
      </div>
      {problem && (
        <p role="alert" className="notice notice-error">
          {problem}
        </p>
      )}
      {saved && (
        <p role="status" className="notice notice-ok">
          {t('common.saved')}
        </p>
      )}
    </>
  );
}
