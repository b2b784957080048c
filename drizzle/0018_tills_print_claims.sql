-- A till's printer at the till's own PC (issue 18): the till's agent claims the till's pending jobs
-- from the host and prints them. The claim is who (the agent's random id) and since when; a claim
-- whose agent stops reporting goes back to the queue and the job prints again as a copy.
ALTER TABLE print_jobs ADD COLUMN claimed_by TEXT;
--> statement-breakpoint
ALTER TABLE print_jobs ADD COLUMN claimed_at INTEGER;
