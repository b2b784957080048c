import { useState } from 'react';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/errors';
import { AlertIcon } from '../../components/icons';
import { DEVICE_LABEL } from './top-bar';
import type { usePrinterStatus } from './use-printer-status';

/** Above the till: a receipt that failed to print (with retry), or a printer that needs attention. */
export function PrintBanner({ printer, focusScan }: { printer: ReturnType<typeof usePrinterStatus>; focusScan(): void }) {
  const t = useT();
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<unknown>(null);
  const failed = printer.failedReceipt;

  const retryPrint = async () => {
    if (!printer.failedReceipt) return;
    setRetrying(true);
    setRetryError(null);
    try {
      await printer.retry(printer.failedReceipt.id);
    } catch (err) {
      setRetryError(err);
    } finally {
      setRetrying(false);
      focusScan();
    }
  };

  if (failed)
    return (
      <div className="print-banner" role="alert" data-testid="print-banner">
        <AlertIcon size={20} />
        <span>
          <strong>{t('printer.failedBanner')}</strong>
          {failed.lastError && <span className="print-banner-detail"> — {failed.lastError}</span>}
        </span>
        {retryError ? <span className="print-banner-detail">{describeError(t, retryError).detail}</span> : null}
        <button type="button" className="btn btn-sm btn-light" onClick={() => void retryPrint()} disabled={retrying} data-testid="retry-print">
          {t('printer.retry')}
        </button>
      </div>
    );
  if (printer.blocked)
    return (
      <div className="print-banner print-banner-warn" role="status" data-testid="printer-warning">
        <AlertIcon size={20} />
        <span>
          <strong>{t('printer.needsAttention')}</strong>
          <span className="print-banner-detail"> — {DEVICE_LABEL[printer.blocked.state] ? t(DEVICE_LABEL[printer.blocked.state]!) : printer.blocked.message}</span>
        </span>
        <button type="button" className="btn btn-sm btn-light" onClick={() => void printer.refreshAll()}>
          {t('printer.checkAgain')}
        </button>
      </div>
    );
  return null;
}
