import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { QuotientSourceText } from '../views/quotient-view.js';

/** The card « Quotient familial » of « Mes informations »: the current value, its source, a link to the page. */
export function QuotientCard() {
  const { t } = useTranslation('quotient');
  const view = useResource('quotient.get');
  return (
    <section aria-labelledby="quotient-card" className="card">
      <h2 id="quotient-card">{t('card.title')}</h2>
      {view.data && (
        <>
          {view.data.current.quotient === null ? <p>{t('card.none')}</p> : <p>{t('card.value', { quotient: view.data.current.quotient })}</p>}
          <QuotientSourceText current={view.data.current} />
        </>
      )}
      <p>
        <Link to="/famille/quotient">{t('card.link')}</Link>
      </p>
    </section>
  );
}
