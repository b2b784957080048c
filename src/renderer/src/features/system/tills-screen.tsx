import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import type { DeviceView } from '../../../../shared/types-tills';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { useData } from '../../lib/use-data';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { formatDateTime } from '../../lib/format';
import { normalizeRupiahText } from '../../lib/rupiah-input';
import { amountTooLargeText } from '../../components/rupiah-input';
import { HostModePanel } from './host-mode-panel';
import { DesktopRolePanel } from './desktop-role-panel';
import { LanScreen } from './lan-screen';

type Orphan = { id: number; tillCode: string; openedAt: number };

/**
 * Sistem → Jaringan kasir (issue 17): approve the code a new device shows,
 * the list of tills (device, user, last seen, open shift), revoke, move a till
 * code (admin), and close shifts open under a till code no paired device nor the
 * host holds (`orphanShifts`): typed at a login where there is no pairing (the
 * browser server on this PC, or before paired tills), or of a removed device.
 * Such a shift may be in use right now, so the screen does not call it old.
 */
export function TillsScreen() {
  const t = useT();
  const { lang } = useLang();
  const { isAdmin, shop } = useSession();
  const [code, setCode] = useState('');
  const [tillCode, setTillCode] = useState('K2');
  const [moveTill, setMoveTill] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [counted, setCounted] = useState<Record<number, string>>({});
  const [revoke, setRevoke] = useState<DeviceView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tills = useData(async () => ({ devices: await call('devices.list', {}), orphans: await call('shifts.orphans', {}) }), []);
  const devices: DeviceView[] | null = tills.data?.devices ?? null;
  const orphans: Orphan[] = tills.data?.orphans ?? [];

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      await tills.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const approve = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const d = await call('devices.approve', { code, tillCode: tillCode.trim().toUpperCase() });
      setCode('');
      return t('tills.approved', { name: d.name, till: d.tillCode ?? '' });
    });
  };

  const move = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const d = await call('devices.moveTill', { tillCode: moveTill.trim().toUpperCase(), toDeviceId: Number(moveTo) });
      return t('tills.moved', { name: d.name, till: d.tillCode ?? '' });
    });
  };

  /** The cash counted for a shift: null while empty, and for digits above the largest amount (never Rp 0). */
  const countedCash = (o: Orphan) => normalizeRupiahText(counted[o.id] ?? '').value;
  const closeOrphan = (o: Orphan, countedCash: Rupiah) =>
    void run(async () => {
      const closed = await call('shifts.closeOrphan', { shiftId: o.id, countedCash });
      return t('tills.closed', { till: o.tillCode, variance: formatRupiah(closed.variance ?? 0) });
    });

  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, shop.timeZone, lang));
  const live = (devices ?? []).filter((d) => d.status !== 'revoked');
  /** The removed device that last held a shift's till code, if one did (else the code was typed at a login). */
  const revokedHolder = (o: Orphan) => (devices ?? []).find((d) => d.status === 'revoked' && d.tillCode === o.tillCode) ?? null;

  return (
    <div className="bo-split">
      <div className="card bo-form bo-form-wide">
        <h2>{t('tills.title')}</h2>
        <p className="muted">{t('tills.intro', { till: shop.defaultTillCode })}</p>
        <form onSubmit={approve} noValidate>
          <h3>{t('tills.approveTitle')}</h3>
          <Field label={t('tills.code')}>
            <input className="input mono" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" data-testid="pairing-approve-code" />
          </Field>
          <Field label={t('tills.tillCode')}>
            <input className="input mono" value={tillCode} onChange={(e) => setTillCode(e.target.value)} autoComplete="off" data-testid="pairing-approve-till" />
          </Field>
          <div className="btn-row">
            <button type="submit" className="btn btn-primary" disabled={busy || !code.trim()}>
              {t('tills.approve')}
            </button>
          </div>
        </form>
        {notice && (
          <div className="notice notice-success" role="status">
            {notice}
          </div>
        )}
        <ErrorNotice error={error ?? tills.error} />
        {devices && devices.length === 0 && <p className="muted">{t('tills.none')}</p>}
        {devices && devices.length > 0 && (
          <table className="table" data-testid="tills-list">
            <thead>
              <tr>
                <th>{t('tills.tillCode')}</th>
                <th>{t('tills.device')}</th>
                <th>{t('tills.status')}</th>
                <th>{t('tills.user')}</th>
                <th>{t('tills.lastSeen')}</th>
                <th>{t('tills.shift')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => (
                <tr key={d.id}>
                  <td className="mono">{d.tillCode ?? '—'}</td>
                  <td>
                    {d.name} <span className="muted mono">{d.lastAddress ?? ''}</span>
                  </td>
                  <td>{t(`tills.status.${d.status}`, { code: d.pairingCode ?? '' })}</td>
                  <td>{d.lastUserName ?? '—'}</td>
                  <td>{when(d.lastSeenAt)}</td>
                  <td>{d.openShift ? t('tills.shiftOpen', { time: when(d.openShift.openedAt) }) : t('tills.noShift')}</td>
                  <td>
                    {d.status !== 'revoked' && (
                      <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => setRevoke(d)}>
                        {t('tills.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {isAdmin && live.length > 0 && (
          <form onSubmit={move} noValidate>
            <h3>{t('tills.moveTitle')}</h3>
            <Field label={t('tills.tillCode')}>
              <input className="input mono" value={moveTill} onChange={(e) => setMoveTill(e.target.value)} autoComplete="off" />
            </Field>
            <Field label={t('tills.moveTo')}>
              <select className="input" value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
                <option value="" />
                {live.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} {d.tillCode ? `(${d.tillCode})` : d.pairingCode ? `(${d.pairingCode})` : ''}
                  </option>
                ))}
              </select>
            </Field>
            <div className="btn-row">
              <button type="submit" className="btn btn-primary" disabled={busy || !moveTill.trim() || !moveTo}>
                {t('tills.move')}
              </button>
            </div>
          </form>
        )}
        {orphans.length > 0 && (
          <>
            <h3>{t('tills.orphansTitle')}</h3>
            <p className="muted">{t('tills.orphansIntro')}</p>
            {orphans.map((o) => (
              <div key={o.id} className="btn-row">
                <span className="mono">{o.tillCode}</span> <span>{t('tills.shiftOpen', { time: when(o.openedAt) })}</span>
                {revokedHolder(o) && <span className="muted">{t('tills.orphanRevoked', { name: revokedHolder(o)!.name })}</span>}
                <Field
                  label={t('tills.counted')}
                  error={counted[o.id] && countedCash(o) === null ? amountTooLargeText(t) : undefined}
                >
                  <input
                    className="input mono"
                    inputMode="numeric"
                    value={counted[o.id] ?? ''}
                    onChange={(e) => setCounted({ ...counted, [o.id]: normalizeRupiahText(e.target.value).text })}
                  />
                </Field>
                <button type="button" className="btn btn-primary" disabled={busy || countedCash(o) === null}
                  onClick={() => {
                    const cash = countedCash(o);
                    if (cash !== null) closeOrphan(o, cash);
                  }}
                >
                  {t('tills.closeShift')}
                </button>
              </div>
            ))}
          </>
        )}
      </div>
      {isAdmin && <HostModePanel />}
      {isAdmin && <LanScreen />}
      {isAdmin && <DesktopRolePanel />}
      {revoke && (
        <ConfirmDialog
          title={t('tills.revoke')}
          danger
          confirmLabel={t('tills.revoke')}
          onCancel={() => setRevoke(null)}
          onConfirm={() => {
            const d = revoke;
            setRevoke(null);
            void run(async () => {
              await call('devices.revoke', { id: d.id });
              return t('tills.status.revoked');
            });
          }}
        >
          {t('tills.revokeConfirm', { name: revoke.name })}
        </ConfirmDialog>
      )}
    </div>
  );
}
