import type { outletsContract } from '../../../shared/contract-outlets';
import type { AreaProcedures } from '../kit';

/** Handlers of the outlets area (see src/shared/contract-outlets.ts): the central database forwarder. */
export const outletsProcedures: AreaProcedures<typeof outletsContract> = {
  'central.status': { role: 'manager', handler: ({ central }) => central.status() },
  'central.configure': {
    role: 'admin',
    handler: ({ central, actor }, input) => central.configure(actor.userId, input),
  },
  'central.pause': { role: 'admin', handler: ({ central, actor }, input) => central.setPaused(actor.userId, input.paused) },
  'central.retry': {
    role: 'manager',
    handler: ({ central }) => {
      central.nudge();
      return central.status();
    },
  },
  'central.dismissNotice': { role: 'admin', handler: ({ central }) => central.dismissNotice() },
};
