/**
 * « Mes attestations » (issue 13): the payment certificate for a chosen period, and the yearly tax certificate of
 * childcare costs for children under 6 (per child and establishment), as PDF files the family downloads.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl } from '../api/client.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { DateInput } from '../ui/date-input.js';
import { SelectField } from '../ui/field.js';

const thisYear = new Date().getFullYear();

export function CertificatesPage() {
  const { t } = useTranslation('money');
  usePageTitle(t('certificatesPage.title'));
  const [from, setFrom] = useState(`${thisYear}-01-01`);
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const [year, setYear] = useState(String(thisYear - 1));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  return (
    <>
      <Link to="/famille/factures" className="back-link">
        {t('certificatesPage.back')}
      </Link>
      <PageHeading>{t('certificatesPage.title')}</PageHeading>
      <section aria-labelledby="attestation-paiement">
        <h2 id="attestation-paiement">{t('certificatesPage.paymentTitle')}</h2>
        <p>{t('certificatesPage.paymentIntro')}</p>
        <DateInput name="from" label={t('certificatesPage.from')} value={from} onValueChange={setFrom} />
        <DateInput name="to" label={t('certificatesPage.to')} value={to} onValueChange={setTo} />
        {valid && (
          <p>
            <a className="button button--secondary" href={fileUrl('money.paymentCertificate', { query: { from, to } })}>
              {t('certificatesPage.download')}
            </a>
          </p>
        )}
      </section>
      <section aria-labelledby="attestation-fiscale">
        <h2 id="attestation-fiscale">{t('certificatesPage.taxTitle')}</h2>
        <p>{t('certificatesPage.taxIntro')}</p>
        <SelectField
          name="year"
          label={t('certificatesPage.year')}
          value={year}
          onValueChange={setYear}
          options={[thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({ value: String(y), label: String(y) }))}
        />
        <p>
          <a className="button button--secondary" href={fileUrl('money.taxCertificate', { query: { year: Number(year) } })}>
            {t('certificatesPage.downloadTax', { year })}
          </a>
        </p>
      </section>
    </>
  );
}
