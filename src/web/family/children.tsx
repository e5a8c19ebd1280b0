import { Trans, useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { PageHeading, useFlash, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDay } from '../i18n/format.js';
import { ButtonLink } from '../ui/button.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { childName } from '../views/child-view.js';
import '../ui/records.css';

/** « Mes Enfants » (guide §4.4, §4.5): one line per child with a button to see the record, and « Ajouter un enfant ». */
export function ChildrenPage() {
  const { t } = useTranslation(['family', 'labels']);
  const list = useResource('children.list');
  const children = (list.data ?? []);
  const flash = useFlash();
  usePageTitle(t('children.title'));
  return (
    <>
      <Link to="/famille" className="back-link">
        {t('children.back')}
      </Link>
      <PageHeading>{t('children.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (children.length === 0 ? (
          <p className="empty">{t('children.empty')}</p>
        ) : (
          <ul className="child-list" aria-label={t('children.listLabel')}>
            {children.map((c) => (
              <li key={c.id}>
                <div>
                  <p className="child-list__name">{childName(c)}</p>
                  <p className="child-list__meta">
                    {t(`children.born.${c.sex}`, { sex: t(`labels:sex.${c.sex}`), date: formatDay(c.birthDate) })}
                    {c.school ? ` — ${c.school}${c.schoolClass ? `, ${c.schoolClass}` : ''}` : ''}
                  </p>
                </div>
                <Link to={`/famille/enfants/${encodeURIComponent(c.id)}`} className="button button--secondary button--small">
                  <Trans t={t} i18nKey="children.view" values={{ name: childName(c) }} components={{ hidden: <span className="visually-hidden" /> }} />
                </Link>
              </li>
            ))}
          </ul>
        ))}
      <ButtonLink to="/famille/enfants/ajouter">{t('children.add')}</ButtonLink>
      <p>
        <Link to="/famille/enfants/acces">{t('children.accesses')}</Link>
      </p>
    </>
  );
}
