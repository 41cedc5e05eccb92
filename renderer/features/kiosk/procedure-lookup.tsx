import { useEffect, useMemo, useState } from 'react';
import type { ProcedureDetailView, ProcedureSummaryView } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { OnScreenKeyboard } from '../../ui/on-screen-keyboard';

const vnd = new Intl.NumberFormat('vi-VN');

/** Look up a procedure: by lĩnh vực or by typing (diacritics-insensitive), then its details. */
export function ProcedureLookup(props: {
  readonly onHome: () => void;
  /** When given, a procedure's page offers to submit a dossier for it. */
  readonly onPick?: (code: string) => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [field, setField] = useState<string | null>(null);
  const [all, setAll] = useState<ProcedureSummaryView[]>([]);
  const [results, setResults] = useState<ProcedureSummaryView[] | null>(null);
  const [detail, setDetail] = useState<ProcedureDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);

  useEffect(() => {
    unwrap(kiosk().procedures.list({})).then(
      (r) => setAll(r.procedures),
      (err: unknown) => setError(errorMessage(t, errorCodeOf(err))),
    );
  }, [t]);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      unwrap(
        kiosk().procedures.list({
          ...(query.trim() ? { q: query.trim() } : {}),
          ...(field ? { field } : {}),
        }),
      ).then(
        (r) => !stale && setResults(r.procedures),
        (err: unknown) => !stale && setError(errorMessage(t, errorCodeOf(err))),
      );
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, field, t]);

  const fields = useMemo(
    () => [...new Map(all.map((p) => [p.fieldCode, p.field])).entries()],
    [all],
  );

  const open = (code: string) =>
    unwrap(kiosk().procedures.get({ code })).then(setDetail, (err: unknown) =>
      setError(errorMessage(t, errorCodeOf(err))),
    );

  if (detail) {
    return (
      <ProcedureDetail
        detail={detail}
        onBack={() => setDetail(null)}
        {...(props.onPick ? { onPick: props.onPick } : {})}
      />
    );
  }

  return (
    <section className="procedures" aria-labelledby="procedures-title">
      <div className="actions">
        <h1 className="greeting grow-1" id="procedures-title">
          {t('procedures.title')}
        </h1>
        <Button variant="secondary" size="xl" onClick={props.onHome}>
          {t('common.home')}
        </Button>
      </div>
      <div className="segmented" role="group" aria-label={t('procedures.byField')}>
        <Button variant="secondary" aria-pressed={field === null} onClick={() => setField(null)}>
          {t('procedures.allFields')}
        </Button>
        {fields.map(([code, name]) => (
          <Button
            key={code}
            variant="secondary"
            aria-pressed={field === code}
            onClick={() => setField(code)}
          >
            {name}
          </Button>
        ))}
      </div>
      <div className="actions">
        <label className="field grow-1">
          {t('procedures.search')}
          <input
            type="search"
            className="search-input"
            value={query}
            placeholder={t('procedures.searchHint')}
            onChange={(e) => setQuery(e.target.value)}
            onFocus={() => setTyping(true)}
          />
        </label>
        <Button variant="secondary" aria-pressed={typing} onClick={() => setTyping(!typing)}>
          {t('procedures.keyboard')}
        </Button>
      </div>
      {typing && <OnScreenKeyboard value={query} onChange={setQuery} />}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <p className="prompt" role="status">
        {results && t('procedures.count', { count: results.length })}
      </p>
      <ul className="procedure-list">
        {results?.map((p) => (
          <li key={p.code}>
            <button type="button" className="procedure-item" onClick={() => void open(p.code)}>
              <span className="procedure-name">{p.name}</span>
              <span className="procedure-meta">
                {p.field} · {t('procedures.code', { code: p.code })} ·{' '}
                {p.processingDays === null
                  ? t('procedures.timeUnknown')
                  : p.processingDays === 0
                    ? t('procedures.sameDay')
                    : t('procedures.days', { days: p.processingDays })}{' '}
                · {p.hasFee ? t('procedures.hasFee') : t('procedures.free')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProcedureDetail(props: {
  readonly detail: ProcedureDetailView;
  readonly onBack: () => void;
  readonly onPick?: (code: string) => void;
}) {
  const { t } = useI18n();
  const { detail } = props;
  return (
    <section className="procedure-detail panel" aria-labelledby="procedure-title">
      <div className="actions">
        {props.onPick && (
          <Button size="xl" onClick={() => props.onPick?.(detail.code)}>
            {t('intake.pick')}
          </Button>
        )}
        <Button variant="secondary" size="xl" onClick={props.onBack}>
          {t('common.back')}
        </Button>
      </div>
      <h1 className="greeting" id="procedure-title">
        {detail.name}
      </h1>
      <p className="prompt">
        {detail.field} · {t('procedures.code', { code: detail.code })} · {detail.agency}
      </p>
      <h2>{t('procedures.time')}</h2>
      <ul>
        {detail.processingTimes.map((pt) => (
          <li key={pt.channel}>
            {t(`procedures.channel.${pt.channel}`)}:{' '}
            {pt.workingDays === 0
              ? t('procedures.sameDay')
              : t('procedures.days', { days: pt.workingDays })}
            {pt.note && ` — ${pt.note}`}
          </li>
        ))}
      </ul>
      <h2>{t('procedures.fees')}</h2>
      {detail.fees.length === 0 || detail.fees.every((f) => f.amountVnd === 0) ? (
        <p>{t('procedures.free')}</p>
      ) : (
        <ul>
          {detail.fees.map((f) => (
            <li key={`${f.name}-${f.channel ?? ''}`}>
              {f.name}:{' '}
              {f.amountVnd === 0 ? t('procedures.free') : `${vnd.format(f.amountVnd)} đồng`}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('procedures.documents')}</h2>
      {detail.cases.map((c) => (
        <div key={c.code}>
          {detail.cases.length > 1 && <h3>{c.name}</h3>}
          <ul>
            {c.documents.map((d) => (
              <li key={d.name}>
                {d.name} ({t('procedures.quantity', { count: d.quantity })})
                {!d.required && ` — ${t('procedures.optional')}`}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h2>{t('procedures.result')}</h2>
      <p>{detail.result}</p>
    </section>
  );
}
