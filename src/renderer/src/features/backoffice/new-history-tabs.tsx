import { useState, type ReactNode } from 'react';

/**
 * A screen with a "new" tab and a "history" tab (intake, returns); starts on "new". The "new" tab
 * stays mounted, hidden, while the history is looked at: an intake or a return half written is still
 * there when the manager comes back.
 */
export function NewHistoryTabs({ newLabel, historyLabel, newTab, historyTab }: { newLabel: string; historyLabel: string; newTab: ReactNode; historyTab: ReactNode }) {
  const [tab, setTab] = useState<'new' | 'history'>('new');
  return (
    <div className="bo-stack">
      <div className="bo-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'new'} className={tab === 'new' ? 'active' : ''} onClick={() => setTab('new')}>
          {newLabel}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'active' : ''} onClick={() => setTab('history')}>
          {historyLabel}
        </button>
      </div>
      <div hidden={tab !== 'new'} className="bo-stack">
        {newTab}
      </div>
      {tab === 'history' && historyTab}
    </div>
  );
}
