ALTER TABLE "tor_versions" ADD COLUMN "scope_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tor_versions" ADD COLUMN "objectives_fr" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tor_versions" ADD COLUMN "participation_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tor_versions" ADD COLUMN "working_methods_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tor_versions" ADD COLUMN "administrative_support_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tor_versions" ADD COLUMN "meetings_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tor_versions" ADD COLUMN "reporting_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tor_versions" ADD COLUMN "duration_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "city_fr" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "colocated_event_fr" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "title_fr" text;