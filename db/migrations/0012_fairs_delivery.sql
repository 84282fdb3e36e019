CREATE TYPE "public"."fair_proposal_status" AS ENUM('current', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."fair_side" AS ENUM('project', 'applicant');--> statement-breakpoint
CREATE TYPE "public"."fair_status" AS ENUM('open', 'proposed', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."project_report_kind" AS ENUM('progress', 'final');--> statement-breakpoint
CREATE TABLE "fair_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"fair_id" uuid NOT NULL,
	"project_participant_id" uuid NOT NULL,
	"applicant_participant_id" uuid NOT NULL,
	"project_rank" integer NOT NULL,
	"applicant_rank" integer NOT NULL,
	"project_signed_by" uuid,
	"project_signed_at" timestamp with time zone,
	"applicant_signed_by" uuid,
	"applicant_signed_at" timestamp with time zone,
	"award_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"side" "fair_side" NOT NULL,
	"project_id" uuid,
	"resource_id" uuid,
	"name" text NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"ranking" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ranked_by" uuid,
	"ranked_at" timestamp with time zone,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_participants_side" CHECK (("fair_participants"."side" = 'project' and "fair_participants"."project_id" is not null and "fair_participants"."resource_id" is null) or ("fair_participants"."side" = 'applicant' and "fair_participants"."resource_id" is not null and "fair_participants"."project_id" is null)),
	CONSTRAINT "fair_participants_capacity" CHECK ("fair_participants"."capacity" between 0 and 20)
);
--> statement-breakpoint
CREATE TABLE "fair_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"proposing" "fair_side" NOT NULL,
	"status" "fair_proposal_status" DEFAULT 'current' NOT NULL,
	"outcomes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"preferences_close_at" timestamp with time zone NOT NULL,
	"status" "fair_status" DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestone_disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"disbursement_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestone_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"percent" smallint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_updates_percent" CHECK ("milestone_updates"."percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "project_report_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_report_photos_size" CHECK ("project_report_photos"."size" between 1 and 5242880)
);
--> statement-breakpoint
CREATE TABLE "project_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone_id" uuid,
	"kind" "project_report_kind" DEFAULT 'progress' NOT NULL,
	"body" text NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fair_pairs" ADD CONSTRAINT "fair_pairs_proposal_id_fair_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."fair_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_pairs" ADD CONSTRAINT "fair_pairs_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_pairs" ADD CONSTRAINT "fair_pairs_project_participant_id_fair_participants_id_fk" FOREIGN KEY ("project_participant_id") REFERENCES "public"."fair_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_pairs" ADD CONSTRAINT "fair_pairs_applicant_participant_id_fair_participants_id_fk" FOREIGN KEY ("applicant_participant_id") REFERENCES "public"."fair_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_pairs" ADD CONSTRAINT "fair_pairs_project_signed_by_users_id_fk" FOREIGN KEY ("project_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_pairs" ADD CONSTRAINT "fair_pairs_applicant_signed_by_users_id_fk" FOREIGN KEY ("applicant_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_pairs" ADD CONSTRAINT "fair_pairs_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_participants" ADD CONSTRAINT "fair_participants_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_participants" ADD CONSTRAINT "fair_participants_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_participants" ADD CONSTRAINT "fair_participants_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_participants" ADD CONSTRAINT "fair_participants_ranked_by_users_id_fk" FOREIGN KEY ("ranked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_participants" ADD CONSTRAINT "fair_participants_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_proposals" ADD CONSTRAINT "fair_proposals_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_proposals" ADD CONSTRAINT "fair_proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_round_id_funding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."funding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_disbursements" ADD CONSTRAINT "milestone_disbursements_disbursement_id_disbursements_id_fk" FOREIGN KEY ("disbursement_id") REFERENCES "public"."disbursements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_disbursements" ADD CONSTRAINT "milestone_disbursements_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_disbursements" ADD CONSTRAINT "milestone_disbursements_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_updates" ADD CONSTRAINT "milestone_updates_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_updates" ADD CONSTRAINT "milestone_updates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_updates" ADD CONSTRAINT "milestone_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_report_photos" ADD CONSTRAINT "project_report_photos_report_id_project_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."project_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_report_photos" ADD CONSTRAINT "project_report_photos_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_report_photos" ADD CONSTRAINT "project_report_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_pairs_unique" ON "fair_pairs" USING btree ("proposal_id","project_participant_id","applicant_participant_id");--> statement-breakpoint
CREATE INDEX "fair_pairs_fair_idx" ON "fair_pairs" USING btree ("fair_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_pairs_award_unique" ON "fair_pairs" USING btree ("award_id") WHERE "fair_pairs"."award_id" is not null;--> statement-breakpoint
CREATE INDEX "fair_participants_fair_idx" ON "fair_participants" USING btree ("fair_id","side");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_participants_project_unique" ON "fair_participants" USING btree ("fair_id","project_id") WHERE "fair_participants"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_participants_resource_unique" ON "fair_participants" USING btree ("fair_id","resource_id") WHERE "fair_participants"."resource_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_proposals_one_current" ON "fair_proposals" USING btree ("fair_id") WHERE "fair_proposals"."status" = 'current';--> statement-breakpoint
CREATE INDEX "fairs_path_idx" ON "fairs" USING btree ("place_path");--> statement-breakpoint
CREATE UNIQUE INDEX "fairs_one_per_round" ON "fairs" USING btree ("round_id") WHERE "fairs"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "milestone_disbursements_disbursement" ON "milestone_disbursements" USING btree ("disbursement_id");--> statement-breakpoint
CREATE INDEX "milestone_disbursements_milestone_idx" ON "milestone_disbursements" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "milestone_updates_milestone_idx" ON "milestone_updates" USING btree ("milestone_id","created_at");--> statement-breakpoint
CREATE INDEX "project_report_photos_report_idx" ON "project_report_photos" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "project_reports_project_idx" ON "project_reports" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_reports_one_final" ON "project_reports" USING btree ("project_id") WHERE "project_reports"."kind" = 'final';