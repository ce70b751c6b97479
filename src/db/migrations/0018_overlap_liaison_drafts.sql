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
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_entry_a_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_a_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_entry_b_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_b_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_statement_id_liaison_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."liaison_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_liaison_drafts" ADD CONSTRAINT "overlap_liaison_drafts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "overlap_liaison_drafts_statement_idx" ON "overlap_liaison_drafts" USING btree ("statement_id");