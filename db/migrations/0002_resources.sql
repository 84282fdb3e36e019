CREATE TYPE "public"."venue_booking_status" AS ENUM('confirmed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."background_check_status" AS ENUM('pending', 'verified', 'rejected', 'expired');--> statement-breakpoint
CREATE TYPE "public"."background_check_type" AS ENUM('no_criminal_record', 'child_safeguarding', 'elder_care_training', 'health_certificate', 'first_aid_certificate');--> statement-breakpoint
CREATE TYPE "public"."goods_mode" AS ENUM('lendable', 'consumable');--> statement-breakpoint
CREATE TYPE "public"."goods_loan_kind" AS ENUM('lend', 'give');--> statement-breakpoint
CREATE TYPE "public"."resource_member_role" AS ENUM('leader', 'member');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('invited', 'requested', 'active', 'declined', 'left');--> statement-breakpoint
CREATE TYPE "public"."offer_type" AS ENUM('service', 'venue', 'goods', 'in_kind');--> statement-breakpoint
CREATE TYPE "public"."provider_type" AS ENUM('business', 'agency', 'resident', 'organisation');--> statement-breakpoint
CREATE TYPE "public"."organisation_registration_status" AS ENUM('registered', 'filed', 'informal');--> statement-breakpoint
CREATE TYPE "public"."resource_kind" AS ENUM('volunteer', 'team', 'organisation', 'offer', 'venue', 'goods');--> statement-breakpoint
CREATE TYPE "public"."resource_status" AS ENUM('active', 'inactive');--> statement-breakpoint
CREATE TYPE "public"."travel_radius" AS ENUM('building', 'compound', 'grid', 'community', 'street', 'district');--> statement-breakpoint
CREATE TYPE "public"."verification_status" AS ENUM('unverified', 'verified', 'rejected');--> statement-breakpoint
CREATE TABLE "background_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"type" "background_check_type" NOT NULL,
	"issuer" text NOT NULL,
	"reference" text,
	"status" "background_check_status" DEFAULT 'pending' NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goods_loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goods_id" uuid NOT NULL,
	"kind" "goods_loan_kind" NOT NULL,
	"quantity" integer NOT NULL,
	"borrower_user_id" uuid,
	"borrower_name" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"due_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"returned_to" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goods_loan_quantity" CHECK ("goods_loans"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "offer_details" (
	"resource_id" uuid PRIMARY KEY NOT NULL,
	"offer_type" "offer_type" NOT NULL,
	"provider_type" "provider_type" NOT NULL,
	"provider_name" text NOT NULL,
	"capacity" integer,
	"quantity" integer,
	"goods_mode" "goods_mode",
	"value_minor" integer,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exceptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"slot_minutes" integer,
	"available_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_counts_nonnegative" CHECK (coalesce("offer_details"."capacity", 0) >= 0 and coalesce("offer_details"."quantity", 0) >= 0 and coalesce("offer_details"."value_minor", 0) >= 0),
	CONSTRAINT "offer_slot_minutes" CHECK ("offer_details"."slot_minutes" is null or "offer_details"."slot_minutes" between 15 and 1440)
);
--> statement-breakpoint
CREATE TABLE "organisation_profiles" (
	"resource_id" uuid PRIMARY KEY NOT NULL,
	"registration_status" "organisation_registration_status" NOT NULL,
	"registration_number" text,
	"service_area_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"verification" "verification_status" DEFAULT 'unverified' NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "resource_member_role" DEFAULT 'member' NOT NULL,
	"status" "membership_status" NOT NULL,
	"invited_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "resource_kind" NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"community_id" uuid,
	"grid_id" uuid,
	"status" "resource_status" DEFAULT 'active' NOT NULL,
	"owner_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_profiles" (
	"resource_id" uuid PRIMARY KEY NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_area_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"slot_end" timestamp with time zone NOT NULL,
	"booked_by" uuid NOT NULL,
	"purpose" text NOT NULL,
	"attendees" integer DEFAULT 1 NOT NULL,
	"status" "venue_booking_status" DEFAULT 'confirmed' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venue_booking_order" CHECK ("venue_bookings"."slot_end" > "venue_bookings"."slot_start")
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"resource_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exceptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"travel_radius" "travel_radius" DEFAULT 'community' NOT NULL,
	"max_hours_per_week" integer DEFAULT 4 NOT NULL,
	"consent_to_contact" boolean DEFAULT false NOT NULL,
	"contact_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_max_hours" CHECK ("volunteer_profiles"."max_hours_per_week" between 0 and 168)
);
--> statement-breakpoint
ALTER TABLE "background_checks" ADD CONSTRAINT "background_checks_volunteer_id_resources_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "background_checks" ADD CONSTRAINT "background_checks_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_loans" ADD CONSTRAINT "goods_loans_goods_id_resources_id_fk" FOREIGN KEY ("goods_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_loans" ADD CONSTRAINT "goods_loans_borrower_user_id_users_id_fk" FOREIGN KEY ("borrower_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_loans" ADD CONSTRAINT "goods_loans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_loans" ADD CONSTRAINT "goods_loans_returned_to_users_id_fk" FOREIGN KEY ("returned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_details" ADD CONSTRAINT "offer_details_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_profiles" ADD CONSTRAINT "organisation_profiles_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_profiles" ADD CONSTRAINT "organisation_profiles_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_members" ADD CONSTRAINT "resource_members_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_members" ADD CONSTRAINT "resource_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_members" ADD CONSTRAINT "resource_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_members" ADD CONSTRAINT "resource_members_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_grid_id_places_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_profiles" ADD CONSTRAINT "team_profiles_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_venue_id_resources_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_booked_by_users_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "background_checks_volunteer_idx" ON "background_checks" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "background_checks_expiry_idx" ON "background_checks" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "goods_loans_goods_idx" ON "goods_loans" USING btree ("goods_id");--> statement-breakpoint
CREATE INDEX "resource_members_user_idx" ON "resource_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_members_open_unique" ON "resource_members" USING btree ("resource_id","user_id") WHERE "resource_members"."status" in ('invited', 'requested', 'active');--> statement-breakpoint
CREATE INDEX "resources_kind_idx" ON "resources" USING btree ("kind","status");--> statement-breakpoint
CREATE INDEX "resources_path_idx" ON "resources" USING btree ("place_path");--> statement-breakpoint
CREATE INDEX "resources_community_idx" ON "resources" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "resources_owner_idx" ON "resources" USING btree ("owner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_bookings_slot_unique" ON "venue_bookings" USING btree ("venue_id","slot_start") WHERE "venue_bookings"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "venue_bookings_user_idx" ON "venue_bookings" USING btree ("booked_by");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_user_unique" ON "volunteer_profiles" USING btree ("user_id");