import type { CitizenIdentityView } from '../../../common/ipc/contract';
import { useI18n } from '../../i18n/i18n';

function vnDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return [d, m, y].filter(Boolean).join('/');
}

/** What was read from the chip: portrait, main fields and the passive-authentication badge. */
export function IdentityCard(props: {
  readonly identity: CitizenIdentityView;
  /** Counter staff copy fields into other systems; the kiosk shows them only. */
  readonly copyable?: boolean;
}) {
  const { t } = useI18n();
  const { identity: c } = props;
  const rows: [string, string][] = [
    [t('identity.field.idNumber'), c.idNumber],
    [t('identity.field.fullName'), c.fullName],
    [t('identity.field.dateOfBirth'), vnDate(c.dateOfBirth)],
    [t('identity.field.sex'), t(`identity.sex.${c.sex}`)],
    [t('identity.field.residence'), c.placeOfResidence ?? '—'],
  ];
  if (props.copyable) {
    rows.push(
      [t('identity.field.origin'), c.placeOfOrigin ?? '—'],
      [t('identity.field.issueDate'), vnDate(c.issueDate)],
      [
        t('identity.field.expiryDate'),
        c.expiryDate ? vnDate(c.expiryDate) : t('identity.noExpiry'),
      ],
      [t('identity.field.oldId'), c.oldIdNumber ?? '—'],
    );
  }
  const badge = c.passiveAuth.status;
  return (
    <div className="identity-card">
      {c.photoJpegBase64 ? (
        <img
          className="identity-photo"
          src={`data:image/jpeg;base64,${c.photoJpegBase64}`}
          alt={t('identity.photo')}
        />
      ) : (
        <div className="identity-photo" aria-hidden="true" />
      )}
      <dl className="identity-fields">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={props.copyable ? 'copyable' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className={`auth-badge auth-${badge}`} role="status" data-testid="auth-badge">
        {t(`identity.auth.${badge}`)}
      </p>
    </div>
  );
}
