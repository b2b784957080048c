CREATE TABLE "central"."outlet_status" (
	"outlet_code" text PRIMARY KEY NOT NULL,
	"backlog" bigint NOT NULL,
	"oldest_waiting_at" timestamp with time zone,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Facts waiting at each outlet (issue 20), hand-written below. An outlet reports its own outbox
-- backlog through central.report_outlet_status() only: the function finds the outlet by the login
-- (like claim_outlet), so no outlet can write another's row; outlet roles get no grant on the table.
ALTER TABLE central.outlet_status ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE central.outlet_status FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outlet_status_owner ON central.outlet_status FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE FUNCTION central.report_outlet_status(p_backlog bigint, p_oldest timestamptz) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = central, pg_temp
  AS $$
DECLARE
  v_code text;
BEGIN
  SELECT code INTO v_code FROM central.outlets WHERE role_name = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'login % is not an outlet of this central database', session_user USING ERRCODE = 'KS002';
  END IF;
  IF p_backlog IS NULL OR p_backlog < 0 THEN
    RAISE EXCEPTION 'backlog must be 0 or more, got %', p_backlog USING ERRCODE = '22023';
  END IF;
  INSERT INTO central.outlet_status (outlet_code, backlog, oldest_waiting_at, reported_at)
    VALUES (v_code, p_backlog, CASE WHEN p_backlog = 0 THEN NULL ELSE p_oldest END, now())
    ON CONFLICT (outlet_code) DO UPDATE
      SET backlog = EXCLUDED.backlog, oldest_waiting_at = EXCLUDED.oldest_waiting_at, reported_at = EXCLUDED.reported_at;
  RETURN v_code;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION central.report_outlet_status(bigint, timestamptz) FROM PUBLIC;
--> statement-breakpoint
-- Outlets added before this migration may report too (add-outlet grants it to new ones).
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT role_name FROM central.outlets LOOP
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.role_name) THEN
      EXECUTE format('GRANT EXECUTE ON FUNCTION central.report_outlet_status(bigint, timestamptz) TO %I', r.role_name);
    END IF;
  END LOOP;
END $$;
