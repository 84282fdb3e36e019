CREATE TYPE "public"."matching_exhaustion_policy" AS ENUM('stop', 'pro_rate');--> statement-breakpoint
CREATE TYPE "public"."gift_source" AS ENUM('resident', 'business', 'other');--> statement-breakpoint
CREATE TYPE "public"."pledge_status" AS ENUM('open', 'fulfilled', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."matching_programme_status" AS ENUM('draft', 'active', 'closed');--> statement-breakpoint
CREATE TABLE "gift_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donation_id" uuid NOT NULL,
	"source" "gift_source" NOT NULL,
	"donor_key" text NOT NULL,
	"household_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_share_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"share_minor" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"household_count" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_share_plans_share_positive" CHECK ("household_share_plans"."share_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "matching_programme_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"pool_fund_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"funder_zh" text NOT NULL,
	"funder_en" text NOT NULL,
	"status" "matching_programme_status" DEFAULT 'draft' NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"tiers" jsonb NOT NULL,
	"seed_minor" bigint DEFAULT 0 NOT NULL,
	"min_gift_minor" bigint DEFAULT 0 NOT NULL,
	"per_donor_cap_minor" bigint,
	"per_project_cap_minor" bigint,
	"programme_cap_minor" bigint,
	"matched_sources" "gift_source"[] NOT NULL,
	"exhaustion" "matching_exhaustion_policy" DEFAULT 'stop' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_programmes_dates" CHECK ("matching_programmes"."ends_at" > "matching_programmes"."starts_at"),
	CONSTRAINT "matching_programmes_amounts" CHECK ("matching_programmes"."seed_minor" >= 0 and "matching_programmes"."min_gift_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pledge_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pledge_id" uuid NOT NULL,
	"donation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"project_id" uuid,
	"household_id" uuid,
	"user_id" uuid,
	"pledger_name" text NOT NULL,
	"pledger_email" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"source" "gift_source" DEFAULT 'resident' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" "pledge_status" DEFAULT 'open' NOT NULL,
	"reminded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledges_amount_positive" CHECK ("pledges"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "programme_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"donation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"donor_key" text NOT NULL,
	"ledger_group_id" uuid,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gift_records" ADD CONSTRAINT "gift_records_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_records" ADD CONSTRAINT "gift_records_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_share_plans" ADD CONSTRAINT "household_share_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_share_plans" ADD CONSTRAINT "household_share_plans_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_share_plans" ADD CONSTRAINT "household_share_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_programme_projects" ADD CONSTRAINT "matching_programme_projects_programme_id_matching_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."matching_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_programme_projects" ADD CONSTRAINT "matching_programme_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_programmes" ADD CONSTRAINT "matching_programmes_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_programmes" ADD CONSTRAINT "matching_programmes_pool_fund_id_funds_id_fk" FOREIGN KEY ("pool_fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_programmes" ADD CONSTRAINT "matching_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_payments" ADD CONSTRAINT "pledge_payments_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_payments" ADD CONSTRAINT "pledge_payments_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_matches" ADD CONSTRAINT "programme_matches_programme_id_matching_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."matching_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_matches" ADD CONSTRAINT "programme_matches_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_matches" ADD CONSTRAINT "programme_matches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_matches" ADD CONSTRAINT "programme_matches_ledger_group_id_ledger_groups_id_fk" FOREIGN KEY ("ledger_group_id") REFERENCES "public"."ledger_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gift_records_donation_unique" ON "gift_records" USING btree ("donation_id");--> statement-breakpoint
CREATE INDEX "gift_records_donor_idx" ON "gift_records" USING btree ("donor_key");--> statement-breakpoint
CREATE INDEX "gift_records_household_idx" ON "gift_records" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_share_plans_project_unique" ON "household_share_plans" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matching_programme_projects_unique" ON "matching_programme_projects" USING btree ("programme_id","project_id");--> statement-breakpoint
CREATE INDEX "matching_programme_projects_project_idx" ON "matching_programme_projects" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matching_programmes_pool_unique" ON "matching_programmes" USING btree ("pool_fund_id");--> statement-breakpoint
CREATE INDEX "matching_programmes_path_idx" ON "matching_programmes" USING btree ("place_path");--> statement-breakpoint
CREATE UNIQUE INDEX "pledge_payments_donation_unique" ON "pledge_payments" USING btree ("donation_id");--> statement-breakpoint
CREATE INDEX "pledge_payments_pledge_idx" ON "pledge_payments" USING btree ("pledge_id");--> statement-breakpoint
CREATE INDEX "pledges_fund_idx" ON "pledges" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "pledges_project_idx" ON "pledges" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "pledges_user_idx" ON "pledges" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "pledges_due_idx" ON "pledges" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pledges_household_project_unique" ON "pledges" USING btree ("household_id","project_id") WHERE "pledges"."household_id" is not null and "pledges"."status" in ('open', 'fulfilled');--> statement-breakpoint
CREATE UNIQUE INDEX "programme_matches_unique" ON "programme_matches" USING btree ("programme_id","donation_id");--> statement-breakpoint
CREATE INDEX "programme_matches_donor_idx" ON "programme_matches" USING btree ("programme_id","donor_key");--> statement-breakpoint
CREATE INDEX "programme_matches_project_idx" ON "programme_matches" USING btree ("programme_id","project_id");