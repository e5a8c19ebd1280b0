import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';

/** The family's view of the staff's reads of its children's health information (who, which child, when). */
export function ChildAccessesPage() {
  const { t } = useTranslation(['family', 'labels']);
  const list = useResource('family.healthAccesses');
  const rows = (list.data ?? []);
  usePageTitle(t('childAccesses.title'));
  return (
    <>
      <Link to="/famille/enfants" className="back-link">
        {t('childAccesses.back')}
      </Link>
      <PageHeading>{t('childAccesses.title')}</PageHeading>
      <p>{t('childAccesses.intro')}</p>
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">{t('childAccesses.empty')}</p>
        ) : (
          <Table
            caption={t('childAccesses.caption')}
            captionHidden
            head={[t('childAccesses.head.date'), t('childAccesses.head.child'), t('childAccesses.head.staff'), t('childAccesses.head.kind')]}
          >
            {rows.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.childName}</td>
                <td>{r.staffName}</td>
                <td>{t(`labels:healthAccess.${r.kind}`)}</td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
