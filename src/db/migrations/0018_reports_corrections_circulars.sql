CREATE TABLE "circular_profiles" (
	"activity_id" integer PRIMARY KEY NOT NULL,
	"founded_from" date,
	"founded_to" date,
	"recommendation_en" text,
	"recommendation_fr" text,
	"resolution_en" text,
	"resolution_fr" text,
	"signatory_name" text,
	"signatory_title_en" text,
	"signatory_title_fr" text,
	"contact_name" text,
	"telephone" text,
	"fax" text,
	"email" text,
	"addressees_en" text,
	"addressees_fr" text,
	"copies_en" text,
	"copies_fr" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "correction_of_id" integer;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "withdrawn_by_name" text;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "meeting_reports" ADD COLUMN "access" text DEFAULT 'members' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_reports" ADD COLUMN "tsag_number" text;--> statement-breakpoint
ALTER TABLE "circular_profiles" ADD CONSTRAINT "circular_profiles_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_correction_of_id_announcements_id_fk" FOREIGN KEY ("correction_of_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_correction_idx" ON "announcements" USING btree ("correction_of_id");