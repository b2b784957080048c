import type { tillsContract } from '../../../shared/contract-tills';
import { fail } from '../../../shared/errors';
import { approveDevice, endTillSessions, getDevice, isShiftOpen, listDevices, moveTill, orphanShifts, pairingStatus, requestPairing, revokeDevice } from '../../core/devices';
import { closeShift } from '../../core/shifts';
import { shiftReport } from '../../core/reports-shift';
import type { AreaProcedures, Call } from '../kit';
import type { HostModeStatus } from '../../../shared/types-tills';
import { hostInfo } from '../../../shared/version';

/** Browser mode has no switch: `serve --host` decides where it listens. */
const NO_HOST_MODE: HostModeStatus = { available: false, enabled: false, port: 0, listening: false, urls: [], error: null };

/** The till of the paired device calling a `device` procedure (dispatch checked it is paired). */
const deviceTill = (call: Call): string => call.device!.tillCode!;

/** Handlers of pairing and the tills list (see src/shared/contract-tills.ts). */
export const tillsProcedures: AreaProcedures<typeof tillsContract> = {
  'host.info': { role: 'public', handler: () => hostInfo() },
  'pairing.request': { role: 'public', handler: ({ ctx, address }, input) => requestPairing(ctx, input, address ?? null) },
  'pairing.status': { role: 'public', handler: ({ device }) => pairingStatus(device ?? null) },
  'devices.list': { role: 'manager', handler: ({ ctx }) => listDevices(ctx) },
  'devices.approve': { role: 'manager', handler: ({ ctx, actor }, input) => approveDevice(ctx, actor, input) },
  'devices.revoke': {
    role: 'manager',
    handler: ({ ctx, actor }, input) => {
      const before = getDevice(ctx, input.id);
      const view = revokeDevice(ctx, actor, input);
      // Its sessions end now; its next call shows the pairing screen.
      if (before.status === 'paired' && before.tillCode) endTillSessions(ctx, before.tillCode);
      return view;
    },
  },
  'devices.moveTill': {
    role: 'admin',
    handler: ({ ctx, actor }, input) => {
      const view = moveTill(ctx, actor, input);
      endTillSessions(ctx, input.tillCode);
      return view;
    },
  },
  'hostMode.status': { role: 'admin', handler: ({ hostMode }) => hostMode?.status() ?? NO_HOST_MODE },
  'hostMode.configure': {
    role: 'admin',
    handler: ({ hostMode, actor }, input) => {
      if (!hostMode) return fail('CONFLICT', 'Mode browser: jalankan "npm run serve -- --host 0.0.0.0" untuk melayani kasir lain.');
      return hostMode.configure(actor, input);
    },
  },
  'tillPrint.claim': { role: 'device', handler: (call, input) => call.print.agents.claim(deviceTill(call), input.agentId, input.max) },
  'tillPrint.report': { role: 'device', handler: (call, { agentId, ...result }) => call.print.agents.report(deviceTill(call), agentId, result) },
  'tillPrint.status': { role: 'device', handler: (call, input) => call.print.agents.status(deviceTill(call), input.agentId, input.status) },
  'shifts.orphans': { role: 'manager', handler: ({ ctx }) => orphanShifts(ctx) },
  'shifts.closeOrphan': {
    role: 'manager',
    handler: ({ ctx, actor }, input) => {
      const orphan = orphanShifts(ctx).find((s) => s.id === input.shiftId);
      if (!orphan) {
        const open = isShiftOpen(ctx, input.shiftId);
        return fail(open ? 'CONFLICT' : 'NOT_FOUND', open ? 'Shift ini milik kasir yang dipasangkan; tutup dari kasir itu.' : `Shift #${input.shiftId} tidak terbuka.`, {
          field: 'shiftId',
        });
      }
      // Closed by the manager in the back office, on the till code it was opened under.
      const shift = closeShift(ctx, { ...actor, tillCode: orphan.tillCode }, { countedCash: input.countedCash });
      return { ...shift, report: shiftReport(ctx, shift.id) };
    },
  },
};
