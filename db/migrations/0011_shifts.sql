CREATE TYPE "public"."volunteer_goal_kind" AS ENUM('shuangbaodao', 'personal');--> statement-breakpoint
CREATE TYPE "public"."service_hours_source" AS ENUM('attendance', 'self_reported', 'organiser');--> statement-breakpoint
CREATE TYPE "public"."service_hours_status" AS ENUM('certified', 'pending', 'flagged', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."shift_reminder_kind" AS ENUM('7d', '1d', '2h');--> statement-breakpoint
CREATE TYPE "public"."shift_recurrence" AS ENUM('once', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."shift_status" AS ENUM('open', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."shift_timing" AS ENUM('fixed', 'window');--> statement-breakpoint
CREATE TYPE "public"."shift_signup_status" AS ENUM('booked', 'waitlisted', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"shift_id" uuid,
	"signup_id" uuid,
	"organisation_id" uuid,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"served_on" text NOT NULL,
	"half_hours" smallint NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" "service_hours_source" NOT NULL,
	"status" "service_hours_status" NOT NULL,
	"flag" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_hours_positive" CHECK ("service_hours"."half_hours" between 1 and 48),
	CONSTRAINT "service_hours_date" CHECK ("service_hours"."served_on" ~ '^\d{4}-\d{2}-\d{2}$')
);
--> statement-breakpoint
CREATE TABLE "shift_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"signup_id" uuid NOT NULL,
	"kind" "shift_reminder_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shift_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shift_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" "shift_signup_status" NOT NULL,
	"signed_up_by" uuid NOT NULL,
	"team_id" uuid,
	"confirmed_at" timestamp with time zone,
	"booked_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"cancel_note" text,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"checked_out_at" timestamp with time zone,
	"checked_out_by" uuid,
	"auto_checked_out" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"spots" integer NOT NULL,
	"waitlist_limit" integer DEFAULT 20 NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_checks" text[] DEFAULT '{}'::text[] NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"community_id" uuid,
	"location" text DEFAULT '' NOT NULL,
	"need_id" uuid,
	"project_id" uuid,
	"organisation_id" uuid,
	"timing" "shift_timing" DEFAULT 'fixed' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"recurrence" "shift_recurrence" DEFAULT 'once' NOT NULL,
	"series_id" uuid,
	"teams_allowed" boolean DEFAULT false NOT NULL,
	"cancel_cutoff_hours" integer DEFAULT 12 NOT NULL,
	"auto_checkout_minutes" integer DEFAULT 120 NOT NULL,
	"checkin_code" text NOT NULL,
	"status" "shift_status" DEFAULT 'open' NOT NULL,
	"organiser_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shifts_spots" CHECK ("shifts"."spots" between 1 and 500),
	CONSTRAINT "shifts_waitlist" CHECK ("shifts"."waitlist_limit" between 0 and 500),
	CONSTRAINT "shifts_order" CHECK ("shifts"."ends_at" > "shifts"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "volunteer_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" "volunteer_goal_kind" NOT NULL,
	"target_half_hours" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_goals_target" CHECK ("volunteer_goals"."target_half_hours" between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_hours" ADD CONSTRAINT "service_hours_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_hours" ADD CONSTRAINT "service_hours_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_hours" ADD CONSTRAINT "service_hours_signup_id_shift_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."shift_signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_hours" ADD CONSTRAINT "service_hours_organisation_id_resources_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_hours" ADD CONSTRAINT "service_hours_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_hours" ADD CONSTRAINT "service_hours_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_reminders" ADD CONSTRAINT "shift_reminders_signup_id_shift_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."shift_signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_volunteer_id_resources_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_signed_up_by_users_id_fk" FOREIGN KEY ("signed_up_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_team_id_resources_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_signups" ADD CONSTRAINT "shift_signups_checked_out_by_users_id_fk" FOREIGN KEY ("checked_out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_organisation_id_resources_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_organiser_user_id_users_id_fk" FOREIGN KEY ("organiser_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_goals" ADD CONSTRAINT "volunteer_goals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_unique" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_live_unique" ON "calendar_feeds" USING btree ("user_id") WHERE "calendar_feeds"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "service_hours_user_idx" ON "service_hours" USING btree ("user_id","served_on");--> statement-breakpoint
CREATE INDEX "service_hours_shift_idx" ON "service_hours" USING btree ("shift_id");--> statement-breakpoint
CREATE INDEX "service_hours_review_idx" ON "service_hours" USING btree ("place_path") WHERE "service_hours"."status" in ('pending', 'flagged');--> statement-breakpoint
CREATE UNIQUE INDEX "service_hours_signup_unique" ON "service_hours" USING btree ("signup_id") WHERE "service_hours"."signup_id" is not null and "service_hours"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "shift_reminders_unique" ON "shift_reminders" USING btree ("signup_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "shift_signups_live_unique" ON "shift_signups" USING btree ("shift_id","user_id") WHERE "shift_signups"."status" in ('booked', 'waitlisted');--> statement-breakpoint
CREATE INDEX "shift_signups_shift_idx" ON "shift_signups" USING btree ("shift_id","status","created_at");--> statement-breakpoint
CREATE INDEX "shift_signups_user_idx" ON "shift_signups" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "shift_signups_open_checkin_idx" ON "shift_signups" USING btree ("checked_in_at") WHERE "shift_signups"."checked_in_at" is not null and "shift_signups"."checked_out_at" is null;--> statement-breakpoint
CREATE INDEX "shifts_starts_idx" ON "shifts" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "shifts_path_idx" ON "shifts" USING btree ("place_path");--> statement-breakpoint
CREATE INDEX "shifts_need_idx" ON "shifts" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "shifts_project_idx" ON "shifts" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "shifts_series_idx" ON "shifts" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "shifts_organiser_idx" ON "shifts" USING btree ("organiser_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_goals_unique" ON "volunteer_goals" USING btree ("user_id","year");