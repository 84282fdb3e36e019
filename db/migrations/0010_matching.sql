CREATE TYPE "public"."match_candidate_kind" AS ENUM('volunteer', 'team', 'organisation', 'offer');--> statement-breakpoint
CREATE TYPE "public"."match_pair_status" AS ENUM('proposed', 'approved', 'stale');--> statement-breakpoint
CREATE TYPE "public"."match_run_status" AS ENUM('proposed', 'approved');--> statement-breakpoint
CREATE TABLE "match_dismissals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"candidate_kind" "match_candidate_kind" NOT NULL,
	"candidate_id" uuid NOT NULL,
	"dismissed_by_user_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_run_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"candidate_kind" "match_candidate_kind" NOT NULL,
	"candidate_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"points" integer NOT NULL,
	"parts" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"status" "match_pair_status" DEFAULT 'proposed' NOT NULL,
	"stale_reason" text,
	"dispatch_id" uuid,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_run_pairs_units" CHECK ("match_run_pairs"."units" > 0)
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"status" "match_run_status" DEFAULT 'proposed' NOT NULL,
	"created_by_user_id" uuid,
	"needs_considered" integer DEFAULT 0 NOT NULL,
	"candidates_considered" integer DEFAULT 0 NOT NULL,
	"total_points" integer DEFAULT 0 NOT NULL,
	"matched_units" integer DEFAULT 0 NOT NULL,
	"unmatched" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approved_by_user_id" uuid,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_dismissals" ADD CONSTRAINT "match_dismissals_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_dismissals" ADD CONSTRAINT "match_dismissals_candidate_id_resources_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_dismissals" ADD CONSTRAINT "match_dismissals_dismissed_by_user_id_users_id_fk" FOREIGN KEY ("dismissed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_run_id_match_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_candidate_id_resources_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_dispatch_id_need_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."need_dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_pairs" ADD CONSTRAINT "match_run_pairs_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "match_dismissals_unique" ON "match_dismissals" USING btree ("need_id","candidate_kind","candidate_id");--> statement-breakpoint
CREATE INDEX "match_run_pairs_run_idx" ON "match_run_pairs" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_run_pairs_unique" ON "match_run_pairs" USING btree ("run_id","need_id","candidate_kind","candidate_id");--> statement-breakpoint
CREATE INDEX "match_runs_place_idx" ON "match_runs" USING btree ("place_path","created_at");