CREATE TYPE "public"."ballot_channel" AS ENUM('online', 'paper', 'signature_sheet');--> statement-breakpoint
CREATE TYPE "public"."topic_comment_status" AS ENUM('visible', 'hidden', 'removed');--> statement-breakpoint
CREATE TYPE "public"."council_role" AS ENUM('chair', 'vice_chair', 'member', 'supervisor');--> statement-breakpoint
CREATE TYPE "public"."council_meeting_status" AS ENUM('scheduled', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."council_meeting_type" AS ENUM('consultation', 'coordination', 'hearing', 'evaluation');--> statement-breakpoint
CREATE TYPE "public"."vote_option_kind" AS ENUM('choice', 'abstain');--> statement-breakpoint
CREATE TYPE "public"."evaluation_panel_status" AS ENUM('open', 'published');--> statement-breakpoint
CREATE TYPE "public"."council_seat_group" AS ENUM('general', 'local_residents', 'migrant_workers', 'elderly', 'youth', 'property_owners', 'merchants');--> statement-breakpoint
CREATE TYPE "public"."topic_origin" AS ENUM('resident', 'staff', 'need');--> statement-breakpoint
CREATE TYPE "public"."topic_stage" AS ENUM('listed', 'chosen', 'notice', 'deliberation', 'plan', 'implementation', 'evaluation', 'done', 'declined');--> statement-breakpoint
CREATE TYPE "public"."vote_status" AS ENUM('draft', 'open', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."vote_unit" AS ENUM('household', 'adult');--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vote_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"channel" "ballot_channel" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_comment_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"comment_id" uuid NOT NULL,
	"reporter_user_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"type" "council_meeting_type" NOT NULL,
	"title" text NOT NULL,
	"topic_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"status" "council_meeting_status" DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid,
	"role" "council_role" DEFAULT 'member' NOT NULL,
	"seat_group" "council_seat_group" DEFAULT 'general' NOT NULL,
	"term_starts_on" date NOT NULL,
	"term_ends_on" date NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_reserved_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"seat_group" "council_seat_group" NOT NULL,
	"seats" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_reserved_seats_positive" CHECK ("council_reserved_seats"."seats" > 0)
);
--> statement-breakpoint
CREATE TABLE "councils" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"term_starts_on" date NOT NULL,
	"term_ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "councils_term_order" CHECK ("councils"."term_ends_on" > "councils"."term_starts_on")
);
--> statement-breakpoint
CREATE TABLE "evaluation_panels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"topic_id" uuid,
	"project_id" uuid,
	"title" text NOT NULL,
	"status" "evaluation_panel_status" DEFAULT 'open' NOT NULL,
	"result" jsonb,
	"published_at" timestamp with time zone,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_panel_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"outcome" text NOT NULL,
	"max_score" smallint DEFAULT 5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_panel_criteria_max" CHECK ("evaluation_panel_criteria"."max_score" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "evaluation_panel_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_panel_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_panel_scores_nonnegative" CHECK ("evaluation_panel_scores"."score" >= 0)
);
--> statement-breakpoint
CREATE TABLE "topic_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic_id" uuid NOT NULL,
	"parent_id" uuid,
	"author_user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" "topic_comment_status" DEFAULT 'visible' NOT NULL,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic_id" uuid NOT NULL,
	"from_stage" "topic_stage",
	"to_stage" "topic_stage" NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_followers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"council_id" uuid,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"suggestion" text DEFAULT '' NOT NULL,
	"origin" "topic_origin" NOT NULL,
	"need_id" uuid,
	"project_id" uuid,
	"stage" "topic_stage" DEFAULT 'listed' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"reply" text,
	"proposed_by_user_id" uuid,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vote_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"label" text NOT NULL,
	"kind" "vote_option_kind" DEFAULT 'choice' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_participations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vote_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"member_id" uuid,
	"channel" "ballot_channel" NOT NULL,
	"cast_by_user_id" uuid,
	"entered_by_user_id" uuid,
	"paper_reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vote_participations_paper_entered" CHECK ("vote_participations"."channel" = 'online' or ("vote_participations"."entered_by_user_id" is not null and "vote_participations"."paper_reference" is not null))
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic_id" uuid,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"question" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unit" "vote_unit" NOT NULL,
	"threshold_permille" smallint NOT NULL,
	"quorum_permille" smallint DEFAULT 0 NOT NULL,
	"abstentions_count_for_quorum" boolean DEFAULT true NOT NULL,
	"paper_ballots_count" boolean DEFAULT true NOT NULL,
	"binding" boolean DEFAULT true NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" "vote_status" DEFAULT 'draft' NOT NULL,
	"eligible_count" integer,
	"result" jsonb,
	"closed_at" timestamp with time zone,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_threshold_range" CHECK ("votes"."threshold_permille" between 1 and 1000),
	CONSTRAINT "votes_quorum_range" CHECK ("votes"."quorum_permille" between 0 and 1000),
	CONSTRAINT "votes_time_order" CHECK ("votes"."closes_at" > "votes"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_option_id_vote_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."vote_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comment_reports" ADD CONSTRAINT "topic_comment_reports_comment_id_topic_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."topic_comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comment_reports" ADD CONSTRAINT "topic_comment_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_reserved_seats" ADD CONSTRAINT "council_reserved_seats_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panels" ADD CONSTRAINT "evaluation_panels_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panels" ADD CONSTRAINT "evaluation_panels_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panels" ADD CONSTRAINT "evaluation_panels_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panels" ADD CONSTRAINT "evaluation_panels_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panel_criteria" ADD CONSTRAINT "evaluation_panel_criteria_panel_id_evaluation_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."evaluation_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panel_members" ADD CONSTRAINT "evaluation_panel_members_panel_id_evaluation_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."evaluation_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panel_members" ADD CONSTRAINT "evaluation_panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panel_scores" ADD CONSTRAINT "evaluation_panel_scores_panel_id_evaluation_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."evaluation_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panel_scores" ADD CONSTRAINT "evaluation_panel_scores_criterion_id_evaluation_panel_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."evaluation_panel_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_panel_scores" ADD CONSTRAINT "evaluation_panel_scores_member_id_evaluation_panel_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."evaluation_panel_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_parent_id_topic_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."topic_comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_followers" ADD CONSTRAINT "topic_followers_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_followers" ADD CONSTRAINT "topic_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_options" ADD CONSTRAINT "vote_options_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_participations" ADD CONSTRAINT "vote_participations_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_participations" ADD CONSTRAINT "vote_participations_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_participations" ADD CONSTRAINT "vote_participations_member_id_household_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."household_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_participations" ADD CONSTRAINT "vote_participations_cast_by_user_id_users_id_fk" FOREIGN KEY ("cast_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_participations" ADD CONSTRAINT "vote_participations_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballots_vote_idx" ON "ballots" USING btree ("vote_id","option_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_comment_reports_unique" ON "topic_comment_reports" USING btree ("comment_id","reporter_user_id");--> statement-breakpoint
CREATE INDEX "council_meetings_council_idx" ON "council_meetings" USING btree ("council_id","starts_at");--> statement-breakpoint
CREATE INDEX "council_members_council_idx" ON "council_members" USING btree ("council_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_reserved_seats_unique" ON "council_reserved_seats" USING btree ("council_id","seat_group");--> statement-breakpoint
CREATE INDEX "councils_path_idx" ON "councils" USING btree ("place_path");--> statement-breakpoint
CREATE INDEX "evaluation_panels_path_idx" ON "evaluation_panels" USING btree ("place_path");--> statement-breakpoint
CREATE INDEX "evaluation_panels_topic_idx" ON "evaluation_panels" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_panel_criteria_position" ON "evaluation_panel_criteria" USING btree ("panel_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_panel_members_unique" ON "evaluation_panel_members" USING btree ("panel_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_panel_scores_unique" ON "evaluation_panel_scores" USING btree ("criterion_id","member_id");--> statement-breakpoint
CREATE INDEX "topic_comments_topic_idx" ON "topic_comments" USING btree ("topic_id","created_at");--> statement-breakpoint
CREATE INDEX "topic_comments_hidden_idx" ON "topic_comments" USING btree ("status") WHERE "topic_comments"."status" = 'hidden';--> statement-breakpoint
CREATE INDEX "topic_events_topic_idx" ON "topic_events" USING btree ("topic_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_followers_unique" ON "topic_followers" USING btree ("topic_id","user_id");--> statement-breakpoint
CREATE INDEX "topics_path_idx" ON "topics" USING btree ("place_path","stage");--> statement-breakpoint
CREATE INDEX "topics_need_idx" ON "topics" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "topics_project_idx" ON "topics" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_options_position_unique" ON "vote_options" USING btree ("vote_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_participations_household_unique" ON "vote_participations" USING btree ("vote_id","household_id") WHERE "vote_participations"."member_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "vote_participations_member_unique" ON "vote_participations" USING btree ("vote_id","member_id") WHERE "vote_participations"."member_id" is not null;--> statement-breakpoint
CREATE INDEX "votes_path_idx" ON "votes" USING btree ("place_path","status");--> statement-breakpoint
CREATE INDEX "votes_topic_idx" ON "votes" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "votes_due_idx" ON "votes" USING btree ("status","opens_at","closes_at");