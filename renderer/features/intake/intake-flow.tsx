import { useCallback, useEffect, useState } from 'react';
import type { AttachmentUpload, FormField, IntakeReceiptView } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { ProcedureLookup } from '../kiosk/procedure-lookup';
import { exportForm01 } from '../counter/form01-export';
import { IntakeForm } from './intake-form';
import { IntakeReview } from './intake-review';

type Step =
  | { kind: 'pick' }
  | { kind: 'consent'; procedureName: string; purpose: string; legalBasis: string }
  | { kind: 'declined' }
  | { kind: 'loading' }
  | {
      kind: 'form';
      fields: FormField[];
      prefill: Record<string, string>;
      differences: { field: string; card: string; population: string }[];
      documents: { code: string; name: string; required: boolean }[];
    }
  | { kind: 'receipt'; receipt: IntakeReceiptView };

const CONSENT_FIELDS = [
  'intake.data.fullName',
  'intake.data.idNumber',
  'intake.data.dateOfBirth',
  'intake.data.sex',
  'intake.data.origin',
  'intake.data.residence',
] as const;

/**
 * After the card read: choose the procedure, consent to the population lookup (or decline),
 * check the prefilled form, submit, and leave with the code (or a provisional receipt).
 */
export function IntakeFlow(props: {
  readonly onHome: () => void;
  readonly onTicket: () => void;
  /** At a counter: staff type on a real keyboard and print Mẫu 01 after the receipt. */
  readonly atCounter?: boolean;
}) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  // What the citizen entered, kept while they review it and go back to edit.
  const [draft, setDraft] = useState<{
    data: Record<string, string>;
    attachments: AttachmentUpload[];
    reviewing: boolean;
  } | null>(null);
  const fail = useCallback((err: unknown) => setError(errorMessage(t, errorCodeOf(err))), [t]);

  // Leaving the flow forgets the intake in main as well.
  useEffect(() => () => void unwrap(kiosk().intake.cancel({})).catch(() => undefined), []);

  const pick = async (procedureCode: string) => {
    setError(null);
    try {
      const s = await unwrap(kiosk().intake.start({ procedureCode }));
      setStep({ kind: 'consent', ...s });
    } catch (err) {
      fail(err);
    }
  };
  const decide = async (granted: boolean) => {
    setError(null);
    try {
      await unwrap(kiosk().intake.consent({ granted }));
      if (!granted) {
        setStep({ kind: 'declined' });
        return;
      }
      setStep({ kind: 'loading' });
      const r = await unwrap(kiosk().intake.lookup({}));
      setStep({
        kind: 'form',
        fields: r.fields,
        prefill: r.prefill,
        differences: r.differences,
        documents: r.documents,
      });
    } catch (err) {
      fail(err);
    }
  };
  const submit = async (formData: Record<string, string>, attachments: AttachmentUpload[]) => {
    setError(null);
    setStep({ kind: 'loading' });
    try {
      setStep({
        kind: 'receipt',
        receipt: await unwrap(kiosk().intake.submit({ formData, attachments })),
      });
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section className="intake-flow" aria-labelledby="intake-title">
      {step.kind === 'pick' && (
        <ProcedureLookup onHome={props.onHome} onPick={(code) => void pick(code)} />
      )}
      {step.kind === 'consent' && (
        <div className="panel consent">
          <h1 className="greeting" id="intake-title">
            {t('intake.consent.title')}
          </h1>
          <p className="prompt">{t('intake.consent.intro', { procedure: step.procedureName })}</p>
          <h2>{t('intake.consent.data')}</h2>
          <ul>
            {CONSENT_FIELDS.map((k) => (
              <li key={k}>{t(k)}</li>
            ))}
          </ul>
          <h2>{t('intake.consent.purpose')}</h2>
          <p>{step.purpose}</p>
          <h2>{t('intake.consent.basis')}</h2>
          <p>{step.legalBasis}</p>
          <p className="privacy-line">{t('intake.consent.rights')}</p>
          <div className="actions">
            <Button size="xl" onClick={() => void decide(true)}>
              {t('intake.consent.agree')}
            </Button>
            <Button size="xl" variant="secondary" onClick={() => void decide(false)}>
              {t('intake.consent.decline')}
            </Button>
          </div>
        </div>
      )}
      {step.kind === 'declined' && (
        <div className="panel">
          <h1 className="greeting">{t('intake.declined.title')}</h1>
          <p className="prompt">{t('intake.declined.body')}</p>
          <div className="actions">
            <Button size="xl" onClick={props.onTicket}>
              {t('kiosk.tile.ticket')}
            </Button>
            <Button size="xl" variant="secondary" onClick={props.onHome}>
              {t('common.home')}
            </Button>
          </div>
        </div>
      )}
      {step.kind === 'loading' && !error && (
        <p className="prompt strong" role="status">
          {t('intake.working')}
        </p>
      )}
      {step.kind === 'form' && (
        <>
          {step.differences.length > 0 && (
            <div className="notice notice-warn" role="status" data-testid="intake-differences">
              {t('intake.differences')}
              <ul>
                {step.differences.map((d) => (
                  <li key={d.field}>
                    {t('intake.difference', { card: d.card, population: d.population })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {draft?.reviewing ? (
            <IntakeReview
              fields={step.fields}
              documents={step.documents}
              data={draft.data}
              attachments={draft.attachments}
              onEdit={() => setDraft({ ...draft, reviewing: false })}
              onSubmit={() => void submit(draft.data, draft.attachments)}
            />
          ) : (
            <IntakeForm
              fields={step.fields}
              initial={draft?.data ?? step.prefill}
              initialAttachments={draft?.attachments ?? []}
              onScreenKeyboard={!props.atCounter}
              documents={step.documents}
              onSubmit={(data, attachments) => setDraft({ data, attachments, reviewing: true })}
            />
          )}
        </>
      )}
      {step.kind === 'receipt' && (
        <IntakeReceipt
          receipt={step.receipt}
          onHome={props.onHome}
          {...(props.atCounter ? { onForm01: () => exportForm01(step.receipt.localRef) } : {})}
        />
      )}
      {error && (
        <div className="notice notice-error" role="alert" data-testid="intake-error">
          {error}
          <div className="actions">
            <Button variant="secondary" onClick={props.onHome}>
              {t('common.home')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function IntakeReceipt(props: {
  readonly receipt: IntakeReceiptView;
  readonly onHome: () => void;
  readonly onForm01?: () => Promise<string | null>;
}) {
  const { t } = useI18n();
  const { receipt: r } = props;
  const vnDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
  if (r.rejectionReason) {
    return (
      <div className="panel">
        <h1 className="greeting">{t('intake.rejected.title')}</h1>
        <p className="notice notice-error" role="alert">
          {t('intake.rejected.body', { ref: r.localRef })}
        </p>
        <Button size="xl" onClick={props.onHome}>
          {t('common.home')}
        </Button>
      </div>
    );
  }
  return (
    <div className="ticket-card receipt">
      <p className="prompt">
        {r.code ? t('intake.receipt.code') : t('intake.receipt.provisional')}
      </p>
      <p className="receipt-code" data-testid="dossier-code">
        {r.code ?? r.localRef}
      </p>
      <p className="ticket-service">{r.procedureName}</p>
      <p className="prompt">{r.ownerName}</p>
      {r.dueDate && (
        <p className="prompt">{t('intake.receipt.due', { date: vnDate(r.dueDate) })}</p>
      )}
      {!r.code && <p className="notice notice-warn">{t('intake.receipt.later')}</p>}
      {r.fee && (
        <div className="fee" data-testid="fee">
          <p className="prompt strong">
            {t('intake.receipt.fee', {
              amount: new Intl.NumberFormat('vi-VN').format(r.fee.totalVnd),
            })}
          </p>
          {r.fee.vietQrImage && (
            <img className="vietqr" src={r.fee.vietQrImage} alt={t('intake.receipt.vietQr')} />
          )}
          <p className="prompt">{t('intake.receipt.vietQrHint')}</p>
        </div>
      )}
      <p className={`notice ${r.printed ? 'notice-ok' : 'notice-error'}`} role="status">
        {r.printed ? t('intake.receipt.printed') : t('intake.receipt.notPrinted')}
      </p>
      {props.onForm01 && (
        <Button
          size="xl"
          variant="secondary"
          onClick={() => void props.onForm01?.().catch(() => undefined)}
        >
          {t('counter.intake.form01')}
        </Button>
      )}
      <Button size="xl" onClick={props.onHome}>
        {t('ticket.done')}
      </Button>
    </div>
  );
}
