/** Outlets (issue 19): forwarding this outlet's facts to the central PostgreSQL. */
import { z } from 'zod';
import { def, empty } from './contract-kit';
import type { CentralStatus } from './types-outlets';

export const outletCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,8}$/, 'Kode outlet 2–8 huruf besar/angka, misalnya KDI atau WKT');

export const outletsContract = {
  'central.status': def<CentralStatus>()(empty),
  'central.configure': def<CentralStatus>()(
    z.strictObject({
      outletCode,
      host: z.string().trim().min(1, 'Wajib diisi').max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'Alamat server: nama host atau IP'),
      port: z.number({ error: 'Harus berupa angka' }).int().min(1).max(65535),
      database: z.string().trim().min(1, 'Wajib diisi').max(63),
      user: z.string().trim().min(1, 'Wajib diisi').max(63),
      /** Omit to keep the saved password. */
      password: z.string().min(1, 'Wajib diisi').max(200).optional(),
      tls: z.enum(['prefer', 'require', 'disable']),
      pruneDays: z.number().int().min(1, 'Minimal 1 hari').max(3650).optional(),
    }),
  ),
  'central.pause': def<CentralStatus>()(z.strictObject({ paused: z.boolean() })),
  'central.retry': def<CentralStatus>()(empty),
  'central.dismissNotice': def<CentralStatus>()(empty),
} as const;
