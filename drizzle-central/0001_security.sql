-- Central security (issue 19), hand-written (drizzle-kit generate --custom).
-- PostgreSQL itself decides who may write what:
--  * every outlet logs in as its own role (npm run central -- add-outlet), listed in central.outlets;
--  * row-level security, FORCE'd so the tables' owner is not exempt: an outlet role inserts and reads
--    only rows of its own outlet; nobody has UPDATE or DELETE policies or grants;
--  * central.facts is append-only for everyone (triggers refuse UPDATE, DELETE, TRUNCATE);
--  * a fact of a kind/version not in central.fact_kinds is refused with a clear error.
REVOKE ALL ON SCHEMA central FROM PUBLIC;
--> statement-breakpoint
-- Only granted roles connect (add-outlet grants CONNECT); nobody else gets TEMP tables or schema CREATE here.
DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()); END $$;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON ALL TABLES IN SCHEMA central FROM PUBLIC;
--> statement-breakpoint
-- The outlet of the role running the statement (NULL for any other role).
CREATE FUNCTION central.current_outlet() RETURNS text
  LANGUAGE sql STABLE
  SET search_path = central, pg_temp
  AS $$ SELECT code FROM central.outlets WHERE role_name = current_user $$;
--> statement-breakpoint
ALTER TABLE central.outlets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE central.outlets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- An outlet role sees its own registry row only; the owner (who adds outlets) all of them.
CREATE POLICY outlets_self ON central.outlets FOR SELECT USING (role_name = current_user);
--> statement-breakpoint
CREATE POLICY outlets_owner ON central.outlets FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE central.facts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE central.facts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY facts_outlet_insert ON central.facts FOR INSERT WITH CHECK (outlet_code = (SELECT central.current_outlet()));
--> statement-breakpoint
CREATE POLICY facts_outlet_select ON central.facts FOR SELECT USING (outlet_code = (SELECT central.current_outlet()));
--> statement-breakpoint
-- The owner reads everything (office reports); it inserts nothing and, like everyone, changes nothing.
CREATE POLICY facts_owner_select ON central.facts FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE FUNCTION central.refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'central.% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'A change of state is a new fact.';
END
$$;
--> statement-breakpoint
CREATE TRIGGER facts_append_only BEFORE UPDATE OR DELETE ON central.facts
  FOR EACH ROW EXECUTE FUNCTION central.refuse_change();
--> statement-breakpoint
CREATE TRIGGER facts_no_truncate BEFORE TRUNCATE ON central.facts
  FOR EACH STATEMENT EXECUTE FUNCTION central.refuse_change();
--> statement-breakpoint
-- Unknown kinds or schema versions: the whole INSERT is refused and the outlet keeps its facts until
-- the central database is migrated to a version that knows them. SQLSTATE KS001.
CREATE FUNCTION central.check_fact_schema() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = central, pg_temp
  AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.kind, n.schema_version, n.id INTO bad FROM new_facts n
  WHERE NOT EXISTS (SELECT 1 FROM central.fact_kinds k WHERE k.kind = n.kind AND k.schema_version = n.schema_version)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'unknown fact schema: kind "%" version % (fact %) is not known to this central database',
      bad.kind, bad.schema_version, bad.id
      USING ERRCODE = 'KS001', HINT = 'Migrate the central database: npm run central -- migrate --pg <url>';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER facts_known_schema AFTER INSERT ON central.facts
  REFERENCING NEW TABLE AS new_facts
  FOR EACH STATEMENT EXECUTE FUNCTION central.check_fact_schema();
--> statement-breakpoint
-- First contact of an outlet database: the login must be an outlet's role, the code must be that
-- outlet's, and no other installation may have claimed it (a second shop using the same code and
-- credentials is refused). Runs as the owner; acts only on the caller's own row.
CREATE FUNCTION central.claim_outlet(p_code text, p_installation uuid) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = central, pg_temp
  AS $$
DECLARE
  o central.outlets%ROWTYPE;
BEGIN
  SELECT * INTO o FROM central.outlets WHERE role_name = session_user FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'login % is not an outlet of this central database', session_user USING ERRCODE = 'KS002';
  END IF;
  IF o.code <> p_code THEN
    RAISE EXCEPTION 'these credentials belong to outlet %, not %', o.code, p_code USING ERRCODE = 'KS003';
  END IF;
  IF o.installation_id IS NULL THEN
    UPDATE central.outlets SET installation_id = p_installation, claimed_at = now() WHERE code = o.code;
  ELSIF o.installation_id <> p_installation THEN
    RAISE EXCEPTION 'outlet code % is already used by another outlet database (claimed %)', o.code, o.claimed_at
      USING ERRCODE = 'KS004', HINT = 'A replacement PC: npm run central -- release-outlet <CODE>';
  END IF;
  RETURN o.code;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION central.claim_outlet(text, uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION central.check_fact_schema() FROM PUBLIC;
