-- Idempotency keys of one till (issue 17): a key means one request. The first answer is kept with a
-- hash of the request; the same key with the same request gets that answer again, with another
-- request CONFLICT. Keys are scoped to the till: another till's key is another key.
CREATE TABLE request_keys (
  till_code TEXT NOT NULL,
  key TEXT NOT NULL,
  procedure TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  result TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (till_code, key)
);
