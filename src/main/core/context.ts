import type { Db } from '../../db';
import type { Clock } from './clock';

import type { Role } from '../../shared/types';

export type { Role };

/** Who is calling, resolved from the bearer token. */
export interface Actor {
  userId: number;
  name: string;
  role: Role;
  tillCode: string;
}

/** What every domain service receives: the database and the time. */
export interface Ctx {
  db: Db;
  clock: Clock;
}

const RANK: Record<Role, number> = { cashier: 1, manager: 2, admin: 3 };

/** Admin can do what a manager can; a manager what a cashier can. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
