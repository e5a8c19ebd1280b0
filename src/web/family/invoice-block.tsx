/**
 * « Mes Factures & Paiements » on « Mon compte famille » (guide §6): what remains to pay and the way to the
 * invoices, the payments and « Payer en ligne ». Light on purpose: the list and the payment window load on demand.
 */
import { formatEuros } from '../../shared/billing-labels.js';
import { useResource } from '../api/use-resource.js';
import { Link } from '../app/router.js';
import { plural } from '../i18n/fr.js';

export function InvoiceBlock() {
  const account = useResource('billing.account');
  const data = account.data;
  const toPay = data ? data.invoices.filter((i) => i.balanceCents > 0 && i.state !== 'credited') : [];
  const overdue = toPay.filter((i) => i.state === 'overdue').length;
  return (
    <section className="card" aria-labelledby="bloc-factures">
      <h2 id="bloc-factures">Mes Factures &amp; Paiements</h2>
      <p>Régler en ligne, consulter, télécharger et imprimer vos factures.</p>
      {account.error && <p>{account.error}</p>}
      {account.loading && !data && <p className="loading">Chargement…</p>}
      {data && data.invoices.length === 0 && <p className="empty">Aucune facture.</p>}
      {data && data.invoices.length > 0 && (
        <p>
          {toPay.length === 0
            ? 'Toutes vos factures sont réglées.'
            : `${plural(toPay.length, 'facture', 'factures')} à régler, ${formatEuros(data.outstandingCents)} au total${
                overdue > 0 ? `, dont ${overdue} en retard de paiement` : ''
              }.`}
          {data.creditCents > 0 && ` Avoir disponible : ${formatEuros(data.creditCents)}.`}
        </p>
      )}
      <ul className="link-list">
        <li>
          <Link to="/famille/factures">Voir mes factures et mes paiements</Link>
        </li>
        {toPay.length > 0 && (
          <li>
            <Link to="/famille/factures?payer=1">Payer en ligne</Link>
          </li>
        )}
      </ul>
    </section>
  );
}
