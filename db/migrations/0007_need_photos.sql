CREATE TABLE "need_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"progress_id" uuid,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_photos_type" CHECK ("need_photos"."content_type" in ('image/jpeg','image/png','image/webp'))
);
--> statement-breakpoint
ALTER TABLE "need_photos" ADD CONSTRAINT "need_photos_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_photos" ADD CONSTRAINT "need_photos_progress_id_need_progress_id_fk" FOREIGN KEY ("progress_id") REFERENCES "public"."need_progress"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_photos" ADD CONSTRAINT "need_photos_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "need_photos_need_idx" ON "need_photos" USING btree ("need_id");