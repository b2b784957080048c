import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import type { PrintJobView } from '../../../../shared/types';
import type { PrinterStateView } from '../../../../shared/types-system';

const POLL_MS = 5000;
/** Asking the printer itself costs a connection: less often. */
const STATE_POLL_MS = 15_000;
/** A printer at the till's own PC: the host answers from its agent's last report, so often (issue 18). */
const AT_TILL_POLL_MS = 1500;

export const BLOCKING_STATES = ['offline', 'paperOut', 'coverOpen'] as const;

/**
 * The latest print jobs of this till, polled; the newest decides the indicator.
 * A poll rather than `useData`: nothing on the till screen changes when a job prints, runs out of
 * paper or is retried in the background, so the status is asked again on a timer (two timers: the
 * jobs are cheap, asking the printer is not), and a failed poll keeps the last answer.
 */
export function usePrinterStatus() {
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [printer, setPrinter] = useState<PrinterStateView | null>(null);
  const alive = useRef(true);
  const atTill = useRef(false);

  const refreshState = useCallback(async () => {
    try {
      const s = await call('printers.status', {});
      atTill.current = s.atTill === true;
      if (alive.current) setPrinter(s);
    } catch {
      /* an older server without printers.status: the jobs still tell */
    }
  }, []);

  const refresh = useCallback(async () => {
    try {
      const list = await call('printing.jobs', { limit: 5 });
      if (alive.current) {
        setJobs(list);
        setError(null);
      }
    } catch (err) {
      if (alive.current) setError(err);
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    void refresh();
    void refreshState();
    const id = setInterval(() => void refresh(), POLL_MS);
    const stateId = setInterval(() => void refreshState(), STATE_POLL_MS);
    const atTillId = setInterval(() => atTill.current && void refreshState(), AT_TILL_POLL_MS);
    return () => {
      alive.current = false;
      clearInterval(id);
      clearInterval(stateId);
      clearInterval(atTillId);
    };
  }, [refresh, refreshState]);

  const retry = useCallback(
    async (id: number) => {
      const job = await call('printing.retry', { id });
      await refresh();
      setTimeout(() => void refresh(), 1500);
      return job;
    },
    [refresh],
  );

  const refreshAll = useCallback(async () => {
    await Promise.all([refresh(), refreshState()]);
  }, [refresh, refreshState]);

  const latest = jobs[0] ?? null;
  const failedReceipt = latest && latest.kind === 'receipt' && latest.status === 'failed' ? latest : null;
  const blocked = printer && (BLOCKING_STATES as readonly string[]).includes(printer.state) ? printer : null;
  return { jobs, latest, failedReceipt, printer, blocked, error, refresh, refreshAll, retry };
}

/** Follow one job until it is no longer pending (or give up after ~20 s): a poll with an end, not a load. */
export function usePrintJob(initial: PrintJobView | null | undefined) {
  const [job, setJob] = useState<PrintJobView | null>(initial ?? null);
  useEffect(() => setJob(initial ?? null), [initial]);
  const id = job?.id;
  const pending = job?.status === 'pending';
  useEffect(() => {
    if (!id || !pending) return;
    let tries = 0;
    let stopped = false;
    const tick = async () => {
      tries++;
      try {
        const list = await call('printing.jobs', { limit: 20 });
        const found = list.find((j) => j.id === id);
        if (!stopped && found && found.status !== 'pending') {
          setJob(found);
          return;
        }
      } catch {
        /* keep trying */
      }
      if (!stopped && tries < 40) timer = setTimeout(() => void tick(), 500);
    };
    let timer = setTimeout(() => void tick(), 300);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, pending]);
  return [job, setJob] as const;
}
