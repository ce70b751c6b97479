CREATE TABLE "liaison_organizations" (
	"statement_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"side" text NOT NULL,
	CONSTRAINT "liaison_organizations_statement_id_organization_id_side_pk" PRIMARY KEY("statement_id","organization_id","side")
);
--> statement-breakpoint
CREATE TABLE "liaison_recipients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "liaison_recipients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"statement_id" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_replies" (
	"reply_id" integer NOT NULL,
	"replied_to_id" integer NOT NULL,
	CONSTRAINT "liaison_replies_reply_id_replied_to_id_pk" PRIMARY KEY("reply_id","replied_to_id")
);
--> statement-breakpoint
CREATE TABLE "liaison_roadmap_entries" (
	"statement_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	CONSTRAINT "liaison_roadmap_entries_statement_id_entry_id_pk" PRIMARY KEY("statement_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "liaison_statements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "liaison_statements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"direction" text NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"deadline" date,
	"body" text DEFAULT '' NOT NULL,
	"their_reference" text,
	"from_contact_name" text,
	"from_contact_email" text,
	"received_on" date,
	"sent_on" date,
	"document_id" integer,
	"document_number" text,
	"meeting_id" integer,
	"agenda_item_id" integer,
	"assignee_person_id" integer,
	"action_status" text,
	"state" text,
	"approval_mode" text,
	"approval_meeting_id" integer,
	"objection_deadline" date,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by_name" text,
	"sent_at" timestamp with time zone,
	"access" text DEFAULT 'public' NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "liaison_organizations" ADD CONSTRAINT "liaison_organizations_statement_id_liaison_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."liaison_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_organizations" ADD CONSTRAINT "liaison_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_recipients" ADD CONSTRAINT "liaison_recipients_statement_id_liaison_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."liaison_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_replies" ADD CONSTRAINT "liaison_replies_reply_id_liaison_statements_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."liaison_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_replies" ADD CONSTRAINT "liaison_replies_replied_to_id_liaison_statements_id_fk" FOREIGN KEY ("replied_to_id") REFERENCES "public"."liaison_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_roadmap_entries" ADD CONSTRAINT "liaison_roadmap_entries_statement_id_liaison_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."liaison_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_roadmap_entries" ADD CONSTRAINT "liaison_roadmap_entries_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_statements" ADD CONSTRAINT "liaison_statements_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_statements" ADD CONSTRAINT "liaison_statements_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_statements" ADD CONSTRAINT "liaison_statements_assignee_person_id_people_id_fk" FOREIGN KEY ("assignee_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_statements" ADD CONSTRAINT "liaison_statements_approval_meeting_id_meetings_id_fk" FOREIGN KEY ("approval_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_statements" ADD CONSTRAINT "liaison_statements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "liaison_organizations_org_idx" ON "liaison_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "liaison_recipients_statement_idx" ON "liaison_recipients" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "liaison_replies_replied_to_idx" ON "liaison_replies" USING btree ("replied_to_id");--> statement-breakpoint
CREATE INDEX "liaison_statements_activity_idx" ON "liaison_statements" USING btree ("activity_id","direction");--> statement-breakpoint
CREATE INDEX "liaison_statements_deadline_idx" ON "liaison_statements" USING btree ("deadline");