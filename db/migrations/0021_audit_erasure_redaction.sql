-- Account erasure may scrub personal values (an account's email or phone on its own sign-up and email-change events)
-- out of the before/after of audit rows. Only inside a transaction that has set fivefold.erasure = 'on' (the erasure
-- service does, with set_config(..., true)), and only those two columns: who, what, when and for whom stay as written.
-- DELETE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND coalesce(current_setting('fivefold.erasure', true), '') = 'on'
     AND NEW.id = OLD.id
     AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
     AND NEW.on_behalf_of_user_id IS NOT DISTINCT FROM OLD.on_behalf_of_user_id
     AND NEW.action = OLD.action
     AND NEW.subject_type = OLD.subject_type
     AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id
     AND NEW.place_id IS NOT DISTINCT FROM OLD.place_id
     AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
