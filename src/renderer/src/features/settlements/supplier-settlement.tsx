import { useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { SupplierBalance } from '../../../../shared/types-settlement';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { todayIn } from '../../lib/format';
import { useData } from '../../lib/use-data';
import { EntriesCard } from './entries-card';
import { SettlementHistory } from './history';
import { LedgerDialog } from './ledger-dialog';
import { tone } from './logic';
import { SettlePanel } from './settle-panel';

export { KIND_LABEL } from './entries-card';

type Tab = 'settle' | 'history';

/** One supplier: unsettled entries, preview of the slip, pay and print; fees, adjustments, history. */
export function SupplierSettlement({ supplier, onBack }: { supplier: SupplierBalance; onBack(): void }) {
  const t = useT();
  const { shop } = useSession();
  const [tab, setTab] = useState<Tab>('settle');
  const [dialog, setDialog] = useState<'fee' | 'adjust' | null>(null);
  const [saved, setSaved] = useState(false);
  /** Bumped after every load of the entries, so the history tab loads again too. */
  const [reloadKey, setReloadKey] = useState(0);
  const [previewReset, setPreviewReset] = useState(0);

  const ledger = useData(async () => {
    try {
      const [entries, balances] = await Promise.all([
        call('ledger.entries', { supplierId: supplier.supplierId, unsettledOnly: true }),
        call('ledger.balances', {}),
      ]);
      return { entries, balance: balances.find((b) => b.supplierId === supplier.supplierId)?.balance };
    } finally {
      setReloadKey((k) => k + 1);
    }
  }, [supplier.supplierId]);
  const reload = () => void ledger.reload();
  const balance = ledger.data?.balance ?? supplier.balance;

  return (
    <div className="st-page">
      <div className="st-supplier-head">
        <button type="button" className="btn btn-ghost btn-sm st-back" onClick={onBack}>
          ← {t('settle.supplier.back')}
        </button>
        <div className="st-supplier-name">
          <span className="mono muted">{supplier.code}</span>
          <h2 data-testid="supplier-name">{supplier.name}</h2>
        </div>
        <div className={`st-supplier-balance st-balance-${tone(balance)}`}>
          <span>{t('settle.supplier.balance')}</span>
          <strong data-testid="supplier-balance">{formatRupiah(balance)}</strong>
        </div>
        <div className="st-supplier-actions">
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog('fee')}>
            − {t('settle.supplier.addFee')}
          </button>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog('adjust')}>
            ± {t('settle.supplier.addAdjust')}
          </button>
        </div>
      </div>

      <div className="st-tabs" role="tablist">
        {(['settle', 'history'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)}>
            {t(k === 'settle' ? 'settle.supplier.tabSettle' : 'settle.supplier.tabHistory')}
          </button>
        ))}
      </div>
      <ErrorNotice error={ledger.error} />
      {saved && (
        <div className="notice notice-success notice-compact" role="status">
          {t('settle.saved')}
        </div>
      )}

      {tab === 'settle' ? (
        <div className="st-grid">
          <EntriesCard entries={ledger.data?.entries ?? null} />
          <SettlePanel
            key={previewReset}
            supplier={supplier}
            today={todayIn(shop.timeZone)}
            onPaid={reload}
            onFinished={() => setPreviewReset((n) => n + 1)}
          />
        </div>
      ) : (
        <SettlementHistory supplierId={supplier.supplierId} reloadKey={reloadKey} />
      )}

      {dialog && (
        <LedgerDialog
          kind={dialog}
          supplierId={supplier.supplierId}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setSaved(true);
            setPreviewReset((n) => n + 1);
            reload();
          }}
        />
      )}
    </div>
  );
}
