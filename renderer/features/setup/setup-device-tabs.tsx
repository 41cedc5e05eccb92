import { useState } from 'react';
import type { SettingsPatch, SettingsView } from '../../../common/settings';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { LazyCameraSetupPanel } from '../camera/lazy-camera';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { OutcomeNotice, type Outcome } from '../../ui/outcome-notice';
import { NumberField, TextField, Toggle } from '../../ui/fields';

interface TabProps {
  readonly settings: SettingsView;
  readonly save: (patch: SettingsPatch) => Promise<boolean>;
}

export function Choice<T extends string | number>(props: {
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
  const [result, setResult] = useState<Outcome | null>(null);

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
      <OutcomeNotice outcome={result} />
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
  const [message, setMessage] = useState<Outcome | null>(null);

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
      <OutcomeNotice outcome={message} />
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
      <LazyCameraSetupPanel />
    </>
  );
}
