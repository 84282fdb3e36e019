ALTER TABLE "search_documents" ADD COLUMN "categories" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
UPDATE "search_documents" SET "categories" = ARRAY["category"] WHERE "category" IS NOT NULL;
