import { AuditScreen } from '../audit/audit-screen';
import { SettingsScreen } from '../till/settings-screen';
import { RefundScreen } from './refund-screen';

/** The till-area screens outside the till itself: refunds, the audit log, shop settings. */
export function TillExtraScreen({ route }: { route: 'refund' | 'audit' | 'shopSettings' }) {
  if (route === 'audit') return <AuditScreen />;
  if (route === 'shopSettings') return <SettingsScreen />;
  return <RefundScreen />;
}
