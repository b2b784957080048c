import { useT, type MessageKey } from '../../i18n';
import './backoffice.css';
import { useSession } from '../../app/session';
import { ROUTES, type Route } from '../../app/routes';
import { AppBar } from '../../components/app-bar';
import { SuppliersScreen } from './suppliers-screen';
import { ProductsScreen } from './products-screen';
import { IntakeScreen } from './intake-screen';
import { ExpiryScreen } from './expiry/expiry-screen';
import { ReturnsScreen } from './returns/returns-screen';
import { StockCountScreen } from './stock-count/stock-count-screen';
import { PrinterScreen } from './printer-screen';
import { BackupScreen } from '../system/backup-screen';
import { CentralScreen } from '../system/central-screen';
import { CorrectionsScreen } from '../system/corrections-screen';
import { LanScreen } from '../system/lan-screen';
import { TillsScreen } from '../system/tills-screen';
import { UsersScreen } from './users-screen';
import { SettingsScreen } from '../till/settings-screen';
import { BalancesScreen, BulkSettlementScreen, HistoryScreen } from '../settlements';
import { isReportRoute, ReportScreen } from '../reports';

type BackOfficeRoute = Exclude<Route, 'till' | 'shiftClose' | 'refund' | 'audit'>;

type NavItem = { route: BackOfficeRoute; label: MessageKey; admin?: boolean };

/** The back-office menu, in the shop's groups of work. */
const NAV_GROUPS: { label: MessageKey; items: NavItem[] }[] = [
  { label: 'nav.group.overview', items: [{ route: 'dashboard', label: 'rep.nav.dashboard' }] },
  {
    label: 'nav.group.stock',
    items: [
      { route: 'products', label: 'nav.products' },
      { route: 'suppliers', label: 'nav.suppliers' },
      { route: 'intake', label: 'nav.intake' },
      { route: 'expiry', label: 'bo.nav.expiry' },
      { route: 'returns', label: 'bo.nav.returns' },
      { route: 'stockCount', label: 'bo.nav.stockCount' },
    ],
  },
  {
    label: 'nav.group.settlement',
    items: [
      { route: 'balances', label: 'settle.nav.balances' },
      { route: 'settlements', label: 'settle.nav.history' },
      { route: 'bulkSettlement', label: 'settle.nav.bulk' },
    ],
  },
  {
    label: 'nav.group.reports',
    items: [
      { route: 'salesReport', label: 'rep.nav.sales' },
      { route: 'stockReport', label: 'rep.nav.stock' },
      { route: 'consignmentReport', label: 'rep.nav.consignment' },
      { route: 'officeReport', label: 'rep.nav.office' },
    ],
  },
  {
    label: 'nav.group.system',
    items: [
      { route: 'shopSettings', label: 'nav.shopSettings', admin: true },
      { route: 'printer', label: 'nav.printer' },
      { route: 'backup', label: 'nav.backup' },
      { route: 'central', label: 'nav.central' },
      { route: 'corrections', label: 'nav.corrections' },
      // Jaringan kasir: paired tills and host mode; for the admin also the LAN names (#/lan).
      { route: 'tills', label: 'nav.tills' },
      { route: 'users', label: 'nav.users', admin: true },
    ],
  },
];

const NAV: NavItem[] = NAV_GROUPS.flatMap((g) => g.items);

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
          {NAV_GROUPS.map((group) => (
            <div key={group.label} className="bo-nav-group" role="group" aria-label={t(group.label)}>
              <div className="bo-nav-heading">{t(group.label)}</div>
              {group.items
                .filter((n) => !n.admin || isAdmin)
                .map((n) => (
                  <a key={n.route} href={ROUTES[n.route]} className={n.route === route ? 'active' : ''} aria-current={n.route === route ? 'page' : undefined}>
                    {t(n.label)}
                  </a>
                ))}
            </div>
          ))}
        </nav>
        <main className="bo-main">
          <h1 className="bo-title">{t(current.label)}</h1>
          {route === 'suppliers' && <SuppliersScreen />}
          {route === 'products' && <ProductsScreen />}
          {route === 'intake' && <IntakeScreen />}
          {route === 'expiry' && <ExpiryScreen />}
          {route === 'returns' && <ReturnsScreen />}
          {route === 'stockCount' && <StockCountScreen />}
          {route === 'printer' && <PrinterScreen />}
          {route === 'backup' && <BackupScreen />}
          {route === 'central' && <CentralScreen />}
          {route === 'corrections' && <CorrectionsScreen />}
          {route === 'lan' && <LanScreen />}
          {route === 'tills' && <TillsScreen />}
          {route === 'users' && <UsersScreen />}
          {route === 'shopSettings' && <SettingsScreen />}
          {route === 'balances' && <BalancesScreen />}
          {route === 'settlements' && <HistoryScreen />}
          {route === 'bulkSettlement' && <BulkSettlementScreen />}
          {isReportRoute(route) && <ReportScreen route={route} />}
        </main>
      </div>
    </div>
  );
}
