CREATE TYPE "public"."need_assignee_type" AS ENUM('person', 'team', 'organisation', 'department', 'project');--> statement-breakpoint
CREATE TYPE "public"."need_beneficiary" AS ENUM('person', 'household', 'building', 'community');--> statement-breakpoint
CREATE TYPE "public"."need_escalation_level" AS ENUM('grid', 'community', 'street');--> statement-breakpoint
CREATE TYPE "public"."need_channel" AS ENUM('online', 'anonymous', 'door_to_door', 'yard_meeting', 'hotline', 'walk_in', 'import');--> statement-breakpoint
CREATE TYPE "public"."need_event_kind" AS ENUM('raised', 'triaged', 'out_of_scope', 'dispatched', 'progress', 'resolved', 'closed', 'rated', 'merged', 'merged_in', 'rejected', 'escalated');--> statement-breakpoint
CREATE TYPE "public"."need_import_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('raised', 'triaged', 'dispatched', 'in_progress', 'resolved', 'closed', 'rated', 'rejected', 'merged', 'out_of_scope');--> statement-breakpoint
CREATE TYPE "public"."need_type" AS ENUM('major', 'hard', 'urgent', 'specialist', 'routine');--> statement-breakpoint
CREATE TYPE "public"."need_recurrence" AS ENUM('once', 'daily', 'weekly', 'monthly');--> statement-breakpoint
CREATE TYPE "public"."need_urgency" AS ENUM('low', 'normal', 'high', 'critical');--> statement-breakpoint
CREATE TABLE "need_dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"assignee_type" "need_assignee_type" NOT NULL,
	"assignee_user_id" uuid,
	"assignee_name" text,
	"responsible_user_id" uuid NOT NULL,
	"quantity" integer,
	"dispatched_by_user_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_dispatches_quantity_positive" CHECK ("need_dispatches"."quantity" is null or "need_dispatches"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "need_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"from_level" "need_escalation_level" NOT NULL,
	"to_level" "need_escalation_level" NOT NULL,
	"responsible_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"kind" "need_event_kind" NOT NULL,
	"actor_user_id" uuid,
	"on_behalf_of_user_id" uuid,
	"actor_role" text NOT NULL,
	"from_status" "need_status",
	"to_status" "need_status",
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_followers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea",
	"status" "need_import_status" DEFAULT 'queued' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"imported_rows" integer DEFAULT 0 NOT NULL,
	"report" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_private_details" (
	"need_id" uuid PRIMARY KEY NOT NULL,
	"contact_name" text,
	"phone" text,
	"email" text,
	"address" text,
	"health_notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"dispatch_id" uuid,
	"quantity" integer DEFAULT 0 NOT NULL,
	"note" text,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_progress_quantity" CHECK ("need_progress"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "need_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text,
	"rated_by_user_id" uuid,
	"on_behalf_of_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_ratings_stars" CHECK ("need_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"grid_id" uuid,
	"place_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"public_summary" text NOT NULL,
	"category" text NOT NULL,
	"beneficiary" "need_beneficiary" DEFAULT 'person' NOT NULL,
	"quantity" integer,
	"quantity_unit" text,
	"recurrence" "need_recurrence" DEFAULT 'once' NOT NULL,
	"wanted_from" date,
	"wanted_until" date,
	"urgency" "need_urgency" DEFAULT 'normal' NOT NULL,
	"need_type" "need_type",
	"status" "need_status" DEFAULT 'raised' NOT NULL,
	"channel" "need_channel" NOT NULL,
	"requester_user_id" uuid,
	"raised_by_user_id" uuid,
	"merged_into_id" uuid,
	"reply" text,
	"escalation_level" "need_escalation_level" DEFAULT 'grid' NOT NULL,
	"responsible_user_id" uuid,
	"import_id" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"first_responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_quantity_positive" CHECK ("needs"."quantity" is null or "needs"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"message_key" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "need_dispatches" ADD CONSTRAINT "need_dispatches_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_dispatches" ADD CONSTRAINT "need_dispatches_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_dispatches" ADD CONSTRAINT "need_dispatches_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_dispatches" ADD CONSTRAINT "need_dispatches_dispatched_by_user_id_users_id_fk" FOREIGN KEY ("dispatched_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_escalations" ADD CONSTRAINT "need_escalations_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_escalations" ADD CONSTRAINT "need_escalations_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_on_behalf_of_user_id_users_id_fk" FOREIGN KEY ("on_behalf_of_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_followers" ADD CONSTRAINT "need_followers_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_followers" ADD CONSTRAINT "need_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_imports" ADD CONSTRAINT "need_imports_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_imports" ADD CONSTRAINT "need_imports_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_private_details" ADD CONSTRAINT "need_private_details_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_progress" ADD CONSTRAINT "need_progress_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_progress" ADD CONSTRAINT "need_progress_dispatch_id_need_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."need_dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_progress" ADD CONSTRAINT "need_progress_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_ratings" ADD CONSTRAINT "need_ratings_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_ratings" ADD CONSTRAINT "need_ratings_rated_by_user_id_users_id_fk" FOREIGN KEY ("rated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_ratings" ADD CONSTRAINT "need_ratings_on_behalf_of_user_id_users_id_fk" FOREIGN KEY ("on_behalf_of_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_grid_id_places_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_raised_by_user_id_users_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_merged_into_id_needs_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "need_dispatches_need_idx" ON "need_dispatches" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_dispatches_assignee_idx" ON "need_dispatches" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "need_dispatches_responsible_idx" ON "need_dispatches" USING btree ("responsible_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "need_escalations_once" ON "need_escalations" USING btree ("need_id","to_level");--> statement-breakpoint
CREATE INDEX "need_events_need_idx" ON "need_events" USING btree ("need_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "need_followers_unique" ON "need_followers" USING btree ("need_id","user_id");--> statement-breakpoint
CREATE INDEX "need_followers_user_idx" ON "need_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "need_imports_community_idx" ON "need_imports" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "need_progress_need_idx" ON "need_progress" USING btree ("need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "need_ratings_need_unique" ON "need_ratings" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "needs_community_status_idx" ON "needs" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "needs_grid_idx" ON "needs" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "needs_requester_idx" ON "needs" USING btree ("requester_user_id");--> statement-breakpoint
CREATE INDEX "needs_raised_at_idx" ON "needs" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "needs_open_due_idx" ON "needs" USING btree ("resolution_due_at") WHERE "needs"."status" in ('raised','triaged','dispatched','in_progress');--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;