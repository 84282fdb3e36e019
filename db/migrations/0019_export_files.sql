CREATE TYPE "public"."export_format" AS ENUM('csv', 'xlsx', 'zip');--> statement-breakpoint
CREATE TYPE "public"."export_kind" AS ENUM('needs', 'resources', 'projects', 'shifts', 'hours', 'ledger', 'personal');--> statement-breakpoint
CREATE TYPE "public"."export_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
ALTER TYPE "public"."ledger_group_kind" ADD VALUE 'match_reversal' BEFORE 'disbursement';--> statement-breakpoint
CREATE TABLE "export_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_user_id" uuid NOT NULL,
	"on_behalf_of_user_id" uuid,
	"kind" "export_kind" NOT NULL,
	"format" "export_format" NOT NULL,
	"query" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "export_status" DEFAULT 'queued' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"file_name" text,
	"content_type" text,
	"content" "bytea",
	"has_private_data" boolean DEFAULT false NOT NULL,
	"failure" text,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "export_files" ADD CONSTRAINT "export_files_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_files" ADD CONSTRAINT "export_files_on_behalf_of_user_id_users_id_fk" FOREIGN KEY ("on_behalf_of_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_files_requester_idx" ON "export_files" USING btree ("requester_user_id","created_at");--> statement-breakpoint
CREATE INDEX "export_files_queued_idx" ON "export_files" USING btree ("status") WHERE "export_files"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "export_files_expiry_idx" ON "export_files" USING btree ("expires_at") WHERE "export_files"."content" is not null;