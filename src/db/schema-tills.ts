/**
 * Several tills on one host (issue 17): idempotency keys scoped to a till
 * and, later in this file, the paired devices.
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One answered keyed request of one till (drizzle/0016_tills_request_keys.sql). */
export const requestKeys = sqliteTable(
  'request_keys',
  {
    tillCode: text('till_code').notNull(),
    key: text('key').notNull(),
    procedure: text('procedure').notNull(),
    /** sha-256 of the procedure name and the request without its key (canonical JSON). */
    requestHash: text('request_hash').notNull(),
    /** The first answer, JSON; empty for a checkout, which answers a repeated key from its sale (src/main/api/idempotency.ts). */
    result: text('result').notNull(),
    userId: integer('user_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tillCode, t.key] })],
);

/** A paired (or pairing, or revoked) till device (drizzle/0017_tills_devices.sql). */
export const devices = sqliteTable('devices', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** sha-256 of the device's credential; the credential itself is never stored. */
  credentialHash: text('credential_hash').notNull().unique(),
  /** The short code shown on the pairing screen while pending. */
  pairingCode: text('pairing_code'),
  name: text('name').notNull(),
  status: text('status', { enum: ['pending', 'paired', 'revoked'] }).notNull(),
  tillCode: text('till_code'),
  createdAt: integer('created_at').notNull(),
  pairedAt: integer('paired_at'),
  pairedBy: integer('paired_by'),
  revokedAt: integer('revoked_at'),
  revokedBy: integer('revoked_by'),
  lastSeenAt: integer('last_seen_at'),
  lastAddress: text('last_address'),
  lastUserId: integer('last_user_id'),
});
