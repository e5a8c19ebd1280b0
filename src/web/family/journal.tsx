import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { formatDateTime } from '../i18n/format.js';

/** « Journal du foyer » (issue 11): who booked, cancelled, paid, edited what, and when; never health details. */
export function JournalPage() {
  const { t } = useTranslation('members');
  const journal = useResource('members.journal');
  usePageTitle(t('journal.title'));
  return (
    <>
      <Link to="/famille/membres" className="back-link">
        {t('block.members')}
      </Link>
      <PageHeading>{t('journal.title')}</PageHeading>
      <p>{t('journal.intro')}</p>
      <LoadState loading={journal.loading} error={journal.error} />
      {journal.data &&
        (journal.data.length === 0 ? (
          <p>{t('journal.none')}</p>
        ) : (
          <Table caption={t('journal.caption')} head={[t('journal.when'), t('journal.who'), t('journal.what')]}>
            {journal.data.map((j, i) => (
              <tr key={`${j.at}-${i}`}>
                <td>{formatDateTime(j.at)}</td>
                <td>{j.who ?? t('journal.staff')}</td>
                <td>
                  {j.ref && ['booking', 'cancellation', 'mixed', 'request.accepted', 'request.refused'].includes(j.action) ? (
                    <Link to={`/famille/reservations/${j.ref}`}>{t(`journal.actions.${j.action}`, { ref: j.ref, subject: j.subject ?? '' })}</Link>
                  ) : (
                    t(`journal.actions.${j.action}`, { ref: j.ref ?? '', subject: j.subject ?? '' })
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
