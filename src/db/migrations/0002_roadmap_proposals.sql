CREATE TABLE "roadmap_proposals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmap_proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"kind" text NOT NULL,
	"entry_id" integer,
	"proposed" jsonb NOT NULL,
	"note" text,
	"proposer_user_id" integer,
	"proposer_person_id" integer,
	"proposer_name" text NOT NULL,
	"proposer_email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_user_id" integer,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"applied" jsonb,
	"resulting_entry_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_proposals_change_has_entry" CHECK (("roadmap_proposals"."kind" = 'change') = ("roadmap_proposals"."entry_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "roadmap_proposals" ADD CONSTRAINT "roadmap_proposals_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_proposals" ADD CONSTRAINT "roadmap_proposals_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_proposals" ADD CONSTRAINT "roadmap_proposals_proposer_user_id_users_id_fk" FOREIGN KEY ("proposer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_proposals" ADD CONSTRAINT "roadmap_proposals_proposer_person_id_people_id_fk" FOREIGN KEY ("proposer_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_proposals" ADD CONSTRAINT "roadmap_proposals_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_proposals" ADD CONSTRAINT "roadmap_proposals_resulting_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("resulting_entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roadmap_proposals_activity_idx" ON "roadmap_proposals" USING btree ("activity_id","status");--> statement-breakpoint
CREATE INDEX "roadmap_proposals_proposer_idx" ON "roadmap_proposals" USING btree ("proposer_user_id");--> statement-breakpoint
CREATE INDEX "roadmap_proposals_entry_idx" ON "roadmap_proposals" USING btree ("entry_id");