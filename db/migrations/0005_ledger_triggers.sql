-- Second line of defence for the ledger: at commit, every entry group sums to zero per currency; entries and
-- groups are append-only (a correction is a new, reversing group).
CREATE OR REPLACE FUNCTION ledger_group_must_balance() RETURNS trigger AS $$
DECLARE
  off record;
BEGIN
  SELECT currency, sum(amount_minor) AS total INTO off
    FROM ledger_entries WHERE group_id = NEW.group_id GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger group % does not balance: % %', NEW.group_id, off.total, off.currency USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced
  AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_group_must_balance();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_groups_append_only BEFORE UPDATE OR DELETE ON ledger_groups FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_groups_no_truncate BEFORE TRUNCATE ON ledger_groups FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
