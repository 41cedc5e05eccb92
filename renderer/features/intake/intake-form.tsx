import { useState } from 'react';
import type { AttachmentUpload, FormField } from '../../../common/ipc/contract';
import { AttachmentsPicker, type AttachableDocument } from './attachments-picker';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { OnScreenKeyboard } from '../../ui/on-screen-keyboard';

function problemOf(field: FormField, value: string): 'required' | 'format' | null {
  if (!value.trim()) return field.required ? 'required' : null;
  if (field.maxLength !== null && value.length > field.maxLength) return 'format';
  if (field.pattern !== null && !new RegExp(field.pattern, 'u').test(value)) return 'format';
  return null;
}

/**
 * The procedure's form, generated from its JSON schema: prefilled fields, big inputs, choices as
 * buttons, dates as date pickers, and the on-screen keyboard typing Vietnamese by Telex.
 */
export function IntakeForm(props: {
  readonly fields: readonly FormField[];
  readonly initial: Record<string, string>;
  readonly onSubmit: (data: Record<string, string>, attachments: AttachmentUpload[]) => void;
  readonly documents: readonly AttachableDocument[];
  readonly initialAttachments: readonly AttachmentUpload[];
  /** The kiosk's on-screen keyboard (Telex); counters type on a real keyboard. */
  readonly onScreenKeyboard?: boolean;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>(() => {
    const v: Record<string, string> = {};
    for (const f of props.fields) v[f.name] = props.initial[f.name] ?? f.defaultValue ?? '';
    return v;
  });
  const [focus, setFocus] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [attachments, setAttachments] = useState<AttachmentUpload[]>([...props.initialAttachments]);
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const problems = props.fields
    .map((f) => [f, problemOf(f, values[f.name] ?? '')] as const)
    .filter(([, p]) => p !== null);

  const submit = () => {
    if (problems.length > 0) {
      setShowProblems(true);
      return;
    }
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (v.trim()) data[k] = v.trim().normalize('NFC');
    props.onSubmit(data, attachments);
  };

  return (
    <form
      className="intake-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h1 className="greeting">{t('intake.form.title')}</h1>
      <p className="prompt">{t('intake.form.hint')}</p>
      <div className="form-grid">
        {props.fields.map((f) => {
          const problem = showProblems ? problemOf(f, values[f.name] ?? '') : null;
          const label = `${f.title}${f.required ? ' *' : ''}`;
          if (f.kind === 'choice') {
            return (
              <div className="field" key={f.name} role="group" aria-label={label}>
                {label}
                <div className="segmented">
                  {f.options.map((o) => (
                    <Button
                      key={o}
                      variant="secondary"
                      aria-pressed={values[f.name] === o}
                      onClick={() => set(f.name, o)}
                    >
                      {o}
                    </Button>
                  ))}
                </div>
                {problem && <span className="field-error">{t(`intake.form.${problem}`)}</span>}
              </div>
            );
          }
          return (
            <label className="field" key={f.name}>
              {label}
              <input
                type={f.kind === 'date' ? 'date' : 'text'}
                value={values[f.name] ?? ''}
                onChange={(e) => set(f.name, e.target.value)}
                onFocus={() => setFocus(f.kind === 'text' ? f.name : null)}
                aria-invalid={problem ? true : undefined}
                spellCheck={false}
                autoComplete="off"
              />
              {problem && <span className="field-error">{t(`intake.form.${problem}`)}</span>}
            </label>
          );
        })}
      </div>
      {focus && props.onScreenKeyboard !== false && (
        <OnScreenKeyboard
          telex
          maxLength={300}
          value={values[focus] ?? ''}
          onChange={(v) => set(focus, v)}
        />
      )}
      <AttachmentsPicker
        documents={props.documents}
        atCounter={props.onScreenKeyboard === false}
        value={attachments}
        onChange={setAttachments}
      />
      {showProblems && problems.length > 0 && (
        <p className="notice notice-error" role="alert">
          {t('intake.form.fix', { count: problems.length })}
        </p>
      )}
      <div className="actions">
        <Button size="xl" type="submit">
          {t('intake.form.review')}
        </Button>
      </div>
    </form>
  );
}
