ALTER TABLE "council_members" ADD COLUMN "groups" "council_seat_group"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "ballots" DROP COLUMN "created_at";