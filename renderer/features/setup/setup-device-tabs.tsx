import { useState } from 'react';
import type { QueueReportView } from '../../../common/ipc/contract';
import type { SettingsPatch, SettingsView } from '../../../common/settings';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { NumberField, TextField, Toggle } from '../../ui/fields';

interface TabProps {
  readonly settings: SettingsView;
  readonly save: (patch: SettingsPatch) => Promise<boolean>;
}

function Choice<T extends string | number>(props: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { value: T; label: string }[];
  readonly onChange: (value: T) => void;
}) {
  return (
    <div className="field">
      {props.label}
      <div className="segmented" role="group" aria-label={props.label}>
        {props.options.map((o) => (
          <Button
            key={String(o.value)}
            variant="secondary"
            aria-pressed={props.value === o.value}
            onClick={() => props.onChange(o.value)}
          >
            {o.label}
          </Button>
        ))}
      </div>
    </div>
  );
}

/** Printer (URI, model, paper, Vietnamese mode), status and test print; display voice. */
export function DevicesTab({ settings, save }: TabProps) {
  const { t } = useI18n();
  const [printer, setPrinter] = useState(settings.printer);
  const [display, setDisplay] = useState(settings.display);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const check = async () => {
    try {
      const st = await unwrap(kiosk().printer.status({}));
      const state = t(`setup.printer.state.${st.state}`);
      const text = `${t('setup.printer.state', { state })}${st.paperNearEnd ? ` · ${t('setup.printer.nearEnd')}` : ''}`;
      setResult({
        ok: st.state === 'ready',
        text: st.configured ? text : errorMessage(t, 'PRINTER_NOT_CONFIGURED'),
      });
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
  };
  const testPrint = async () => {
    try {
      const r = await unwrap(kiosk().printer.testPrint({}));
      setResult(
        r.printed
          ? { ok: true, text: t('setup.printer.printed') }
          : { ok: false, text: errorMessage(t, r.errorCode ?? '') },
      );
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
  };

  return (
    <>
      <h2>{t('setup.printer.title')}</h2>
      <TextField
        label={t('setup.printer.uri')}
        value={printer.uri ?? ''}
        onChange={(uri) => setPrinter({ ...printer, uri: uri.trim() === '' ? null : uri.trim() })}
      />
      <Choice
        label={t('setup.printer.model')}
        value={printer.model}
        options={[
          { value: 'epson', label: 'EPSON (ESC/POS)' },
          { value: 'star', label: 'STAR' },
        ]}
        onChange={(model) => setPrinter({ ...printer, model })}
      />
      <Choice
        label={t('setup.printer.width')}
        value={printer.paperWidth}
        options={[
          { value: 80, label: '80 mm' },
          { value: 58, label: '58 mm' },
        ]}
        onChange={(paperWidth) => setPrinter({ ...printer, paperWidth })}
      />
      <Choice
        label={t('setup.printer.encoding')}
        value={printer.encoding}
        options={[
          { value: 'codepage', label: t('setup.printer.encoding.codepage') },
          { value: 'raster', label: t('setup.printer.encoding.raster') },
        ]}
        onChange={(encoding) => setPrinter({ ...printer, encoding })}
      />
      {printer.encoding === 'codepage' && (
        <NumberField
          label={t('setup.printer.codePage')}
          value={printer.codePage}
          min={0}
          max={255}
          onChange={(n) => setPrinter({ ...printer, codePage: n ?? 52 })}
        />
      )}
      <div className="actions">
        <Button onClick={() => void save({ printer })}>{t('common.save')}</Button>
        <Button variant="secondary" onClick={() => void check()}>
          {t('setup.printer.status')}
        </Button>
        <Button variant="secondary" onClick={() => void testPrint()}>
          {t('setup.printer.test')}
        </Button>
      </div>
      {result && (
        <p role="status" className={`notice ${result.ok ? 'notice-ok' : 'notice-error'}`}>
          {result.text}
        </p>
      )}
      <h2>{t('setup.display.title')}</h2>
      <Toggle
        label={t('setup.display.voice')}
        checked={display.voice}
        onChange={(voice) => setDisplay({ ...display, voice })}
      />
      <NumberField
        label={t('setup.display.recent')}
        value={display.recentCalls}
        min={0}
        max={12}
        onChange={(n) => setDisplay({ ...display, recentCalls: n ?? 6 })}
      />
      <div className="actions">
        <Button onClick={() => void save({ display })}>{t('common.save')}</Button>
      </div>
    </>
  );
}

interface TestRead {
  readonly outcome: string;
  readonly access: string | null;
  readonly steps: readonly { step: string; ms: number; ok: boolean }[];
  readonly frames: readonly { direction: string; kind: string; hex: string }[];
}

/** ID card reader and QR scanner ports, CSCA trust folder, and a test read with the raw frames. */
export function ReaderTab({ settings, save }: TabProps) {
  const { t } = useI18n();
  const [devices, setDevices] = useState(settings.devices);
  const [ports, setPorts] = useState<
    readonly { path: string; uri: string; manufacturer: string | null }[] | null
  >(null);
  const [key, setKey] = useState('');
  const [test, setTest] = useState<TestRead | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const listPorts = () =>
    unwrap(kiosk().devices.listPorts({})).then(
      (r) => setPorts(r.ports),
      (err: unknown) => setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) }),
    );
  const testRead = async () => {
    const k = key.trim();
    try {
      const identity = await unwrap(
        kiosk().identity.readCard({
          key: /^\d{6}$/.test(k) ? { kind: 'can', can: k } : { kind: 'qr', text: k },
        }),
      );
      setMessage({
        ok: true,
        text: `${identity.fullName} · ${identity.access} · ${identity.passiveAuth.status}`,
      });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
    }
    const last = await unwrap(kiosk().identity.lastRead({})).catch(() => null);
    setTest(last?.log ?? null);
  };

  return (
    <>
      <h2>{t('setup.reader.title')}</h2>
      <TextField
        label={t('setup.reader.uri')}
        value={devices.readerUri ?? ''}
        onChange={(v) => setDevices({ ...devices, readerUri: v.trim() || null })}
      />
      <TextField
        label={t('setup.reader.trustDir')}
        value={devices.trustStoreDir ?? ''}
        onChange={(v) => setDevices({ ...devices, trustStoreDir: v.trim() || null })}
      />
      <TextField
        label={t('setup.scanner.uri')}
        value={devices.scannerUri ?? ''}
        onChange={(v) => setDevices({ ...devices, scannerUri: v.trim() || null })}
      />
      <div className="actions">
        <Button onClick={() => void save({ devices })}>{t('common.save')}</Button>
        <Button variant="secondary" onClick={() => void listPorts()}>
          {t('setup.reader.ports')}
        </Button>
      </div>
      <p className="privacy-line">{t('setup.reader.restartNote')}</p>
      {ports && (
        <ul data-testid="serial-ports">
          {ports.length === 0 && <li>{t('setup.reader.noPorts')}</li>}
          {ports.map((p) => (
            <li key={p.path}>
              <code>{p.uri}</code> {p.manufacturer ?? ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('setup.reader.testTitle')}</h2>
      <div className="actions">
        <TextField label={t('counter.identity.key')} value={key} onChange={setKey} />
        <Button disabled={!key.trim()} onClick={() => void testRead()}>
          {t('setup.reader.test')}
        </Button>
      </div>
      {message && (
        <p role="status" className={`notice ${message.ok ? 'notice-ok' : 'notice-error'}`}>
          {message.text}
        </p>
      )}
      {test && (
        <pre className="log-view" data-testid="frame-log">
          {[
            `${test.outcome} ${test.access ?? ''}`,
            ...test.steps.map((s) => `${s.ok ? '✓' : '✗'} ${s.step} ${Math.round(s.ms)} ms`),
            ...test.frames.map(
              (f) => `${f.direction === 'out' ? '→' : '←'} ${f.kind.padEnd(8)} ${f.hex}`,
            ),
          ].join('\n')}
        </pre>
      )}
    </>
  );
}

/** Priority policy; the services and counters this centre runs (edited in settings.json for now). */
export function QueueTab({ settings, save }: TabProps) {
  const { t } = useI18n();
  const [policy, setPolicy] = useState(settings.queue.policy);
  return (
    <>
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
      <h2>{t('setup.queue.services')}</h2>
      <ul>
        {settings.queue.services.map((s) => (
          <li key={s.id}>
            <strong>{s.prefix}</strong> — {s.name} ({s.numberStart}–{s.numberEnd})
          </li>
        ))}
      </ul>
      <h2>{t('setup.queue.counters')}</h2>
      <ul>
        {settings.queue.counters.map((c) => (
          <li key={c.id}>
            {c.name}:{' '}
            {c.serviceIds
              .map((id) => settings.queue.services.find((s) => s.id === id)?.name ?? id)
              .join(', ')}
          </li>
        ))}
      </ul>
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
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
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
      {message && (
        <p role="status" className={`notice ${message.ok ? 'notice-ok' : 'notice-error'}`}>
          {message.text}
        </p>
      )}
    </>
  );
}
