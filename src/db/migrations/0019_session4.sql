CREATE TABLE "staged_uploads" (
	"sha256" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "circulars" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "circulars_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"kind" text NOT NULL,
	"meeting_id" integer,
	"texts" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"tsb_number" text,
	"document_id" integer,
	"announcement_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	CONSTRAINT "circulars_tsb_number_unique" UNIQUE("tsb_number")
);
--> statement-breakpoint
CREATE TABLE "activity_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"language" text NOT NULL,
	"audience" text DEFAULT 'members' NOT NULL,
	"from_date" date,
	"from_meeting" integer,
	"to_date" date,
	"to_meeting" integer,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"body" text NOT NULL,
	"tsag_number" text,
	"document_id" integer,
	"document_number" text,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_name" text NOT NULL,
	"released_at" timestamp with time zone,
	"released_by_name" text
);
--> statement-breakpoint
ALTER TABLE "roadmap_proposals" DROP CONSTRAINT "roadmap_proposals_change_has_entry";--> statement-breakpoint
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
ALTER TABLE "agenda_items" ADD COLUMN "title_fr" text;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "circulars_activity_idx" ON "circulars" USING btree ("activity_id","created_at");--> statement-breakpoint
CREATE INDEX "activity_reports_activity_idx" ON "activity_reports" USING btree ("activity_id","id");--> statement-breakpoint
ALTER TABLE "roadmap_proposals" ADD CONSTRAINT "roadmap_proposals_change_has_entry" CHECK (("roadmap_proposals"."kind" <> 'new_entry') = ("roadmap_proposals"."entry_id" is not null));