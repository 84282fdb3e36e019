CREATE TABLE "search_documents" (
	"generation" integer NOT NULL,
	"list" text NOT NULL,
	"doc_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"category" text,
	"community" text,
	"grid" text,
	"status" text,
	"urgency" text,
	"kind" text,
	"created_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone,
	"locale" text,
	"tsv" "tsvector" NOT NULL,
	"tombstone" boolean DEFAULT false NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_documents_pkey" PRIMARY KEY("generation","list","doc_id")
);
--> statement-breakpoint
CREATE TABLE "search_state" (
	"engine" text PRIMARY KEY NOT NULL,
	"live_generation" integer NOT NULL,
	"building_generation" integer,
	"building_started_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_newest_idx" ON "search_documents" USING btree ("generation","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_documents_deadline_idx" ON "search_documents" USING btree ("generation","deadline");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_terms_prefix_idx" ON "search_terms" USING btree ("term" text_pattern_ops);