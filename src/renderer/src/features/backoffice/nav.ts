/**
 * Moving between back-office screens with something to open there: the
 * supplier page asks the intake screen to start with that supplier, a
 * product row opens the product page. One pending request per kind,
 * taken by the screen that mounts next.
 */
import { useEffect, useState } from 'react';
import { navigate, type Route } from '../../app/routes';

type Kind = 'supplier' | 'product' | 'intakeSupplier' | 'returnSupplier' | 'returnNearExpiryDays';
const pending = new Map<Kind, number>();

export function openOn(route: Route, kind: Kind, id: number): void {
  pending.set(kind, id);
  navigate(route);
}

/** The id asked for (read in a state initializer; clear it in an effect, StrictMode runs initializers twice). */
export const peekPending = (kind: Kind): number | null => pending.get(kind) ?? null;
export const clearPending = (kind: Kind): void => void pending.delete(kind);

/** Leave a request without navigating (paired with `openOn`). */
export const setPending = (kind: Kind, id: number): void => void pending.set(kind, id);

/** Which id a list screen has open; starts with the pending request of `kind`, and takes it. */
export function usePendingOpen(kind: Kind) {
  const state = useState<number | null>(() => peekPending(kind));
  useEffect(() => clearPending(kind), [kind]);
  return state;
}
