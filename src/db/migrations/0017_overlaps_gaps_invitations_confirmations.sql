CREATE TABLE "throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gap_counters" (
	"activity_id" integer PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gap_entries" (
	"gap_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"note" text,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gap_entries_gap_id_entry_id_pk" PRIMARY KEY("gap_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "gap_organizations" (
	"gap_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	CONSTRAINT "gap_organizations_gap_id_organization_id_pk" PRIMARY KEY("gap_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "gaps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "gaps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"topic" text,
	"priority" text NOT NULL,
	"research_needed" boolean DEFAULT false NOT NULL,
	"recommendation" text,
	"status" text NOT NULL,
	"proposer_user_id" integer,
	"proposer_name" text NOT NULL,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gaps_activity_number_unique" UNIQUE("activity_id","number"),
	CONSTRAINT "gaps_number_positive" CHECK ("gaps"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"replaced_token_hashes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invited_by_user_id" integer,
	"invited_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"send_count" integer DEFAULT 1 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"accepted_by_user_id" integer,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sign_ups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sign_ups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"user_id" integer,
	CONSTRAINT "sign_ups_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "overlap_liaison_drafts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "overlap_liaison_drafts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"entry_a_id" integer NOT NULL,
	"entry_b_id" integer NOT NULL,
	"statement_id" integer NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overlap_liaison_drafts_pair_unique" UNIQUE("activity_id","entry_a_id","entry_b_id")
);
--> statement-breakpoint
DROP INDEX "overlap_candidates_score_idx";--> statement-breakpoint
DROP INDEX "overlap_runs_one_running";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "publish_overlaps" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "publish_gaps" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmap_entries" ADD COLUMN "equivalents" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "registration_confirmation" text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmation_token_hash" text;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmation_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmed_by" text;--> statement-breakpoint
ALTER TABLE "overlap_runs" ADD COLUMN "runner" text DEFAULT 'command' NOT NULL;--> statement-breakpoint
ALTER TABLE "gap_counters" ADD CONSTRAINT "gap_counters_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_entries" ADD CONSTRAINT "gap_entries_gap_id_gaps_id_fk" FOREIGN KEY ("gap_id") REFERENCES "public"."gaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_entries" ADD CONSTRAINT "gap_entries_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_organizations" ADD CONSTRAINT "gap_organizations_gap_id_gaps_id_fk" FOREIGN KEY ("gap_id") REFERENCES "public"."gaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_organizations" ADD CONSTRAINT "gap_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gaps" ADD CONSTRAINT "gaps_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gaps" ADD CONSTRAINT "gaps_proposer_user_id_users_id_fk" FOREIGN KEY ("proposer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_ups" ADD CONSTRAINT "sign_ups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_entry_a_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_a_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_entry_b_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_b_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_statement_id_liaison_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."liaison_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gap_entries_entry_idx" ON "gap_entries" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "gap_organizations_organization_idx" ON "gap_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "gaps_activity_status_idx" ON "gaps" USING btree ("activity_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_unique" ON "invitations" USING btree ("activity_id","person_id","role") WHERE "invitations"."accepted_at" is null and "invitations"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "invitations_activity_idx" ON "invitations" USING btree ("activity_id","id");--> statement-breakpoint
CREATE INDEX "sign_ups_email_idx" ON "sign_ups" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "overlap_liaison_drafts_statement_idx" ON "overlap_liaison_drafts" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_recipient_idx" ON "mail_outbox" USING btree (lower("recipient"),"created_at");--> statement-breakpoint
CREATE INDEX "overlap_candidates_queue_idx" ON "overlap_candidates" USING btree ("score" DESC NULLS FIRST,"entry_a_id","entry_b_id");--> statement-breakpoint
CREATE UNIQUE INDEX "overlap_runs_one_active" ON "overlap_runs" USING btree (("status" in ('queued', 'running'))) WHERE "overlap_runs"."status" in ('queued', 'running');--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD CONSTRAINT "meeting_registrations_confirmation_token_hash_unique" UNIQUE("confirmation_token_hash");