ALTER TABLE "need_imports" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "need_imports" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;