/** The billing pages' own navigation: the month's invoicing, invoices, payments, balances, offices and tariffs. */
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import '../ui/booking.css';
import '../ui/billing.css';

const ITEMS = [
  { to: '/agent/facturation', label: 'month', prefix: '/agent/facturation/mois' },
  { to: '/agent/facturation/factures', label: 'invoices', prefix: '/agent/facturation/factures/' },
  { to: '/agent/facturation/reglements', label: 'payments', prefix: '/agent/facturation/reglements/' },
  { to: '/agent/facturation/soldes', label: 'balances' },
  { to: '/agent/facturation/recouvrement', label: 'collection' },
] as const;

export function BillingNav() {
  const { pathname } = useLocation();
  const { account } = useSession();
  const { t } = useTranslation('staffAdmin');
  const items = account?.role === 'admin' ? [...ITEMS, { to: '/agent/facturation/regies', label: 'offices' } as const] : ITEMS;
  return (
    <nav className="billing-nav" aria-label={t('billingNav.label')}>
      <ul>
        {items.map((i) => {
          const current = pathname === i.to || ('prefix' in i && i.prefix ? pathname.startsWith(i.prefix) : false);
          return (
            <li key={i.to}>
              <Link to={i.to} aria-current={current ? 'page' : undefined}>
                {t(`billingNav.${i.label}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
