ALTER TABLE "search_documents" ADD COLUMN "recent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "search_state" ADD COLUMN "recent_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "search_documents_recent_tsv_idx" ON "search_documents" USING gin ("tsv") WHERE recent;