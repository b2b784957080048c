import { useState } from 'react';
import { ApiError, call } from '../../api';
import type { SettlementCreateResult, SettlementMethod, SettlementPreview, SupplierBalance } from '../../../../shared/types-settlement';
import { usePrintJob } from '../till/use-printer-status';
import { hasBankAccount } from './logic';
import { sendKeyed, useRequestKey } from '../../lib/request-key';

/**
 * The steps of paying one supplier: cutoff → preview (the slip) → method → confirm → paid and
 * printed. The preview answers the cutoff the user asked for; paying sends the previewed amount and
 * last entry, so the server refuses (CONFLICT) if anything changed since.
 */
export function useSettleFlow(supplier: SupplierBalance, today: string, onPaid: () => void) {
  const [cutoff, setCutoffState] = useState(today);
  const [preview, setPreview] = useState<SettlementPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [method, setMethod] = useState<SettlementMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const requestKeys = useRequestKey();
  const [confirming, setConfirming] = useState(false);
  const [paying, setPaying] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState<SettlementCreateResult | null>(null);
  const [job, setJob] = usePrintJob(done?.printJob);

  const setCutoff = (iso: string) => {
    setCutoffState(iso);
    setPreview(null);
  };

  const load = async () => {
    setLoading(true);
    setError(null);
    setConflict(false);
    try {
      setPreview(await call('settlements.preview', { supplierId: supplier.supplierId, cutoff }));
    } catch (err) {
      setPreview(null);
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const pay = async () => {
    if (!preview) return;
    setConfirming(false);
    setPaying(true);
    setError(null);
    try {
      const request = {
        supplierId: supplier.supplierId,
        cutoff: preview.cutoff,
        method,
        ...(method === 'transfer' && reference.trim() ? { reference: reference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        expectedAmount: preview.amount,
        ...(preview.throughEntryId !== null ? { throughEntryId: preview.throughEntryId } : {}),
      };
      // The same payout retried (lost answer, second click) keeps its key: the supplier is paid once.
      const result = await sendKeyed(requestKeys, request, (input) => call('settlements.create', input));
      setDone(result);
      onPaid();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setConflict(true);
      setError(err);
    } finally {
      setPaying(false);
    }
  };

  const reprint = async () => {
    if (!done) return;
    setError(null);
    try {
      setJob(await call('settlements.reprint', { id: done.id }));
    } catch (err) {
      setError(err);
    }
  };

  const bankMissing = preview !== null && !hasBankAccount(preview.supplier);
  const canPay = preview !== null && preview.payable && !(method === 'transfer' && bankMissing) && !paying && !conflict;

  return {
    cutoff,
    setCutoff,
    preview,
    loading,
    error,
    method,
    setMethod,
    reference,
    setReference,
    note,
    setNote,
    confirming,
    setConfirming,
    paying,
    conflict,
    done,
    job,
    bankMissing,
    canPay,
    load,
    pay,
    reprint,
  };
}

export type SettleFlow = ReturnType<typeof useSettleFlow>;
