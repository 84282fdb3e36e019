CREATE TYPE "public"."applicant_type" AS ENUM('registered_org', 'resident_team', 'individual');--> statement-breakpoint
CREATE TYPE "public"."award_status" AS ENUM('requested', 'cut', 'granted', 'final', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."bid_status" AS ENUM('submitted', 'withdrawn', 'awarded', 'not_awarded');--> statement-breakpoint
CREATE TYPE "public"."project_state" AS ENUM('draft', 'open_for_bids', 'awarded', 'in_progress', 'completed', 'evaluated', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."funding_round_status" AS ENUM('draft', 'open', 'evaluating', 'notice', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "award_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"status" "award_status" DEFAULT 'requested' NOT NULL,
	"requested_minor" bigint NOT NULL,
	"cut_minor" bigint,
	"cut_reason" text,
	"granted_minor" bigint,
	"grant_reason" text,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"notice_starts_at" timestamp with time zone,
	"notice_ends_at" timestamp with time zone,
	"final_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "awards_amounts" CHECK ("awards"."requested_minor" >= 0 and coalesce("awards"."cut_minor", 0) >= 0 and coalesce("awards"."granted_minor", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "bid_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bid_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bid_attachments_size" CHECK ("bid_attachments"."size" between 1 and 10485760)
);
--> statement-breakpoint
CREATE TABLE "bid_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bid_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"evaluator_user_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bid_scores_range" CHECK ("bid_scores"."score" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"applicant_type" "applicant_type" NOT NULL,
	"applicant_resource_id" uuid,
	"applicant_user_id" uuid,
	"applicant_key" text NOT NULL,
	"applicant_name" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"plan" text NOT NULL,
	"budget_lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_minor" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"staff" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "bid_status" DEFAULT 'submitted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bids_requested" CHECK ("bids"."requested_minor" >= 0),
	CONSTRAINT "bids_applicant" CHECK (("bids"."applicant_resource_id" is not null) <> ("bids"."applicant_user_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "evaluator_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"evaluator_user_id" uuid NOT NULL,
	"assigned_by" uuid NOT NULL,
	"declared_at" timestamp with time zone,
	"declaration_note" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluator_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"applicant_key" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"title" text NOT NULL,
	"call_text" text DEFAULT '' NOT NULL,
	"budget_minor" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"eligible_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"applicant_types" "applicant_type"[] DEFAULT '{registered_org}'::applicant_type[] NOT NULL,
	"micro_grant" boolean DEFAULT false NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"notice_days" integer DEFAULT 5 NOT NULL,
	"status" "funding_round_status" DEFAULT 'draft' NOT NULL,
	"fund_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_rounds_budget" CHECK ("funding_rounds"."budget_minor" > 0),
	CONSTRAINT "funding_rounds_dates" CHECK ("funding_rounds"."closes_at" > "funding_rounds"."opens_at"),
	CONSTRAINT "funding_rounds_notice_days" CHECK ("funding_rounds"."notice_days" between 0 and 60)
);
--> statement-breakpoint
CREATE TABLE "project_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"label" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_budget_lines_amount" CHECK ("project_budget_lines"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_state" "project_state",
	"to_state" "project_state",
	"actor_user_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_milestones_amount" CHECK ("project_milestones"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"linked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"deliverables" text DEFAULT '' NOT NULL,
	"beneficiaries" text DEFAULT '' NOT NULL,
	"beneficiary_count" integer,
	"category" text NOT NULL,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"state" "project_state" DEFAULT 'draft' NOT NULL,
	"budget_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"fund_id" uuid,
	"deliverer_resource_id" uuid,
	"deliverer_user_id" uuid,
	"deliverer_name" text,
	"starts_on" date,
	"ends_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_budget_nonnegative" CHECK ("projects"."budget_minor" >= 0),
	CONSTRAINT "projects_beneficiary_count" CHECK ("projects"."beneficiary_count" is null or "projects"."beneficiary_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "round_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"weight" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_criteria_weight" CHECK ("round_criteria"."weight" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "round_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "need_dispatches" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_round_id_funding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."funding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_attachments" ADD CONSTRAINT "bid_attachments_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_attachments" ADD CONSTRAINT "bid_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_criterion_id_round_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."round_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_evaluator_user_id_users_id_fk" FOREIGN KEY ("evaluator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_round_id_funding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."funding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_applicant_resource_id_resources_id_fk" FOREIGN KEY ("applicant_resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluator_assignments" ADD CONSTRAINT "evaluator_assignments_round_id_funding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."funding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluator_assignments" ADD CONSTRAINT "evaluator_assignments_evaluator_user_id_users_id_fk" FOREIGN KEY ("evaluator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluator_assignments" ADD CONSTRAINT "evaluator_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluator_conflicts" ADD CONSTRAINT "evaluator_conflicts_assignment_id_evaluator_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."evaluator_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_rounds" ADD CONSTRAINT "funding_rounds_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_rounds" ADD CONSTRAINT "funding_rounds_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_rounds" ADD CONSTRAINT "funding_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_budget_lines" ADD CONSTRAINT "project_budget_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_deliverer_resource_id_resources_id_fk" FOREIGN KEY ("deliverer_resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_deliverer_user_id_users_id_fk" FOREIGN KEY ("deliverer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_criteria" ADD CONSTRAINT "round_criteria_round_id_funding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."funding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_projects" ADD CONSTRAINT "round_projects_round_id_funding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."funding_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_projects" ADD CONSTRAINT "round_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_projects" ADD CONSTRAINT "round_projects_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "award_objections_award_idx" ON "award_objections" USING btree ("award_id");--> statement-breakpoint
CREATE UNIQUE INDEX "awards_one_per_project" ON "awards" USING btree ("round_id","project_id") WHERE "awards"."status" <> 'revoked';--> statement-breakpoint
CREATE INDEX "awards_notice_idx" ON "awards" USING btree ("status","notice_ends_at");--> statement-breakpoint
CREATE INDEX "bid_attachments_bid_idx" ON "bid_attachments" USING btree ("bid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bid_scores_unique" ON "bid_scores" USING btree ("bid_id","criterion_id","evaluator_user_id");--> statement-breakpoint
CREATE INDEX "bid_scores_evaluator_idx" ON "bid_scores" USING btree ("evaluator_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_one_per_applicant" ON "bids" USING btree ("round_id","project_id","applicant_key");--> statement-breakpoint
CREATE INDEX "bids_round_idx" ON "bids" USING btree ("round_id","project_id");--> statement-breakpoint
CREATE INDEX "bids_resource_idx" ON "bids" USING btree ("applicant_resource_id");--> statement-breakpoint
CREATE INDEX "bids_user_idx" ON "bids" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluator_assignments_unique" ON "evaluator_assignments" USING btree ("round_id","evaluator_user_id");--> statement-breakpoint
CREATE INDEX "evaluator_assignments_user_idx" ON "evaluator_assignments" USING btree ("evaluator_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluator_conflicts_unique" ON "evaluator_conflicts" USING btree ("assignment_id","applicant_key");--> statement-breakpoint
CREATE INDEX "funding_rounds_path_idx" ON "funding_rounds" USING btree ("place_path");--> statement-breakpoint
CREATE INDEX "funding_rounds_status_idx" ON "funding_rounds" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "project_budget_lines_project_idx" ON "project_budget_lines" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "project_milestones_project_idx" ON "project_milestones" USING btree ("project_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "project_needs_unique" ON "project_needs" USING btree ("project_id","need_id");--> statement-breakpoint
CREATE INDEX "project_needs_need_idx" ON "project_needs" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "projects_path_idx" ON "projects" USING btree ("place_path");--> statement-breakpoint
CREATE INDEX "projects_state_idx" ON "projects" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "projects_deliverer_resource_idx" ON "projects" USING btree ("deliverer_resource_id");--> statement-breakpoint
CREATE INDEX "round_criteria_round_idx" ON "round_criteria" USING btree ("round_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "round_projects_unique" ON "round_projects" USING btree ("round_id","project_id");--> statement-breakpoint
CREATE INDEX "round_projects_project_idx" ON "round_projects" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "need_dispatches" ADD CONSTRAINT "need_dispatches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "need_dispatches_project_idx" ON "need_dispatches" USING btree ("project_id");