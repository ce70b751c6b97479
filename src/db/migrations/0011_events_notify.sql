-- Custom SQL migration file, put your code below! --
-- Tells listeners (the roadmap search copies, in every process) that the event log has grown: one notification per
-- statement, delivered at commit; rolled-back writes notify nobody.
CREATE OR REPLACE FUNCTION concord_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('concord_events', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION concord_events_notify();
