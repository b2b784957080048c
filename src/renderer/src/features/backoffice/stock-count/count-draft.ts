import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { StockCountStatus } from '../../../../../shared/types-backoffice';
import { readLocal, writeLocal } from '../../../lib/storage';

const draftKey = (id: number) => `kasir.countDraft.${id}`;

function readDraft(id: number): Record<number, string> {
  try {
    const raw = readLocal(draftKey(id));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return parsed && typeof parsed === 'object' ? (parsed as Record<number, string>) : {};
  } catch {
    return {};
  }
}

/**
 * The counts typed on a count's sheet and not yet saved, per lot: kept on this computer per count,
 * so leaving the screen, logging out or a crash loses none. A count posted or cancelled (here or on
 * another computer) keeps no draft.
 */
export function useCountDraft(id: number, status: StockCountStatus | undefined): [Record<number, string>, Dispatch<SetStateAction<Record<number, string>>>] {
  const [typed, setTyped] = useState<Record<number, string>>(() => readDraft(id));
  useEffect(() => writeLocal(draftKey(id), Object.keys(typed).length > 0 ? JSON.stringify(typed) : null), [id, typed]);
  useEffect(() => {
    if (status !== undefined && status !== 'open') setTyped({});
  }, [status]);
  return [typed, setTyped];
}
