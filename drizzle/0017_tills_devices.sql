-- Paired tills (issue 17): a device (a browser or a desktop app of another PC) asks to be paired and
-- shows a short code; a manager approves it on the host with a till code. The device's credential is
-- kept only as a sha-256 (checked on every request). One paired device per till code.
CREATE TABLE devices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  credential_hash TEXT NOT NULL UNIQUE,
  pairing_code TEXT,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paired', 'revoked')),
  till_code TEXT,
  created_at INTEGER NOT NULL,
  paired_at INTEGER,
  paired_by INTEGER REFERENCES users(id),
  revoked_at INTEGER,
  revoked_by INTEGER REFERENCES users(id),
  last_seen_at INTEGER,
  last_address TEXT,
  last_user_id INTEGER REFERENCES users(id),
  CHECK (status <> 'paired' OR till_code IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX devices_one_per_till ON devices (till_code) WHERE status = 'paired';
--> statement-breakpoint
CREATE UNIQUE INDEX devices_pending_code ON devices (pairing_code) WHERE status = 'pending';
