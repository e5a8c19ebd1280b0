/**
 * « Paiement à la réservation » (issue 13): a family's baskets on its collection page — held (with the time they
 * are held until), paid, expired or cancelled, their invoice and their days.
 */
import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { LoadState } from '../ui/loading.js';
import { formatEuros } from '../ui/money.js';
import { Table } from '../ui/table.js';

export function StaffBaskets({ familyId }: { familyId: string }) {
  const { t } = useTranslation('money');
  const baskets = useResource('staffBaskets.ofFamily', { params: { familyId } });
  const list = baskets.data ?? [];
  return (
    <section aria-labelledby="staff-baskets">
      <h2 id="staff-baskets">{t('payAtBooking.listTitle')}</h2>
      <LoadState loading={baskets.loading && !baskets.data} error={baskets.data ? null : baskets.error} />
      {baskets.data && list.length === 0 && <p className="empty">{t('payAtBooking.none')}</p>}
      {list.length > 0 && (
        <Table
          caption={t('payAtBooking.listCaption')}
          captionHidden
          head={[t('payAtBooking.created'), t('payAtBooking.child'), t('payAtBooking.activity'), t('payAtBooking.caption'), t('payAtBooking.state'), t('payAtBooking.invoice'), t('payAtBooking.total'), t('payAtBooking.toPay')]}
        >
          {list.map((b) => (
            <tr key={b.id}>
              <td>{formatDateTime(b.createdAt)}</td>
              <td>{b.childName}</td>
              <td>{b.activityName}</td>
              <td>{b.days.map((d) => `${formatDay(d.day)} (${t(`payAtBooking.dayStates.${d.state}`)})`).join(', ')}</td>
              <td>
                {t(`payAtBooking.states.${b.state}`)}
                {b.state === 'held' && ` — ${t('payAtBooking.heldUntil')} ${formatDateTime(b.expiresAt)}`}
              </td>
              <td>{b.invoiceNumber}</td>
              <td className="num">{formatEuros(b.totalCents)}</td>
              <td className="num">{formatEuros(b.balanceCents)}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
