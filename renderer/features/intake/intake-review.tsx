import type { AttachmentUpload, FormField } from '../../../common/ipc/contract';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import type { AttachableDocument } from './attachments-picker';

/** Everything the citizen is about to submit, in plain words, before it is sent. */
export function IntakeReview(props: {
  readonly fields: readonly FormField[];
  readonly documents: readonly AttachableDocument[];
  readonly data: Record<string, string>;
  readonly attachments: readonly AttachmentUpload[];
  readonly onEdit: () => void;
  readonly onSubmit: () => void;
}) {
  const { t } = useI18n();
  const filled = props.fields.filter((f) => props.data[f.name]);
  return (
    <section className="panel intake-review" aria-labelledby="review-title">
      <h1 className="greeting" id="review-title">
        {t('intake.review.title')}
      </h1>
      <p className="prompt">{t('intake.review.hint')}</p>
      <dl className="identity-fields">
        {filled.map((f) => (
          <div key={f.name}>
            <dt>{f.title}</dt>
            <dd>{props.data[f.name]}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('attach.title')}</h2>
      {props.attachments.length === 0 ? (
        <p>{t('intake.review.noAttachments')}</p>
      ) : (
        <ul>
          {props.attachments.map((a) => (
            <li key={a.documentCode}>
              {props.documents.find((d) => d.code === a.documentCode)?.name ?? a.documentCode}:{' '}
              {a.fileName}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <Button size="xl" onClick={props.onSubmit}>
          {t('intake.form.submit')}
        </Button>
        <Button size="xl" variant="secondary" onClick={props.onEdit}>
          {t('intake.review.edit')}
        </Button>
      </div>
    </section>
  );
}
