import { AuditScreen } from '../audit/audit-screen';
import { RefundScreen } from './refund-screen';

/** The till-area screens outside the till itself: refunds and the audit log (shop settings live in the back office). */
export function TillExtraScreen({ route }: { route: 'refund' | 'audit' }) {
  if (route === 'audit') return <AuditScreen />;
  return <RefundScreen />;
}
