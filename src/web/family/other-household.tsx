import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../shared/phone.js';
import { useResource } from '../api/use-resource.js';
import { formatDate, formatDay } from '../i18n/format.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { formatEuros } from '../ui/money.js';

/**
 * « L’autre foyer » (issue 11, « partage autorisé »): what a household staff allowed to see reads of the other
 * household of a shared child — its guardians and address, its coming bookings, its invoices' amounts for the child
 * and the documents it sent for the child. Read-only; shown only when staff allowed it (ChildCustody decides).
 */
export function OtherHousehold({ childId }: { childId: string }) {
  const { t } = useTranslation('households');
  const other = useResource('children.otherHousehold', { params: { childId } });
  if (other.loading && !other.data) return null;
  if (!other.data)
    return (
      <StatusMessage tone="warning">
        <p>{other.error ?? t('family.other.loadError')}</p>
      </StatusMessage>
    );
  const { household, bookings, invoices, documents } = other.data;
  const address = [household.addressLine1, household.addressLine2, [household.postalCode, household.city].filter(Boolean).join(' ')].filter(Boolean);
  return (
    <section aria-labelledby="autre-foyer" className="record-block">
      <h3 id="autre-foyer">{t('family.other.heading')}</h3>
      <p>{t('family.other.intro')}</p>
      <h4>{t('family.other.guardians')}</h4>
      <ul>
        {household.guardians.map((g, i) => (
          <li key={i}>
            {g.lastName.toUpperCase()} {g.firstName}
            {g.mobilePhone && <> — {formatPhone(g.mobilePhone)}</>}
            {g.email && <> — {g.email}</>}
          </li>
        ))}
      </ul>
      <h4>{t('family.other.address')}</h4>
      <p>{address.length ? address.map((l, i) => <span key={i} className="address-line">{l}<br /></span>) : t('family.other.noAddress')}</p>
      <h4>{t('family.other.bookings')}</h4>
      {bookings.length ? (
        <Table caption={t('family.other.bookings')} head={[t('family.other.head.day'), t('family.other.head.activity'), t('family.other.head.unit'), t('family.other.head.state')]}>
          {bookings.map((b) => (
            <tr key={`${b.day}|${b.activityName}|${b.unitLabel}`}>
              <td>{formatDay(b.day)}</td>
              <td>{b.activityName}</td>
              <td>{b.unitLabel}</td>
              <td>{t(`family.other.state.${b.state}`)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>{t('family.other.noBookings')}</p>
      )}
      <h4>{t('family.other.invoices')}</h4>
      {invoices.length ? (
        <Table caption={t('family.other.invoices')} head={[t('family.other.head.invoice'), t('family.other.head.month'), t('family.other.head.amount'), t('family.other.head.settled')]}>
          {invoices.map((inv, i) => (
            <tr key={inv.reference ?? i}>
              <td>{inv.reference ?? '—'}</td>
              <td>{inv.month}</td>
              <td>{formatEuros(inv.childAmountCents)}</td>
              <td>{inv.settled ? t('family.other.yes') : t('family.other.no')}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>{t('family.other.noInvoices')}</p>
      )}
      <h4>{t('family.other.documents')}</h4>
      {documents.length ? (
        <Table caption={t('family.other.documents')} head={[t('family.other.head.document'), t('family.other.head.state'), t('family.other.head.sentOn'), t('family.other.head.validUntil')]}>
          {documents.map((d, i) => (
            <tr key={i}>
              <td>{d.typeName}</td>
              <td>{t(`family.other.docState.${d.state}`)}</td>
              <td>{formatDate(d.submittedAt)}</td>
              <td>{d.validUntil ? formatDay(d.validUntil) : '—'}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>{t('family.other.noDocuments')}</p>
      )}
    </section>
  );
}
