import { useT, type MessageKey } from '../../i18n';
import './backoffice.css';
import { useSession } from '../../app/session';
import { ROUTES, type Route } from '../../app/routes';
import { AppBar } from '../../components/app-bar';
import { SuppliersScreen } from './suppliers-screen';
import { ProductsScreen } from './products-screen';
import { IntakeScreen } from './intake-screen';
import { PrinterScreen } from './printer-screen';
import { UsersScreen } from './users-screen';
import { BalancesScreen, BulkSettlementScreen, HistoryScreen } from '../settlements';

type BackOfficeRoute = Exclude<Route, 'till' | 'shiftClose'>;

const NAV: { route: BackOfficeRoute; label: MessageKey; admin?: boolean }[] = [
  { route: 'products', label: 'nav.products' },
  { route: 'suppliers', label: 'nav.suppliers' },
  { route: 'intake', label: 'nav.intake' },
  { route: 'balances', label: 'settle.nav.balances' },
  { route: 'settlements', label: 'settle.nav.history' },
  { route: 'bulkSettlement', label: 'settle.nav.bulk' },
  { route: 'printer', label: 'nav.printer' },
  { route: 'users', label: 'nav.users', admin: true },
];

/** Back office for managers and admins: enough to get goods in to sell. */
export function BackOffice({ route }: { route: BackOfficeRoute }) {
  const t = useT();
  const { isAdmin } = useSession();
  const current = NAV.find((n) => n.route === route) ?? NAV[0];
  return (
    <div className="page">
      <AppBar title={t('nav.backOffice')}>
        <a className="btn btn-primary btn-sm" href={ROUTES.till}>
          ← {t('nav.backToTill')}
        </a>
      </AppBar>
      <div className="bo">
        <nav className="bo-nav" aria-label={t('nav.backOffice')}>
          {NAV.filter((n) => !n.admin || isAdmin).map((n) => (
            <a key={n.route} href={ROUTES[n.route]} className={n.route === route ? 'active' : ''} aria-current={n.route === route ? 'page' : undefined}>
              {t(n.label)}
            </a>
          ))}
        </nav>
        <main className="bo-main">
          <h1 className="bo-title">{t(current.label)}</h1>
          {route === 'suppliers' && <SuppliersScreen />}
          {route === 'products' && <ProductsScreen />}
          {route === 'intake' && <IntakeScreen />}
          {route === 'printer' && <PrinterScreen />}
          {route === 'users' && <UsersScreen />}
          {route === 'balances' && <BalancesScreen />}
          {route === 'settlements' && <HistoryScreen />}
          {route === 'bulkSettlement' && <BulkSettlementScreen />}
        </main>
      </div>
    </div>
  );
}
