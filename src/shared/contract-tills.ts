/** Several tills on one host (issue 17): pairing devices and the back office's list of tills. */
import { z } from 'zod';
import { def, empty, id, rupiah, text, tillCode } from './contract-kit';
import type { ShiftReport } from './types-till';
import type { ShiftView } from './types';
import type { DeviceView, HostModeStatus, PairingRequestResult, PairingStatus, TillPrintClaim, TillPrintStatusAnswer } from './types-tills';
import type { HostInfo } from './version';

/** A till agent's own random id, new at each start: whose claim a job is. */
const agentId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'agentId 8–64 huruf, angka, _ atau -');
const printerStatus = z.strictObject({ online: z.boolean(), coverOpen: z.boolean(), paperNearEnd: z.boolean(), paperOut: z.boolean() });

const pairingCode = z.string().trim().min(4, 'Kode pemasangan 6 huruf/angka').max(12, 'Kode pemasangan 6 huruf/angka');

export const tillsContract = {
  /** Unpaired devices may call only these three. */
  'host.info': def<HostInfo>()(empty),
  'pairing.request': def<PairingRequestResult>()(z.strictObject({ deviceName: text(60) })),
  'pairing.status': def<PairingStatus>()(empty),
  'devices.list': def<DeviceView[]>()(empty),
  'devices.approve': def<DeviceView>()(z.strictObject({ code: pairingCode, tillCode })),
  'devices.revoke': def<DeviceView>()(z.strictObject({ id })),
  'devices.moveTill': def<DeviceView>()(z.strictObject({ tillCode, toDeviceId: id })),
  /** Shifts still open under a till code no device holds (typed before the upgrade). */
  'shifts.orphans': def<{ id: number; tillCode: string; openedAt: number }[]>()(empty),
  'shifts.closeOrphan': def<ShiftView & { report: ShiftReport }>()(z.strictObject({ shiftId: id, countedCash: rupiah })),
  /** The desktop app serving the LAN (admin; off by default). */
  'hostMode.status': def<HostModeStatus>()(empty),
  'hostMode.configure': def<HostModeStatus>()(
    z.strictObject({ enabled: z.boolean(), port: z.number({ error: 'Harus berupa angka' }).int().min(1024, 'Port 1024–65535').max(65535, 'Port 1024–65535') }),
  ),
  /**
   * A till agent on the till's own PC (issue 18; role `device`: the paired device's credential, no login):
   * claim the till's next jobs, report each result, report the printer's status (at least every few seconds).
   */
  'tillPrint.claim': def<TillPrintClaim>()(z.strictObject({ agentId, max: z.number().int().min(1).max(20).optional() })),
  'tillPrint.report': def<{ accepted: boolean }>()(
    z.strictObject({ agentId, id, printed: z.boolean(), message: z.string().max(500, 'Maksimal 500 karakter').nullable().optional() }),
  ),
  'tillPrint.status': def<TillPrintStatusAnswer>()(z.strictObject({ agentId, status: printerStatus.nullable() })),
} as const;
