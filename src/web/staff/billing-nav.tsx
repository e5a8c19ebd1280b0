/** The billing pages' own navigation: the month's invoicing, invoices, payments, balances, offices and tariffs. */
import { Link, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import '../ui/booking.css';
import '../ui/billing.css';

const ITEMS = [
  { to: '/agent/facturation', label: 'Facturation du mois', prefix: '/agent/facturation/mois' },
  { to: '/agent/facturation/factures', label: 'Factures et avoirs', prefix: '/agent/facturation/factures/' },
  { to: '/agent/facturation/reglements', label: 'Règlements', prefix: '/agent/facturation/reglements/' },
  { to: '/agent/facturation/soldes', label: 'Soldes et exports' },
];

export function BillingNav() {
  const { pathname } = useLocation();
  const { account } = useSession();
  const items = account?.role === 'admin' ? [...ITEMS, { to: '/agent/facturation/regies', label: 'Régies et tarifs' }] : ITEMS;
  return (
    <nav className="billing-nav" aria-label="Facturation">
      <ul>
        {items.map((i) => {
          const current = pathname === i.to || ('prefix' in i && i.prefix ? pathname.startsWith(i.prefix) : false);
          return (
            <li key={i.to}>
              <Link to={i.to} aria-current={current ? 'page' : undefined}>
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
