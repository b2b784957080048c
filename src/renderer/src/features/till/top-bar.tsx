import { useEffect, useState } from 'react';
import { useLang, useT, type MessageKey } from '../../i18n';
import type { PrintJobView, ShiftView } from '../../../../shared/types';
import type { PrinterStateView } from '../../../../shared/types-system';
import { useSession } from '../../app/session';
import { LanguageSwitch } from '../../components/language-switch';
import { UserChip } from '../../components/user-chip';
import { PrinterIcon } from '../../components/icons';
import { formatShortDate, formatTime, zoneAbbreviation } from '../../lib/format';

interface TopBarProps {
  shift: ShiftView | null;
  latestJob: PrintJobView | null;
  printerState: PrinterStateView | null;
  onPrinterClick(): void;
  onCloseShift(): void;
  onLogout(): void;
}

function Clock({ timeZone }: { timeZone: string }) {
  const { lang } = useLang();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <div className="clock" aria-label="clock">
      <span className="clock-time">
        {formatTime(now, timeZone)} <small>{zoneAbbreviation(timeZone)}</small>
      </span>
      <span className="clock-date">{formatShortDate(now, timeZone, lang)}</span>
    </div>
  );
}

/** The printer's state in the user's words (the server's message is Indonesian only). */
export const DEVICE_LABEL: Record<string, MessageKey> = {
  offline: 'printer.stateOffline',
  paperOut: 'printer.statePaperOut',
  coverOpen: 'printer.stateCoverOpen',
  paperNearEnd: 'printer.statePaperNearEnd',
};

const PRINTER_LABEL: Record<string, MessageKey> = {
  none: 'printer.statusNone',
  printed: 'printer.statusPrinted',
  pending: 'printer.statusPending',
  failed: 'printer.statusFailed',
  skipped: 'printer.statusSkipped',
};

/** Shop, till, shift, printer, clock, language and who is logged in. */
export function TopBar({ shift, latestJob, printerState, onPrinterClick, onCloseShift, onLogout }: TopBarProps) {
  const t = useT();
  const { session, shop, isManager, isAdmin } = useSession();
  const device = printerState?.state;
  // What the printer itself says wins over the last job, when it is a problem.
  const chip: string =
    device === 'none'
      ? 'skipped'
      : device === 'offline' || device === 'paperOut' || device === 'coverOpen'
        ? 'failed'
        : device === 'paperNearEnd'
          ? 'pending'
          : (latestJob?.status ?? (device === 'ok' ? 'printed' : 'none'));
  const chipLabel: MessageKey =
    device && DEVICE_LABEL[device] && (chip === 'failed' || device === 'paperNearEnd') ? DEVICE_LABEL[device] : (PRINTER_LABEL[chip] ?? 'printer.statusNone');
  // Failed jobs waiting for a retry (an interrupted receipt too) show even when the last job printed.
  const failedJobs = printerState?.failedJobs ?? 0;
  const showFailed = failedJobs > 0 && chip !== 'failed' && chip !== 'skipped';
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark brand-mark-sm" aria-hidden="true">
          P
        </span>
        <span className="brand-text">
          <span className="brand-name">{shop.shopName}</span>
          <span className="brand-sub" data-testid="till-code">
            {t('topbar.till', { code: session.tillCode })}
          </span>
        </span>
      </div>

      <div className={`shift-chip ${shift ? 'open' : 'closed'}`} data-testid="shift-status">
        <span className="dot" aria-hidden="true" />
        {shift ? (
          <span className="shift-chip-text">
            <span>{t('topbar.shiftOpen', { time: formatTime(shift.openedAt, shop.timeZone) })}</span>
            <span className="shift-chip-by" title={shift.openedByName}>
              {t('topbar.shiftBy', { name: shift.openedByName })}
            </span>
          </span>
        ) : (
          <span>{t('topbar.shiftClosed')}</span>
        )}
      </div>

      <div className="topbar-spacer" />

      <button
        type="button"
        className={`printer-chip printer-${showFailed ? 'failed' : chip}`}
        onClick={onPrinterClick}
        title={printerState?.message ?? latestJob?.lastError ?? t(chipLabel)}
        data-testid="printer-status"
        data-status={showFailed ? 'failed' : chip}
      >
        <PrinterIcon size={18} />
        <span>{showFailed ? t('printer.failedJobs', { n: failedJobs }) : t(chipLabel)}</span>
      </button>

      <Clock timeZone={shop.timeZone} />
      <LanguageSwitch />

      {isManager && (
        <a className="btn btn-topbar" href="#/dashboard">
          {t('nav.backOffice')}
        </a>
      )}
      {isManager && (
        <details className="topbar-menu" data-testid="topbar-menu">
          <summary className="btn btn-topbar btn-topbar-quiet" aria-label={t('tx.nav.more')}>
            ⋯
          </summary>
          <div className="topbar-menu-list">
            <a href="#/refund">{t('tx.refund.title')}</a>
            <a href="#/audit" data-testid="nav-audit">
              {t('tx.nav.audit')}
            </a>
            {isAdmin && (
              <a href="#/settings" data-testid="nav-settings">
                {t('tx.nav.settings')}
              </a>
            )}
          </div>
        </details>
      )}
      {shift && (
        <button type="button" className="btn btn-topbar" onClick={onCloseShift} data-testid="nav-shift">
          {t('tx.nav.shift')}
        </button>
      )}
      <UserChip name={session.user.name} role={session.user.role} />
      <button type="button" className="btn btn-topbar btn-topbar-quiet" onClick={onLogout} title={t('nav.logout')}>
        {t('nav.logout')}
      </button>
    </header>
  );
}
