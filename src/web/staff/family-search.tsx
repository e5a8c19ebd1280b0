import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../shared/phone.js';
import { query, type QueryOf } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link, navigate, useLocation } from '../app/router.js';
import { formatDate } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { Field, SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { AccountStatusTag, ACCOUNT_STATUS_OPTIONS } from './status.js';

/** Search the families by name or e-mail, postal code and account status. The URL keeps the search. */
export function FamilySearchPage() {
  const { t } = useTranslation('staff');
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const current = { q: params.get('q') ?? '', postalCode: params.get('postalCode') ?? '', status: params.get('status') ?? '' };
  const form = useForm(current);
  const results = useResource('staff.families', { query: { ...current, status: (current.status || undefined) as QueryOf<'staff.families'>['status'] } });
  const rows = (results.data ?? []);
  usePageTitle(t('familySearch.title'));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    navigate(`/agent/familles${query({ q: v.q.trim(), postalCode: v.postalCode.trim(), status: v.status })}`, { replace: true });
  }

  const filtered = Boolean(current.q || current.postalCode || current.status);

  return (
    <>
      <PageHeading>{t('familySearch.title')}</PageHeading>
      <form noValidate onSubmit={onSubmit} className="search" role="search" aria-label={t('familySearch.searchLabel')}>
        <Field {...form.field('q')} label={t('familySearch.q')} type="search" autoComplete="off" width="medium" />
        <Field {...form.field('postalCode')} label={t('familySearch.postalCode')} inputMode="numeric" autoComplete="off" width="code" />
        <SelectField {...form.field('status')} label={t('familySearch.status')} placeholder={t('familySearch.allStatuses')} options={ACCOUNT_STATUS_OPTIONS} />
        <div className="field">
          <Button type="submit">{t('shared.search')}</Button>
        </div>
      </form>
      <LoadState loading={results.loading && results.data === null} error={results.error} />
      {results.data !== null &&
        (rows.length === 0 ? (
          <p className="empty" role="status">
            {filtered ? t('familySearch.noMatch') : t('familySearch.none')}
          </p>
        ) : (
          <Table
            caption={filtered ? t('familySearch.captionFound', { count: rows.length }) : t('familySearch.caption', { count: rows.length })}
            head={[
              t('familySearch.head.family'),
              t('familySearch.head.email'),
              t('familySearch.head.phone'),
              t('familySearch.head.city'),
              t('familySearch.head.status'),
              t('familySearch.head.registeredOn'),
            ]}
          >
            {rows.map((r) => (
              <tr key={r.familyId}>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.guardian1Name || t('familySearch.noName')}</Link>
                </td>
                <td>{r.loginEmail}</td>
                <td>{r.phone ? formatPhone(r.phone) : ''}</td>
                <td>{[r.postalCode, r.city].filter(Boolean).join(' ')}</td>
                <td>
                  <AccountStatusTag status={r.accountStatus} />
                </td>
                <td>{formatDate(r.createdAt)}</td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
