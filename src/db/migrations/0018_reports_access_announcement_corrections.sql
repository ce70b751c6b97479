ALTER TABLE "announcements" ADD COLUMN "correction_of_id" integer;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "withdrawn_by_name" text;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "meeting_reports" ADD COLUMN "access" text DEFAULT 'members' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_reports" ADD COLUMN "tsag_number" text;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_correction_of_id_announcements_id_fk" FOREIGN KEY ("correction_of_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_correction_idx" ON "announcements" USING btree ("correction_of_id");