import { useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { PrintJobView } from '../../../../../shared/types';
import type { ReturnResult } from '../../../../../shared/types-backoffice';
import { ErrorNotice } from '../../../components/error-notice';
import { REASON_KEY, usePrintJob } from '../ui';
import { DoneCard } from '../done-card';

/** A return saved: its number, what went back, the slip's print status and reprint. */
export function ReturnDone({ result, onAnother }: { result: ReturnResult; onAnother(): void }) {
  const t = useT();
  const [job, setJob] = useState<PrintJobView | null>(result.printJob ?? null);
  const live = usePrintJob(job);
  const [error, setError] = useState<unknown>(null);
  return (
    <DoneCard
      testId="return-done"
      title={t('bo.returns.saved')}
      numberLabel={t('bo.returns.number')}
      number={result.number}
      numberTestId="return-number"
      summary={
        <>
          {result.supplierName} · {t(REASON_KEY[result.reason])} · {formatNumber(result.totalQty)} {t('bo.units')} · {formatRupiah(result.totalValue)}
        </>
      }
      slipLabel={t('bo.returns.slip')}
      slipJob={live}
    >
      <ErrorNotice error={error} />
      <div className="btn-row">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() =>
            void call('returns.reprint', { id: result.id })
              .then(setJob)
              .catch(setError)
          }
        >
          {t('bo.reprint')}
        </button>
        <button type="button" className="btn btn-primary btn-lg" onClick={onAnother}>
          {t('bo.returns.another')}
        </button>
      </div>
    </DoneCard>
  );
}
