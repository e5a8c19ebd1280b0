import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { childName } from '../views/child-view.js';
import { formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { DateInput } from '../ui/date-input.js';
import { Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';

/** Search the children by their name or a guardian's, and birth date. The URL keeps the search. */
export function ChildSearchPage() {
  const { t } = useTranslation('staff');
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const current = { q: params.get('q') ?? '', birthDate: params.get('birthDate') ?? '', familyId: params.get('familyId') ?? '' };
  const form = useForm({ q: current.q, birthDate: current.birthDate });
  const results = useResource('staffChildren.search', { query: current });
  const rows = (results.data ?? []);
  usePageTitle(t('childSearch.title'));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    navigate(`/agent/enfants${query({ q: v.q.trim(), birthDate: v.birthDate, familyId: current.familyId })}`, { replace: true });
  }

  const filtered = Boolean(current.q || current.birthDate || current.familyId);

  return (
    <>
      <PageHeading>{t('childSearch.title')}</PageHeading>
      {current.familyId && (
        <p>
          {t('childSearch.familyOnly')} <Link to="/agent/enfants">{t('childSearch.searchAll')}</Link>
        </p>
      )}
      <form noValidate onSubmit={onSubmit} className="search" role="search" aria-label={t('childSearch.searchLabel')}>
        <Field {...form.field('q')} label={t('childSearch.q')} hint={t('childSearch.qHint')} type="search" autoComplete="off" width="medium" />
        <DateInput {...form.field('birthDate')} label={t('childSearch.birthDate')} hint={t('shared.optional')} />
        <div className="field">
          <Button type="submit">{t('shared.search')}</Button>
        </div>
      </form>
      <LoadState loading={results.loading && results.data === null} error={results.error} />
      {results.data !== null &&
        (rows.length === 0 ? (
          <p className="empty" role="status">
            {filtered ? t('childSearch.noMatch') : t('childSearch.none')}
          </p>
        ) : (
          <Table
            caption={filtered ? t('childSearch.captionFound', { count: rows.length }) : t('childSearch.caption', { count: rows.length })}
            head={[t('childSearch.head.child'), t('childSearch.head.birthDate'), t('childSearch.head.family'), t('childSearch.head.school')]}
          >
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/agent/enfants/${encodeURIComponent(r.id)}`}>{childName(r)}</Link>
                </td>
                <td>{formatDay(r.birthDate)}</td>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.familyName}</Link>
                </td>
                <td>{[r.school, r.schoolClass].filter(Boolean).join(', ')}</td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
