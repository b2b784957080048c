/** The last sales rung up on this till (this browser), for the refund screen's "recent sales". */
import { readLocal, writeLocal } from '../../lib/storage';

export interface RecentSale {
  id: number;
  number: string;
  total: number;
  createdAt: number;
}

const key = (tillCode: string) => `kasir.recentSales.${tillCode}`;
const MAX = 15;

export function readRecentSales(tillCode: string): RecentSale[] {
  try {
    const raw = readLocal(key(tillCode));
    const list = raw ? (JSON.parse(raw) as RecentSale[]) : [];
    return Array.isArray(list) ? list.filter((s) => typeof s?.id === 'number' && typeof s.number === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberSale(tillCode: string, sale: RecentSale): void {
  const list = [sale, ...readRecentSales(tillCode).filter((s) => s.id !== sale.id)].slice(0, MAX);
  writeLocal(key(tillCode), JSON.stringify(list));
}
