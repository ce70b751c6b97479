CREATE TABLE "overlap_candidates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "overlap_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entry_a_id" integer NOT NULL,
	"entry_b_id" integer NOT NULL,
	"score" real NOT NULL,
	"text_score" real NOT NULL,
	"certain" boolean NOT NULL,
	"likely" boolean NOT NULL,
	"reasons" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overlap_candidates_pair_unique" UNIQUE("entry_a_id","entry_b_id"),
	CONSTRAINT "overlap_candidates_ordered" CHECK ("overlap_candidates"."entry_a_id" < "overlap_candidates"."entry_b_id")
);
--> statement-breakpoint
CREATE TABLE "overlap_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "overlap_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entry_a_id" integer NOT NULL,
	"entry_b_id" integer NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"fingerprint_a" text NOT NULL,
	"fingerprint_b" text NOT NULL,
	"decided_by_user_id" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overlap_reviews_pair_unique" UNIQUE("entry_a_id","entry_b_id"),
	CONSTRAINT "overlap_reviews_ordered" CHECK ("overlap_reviews"."entry_a_id" < "overlap_reviews"."entry_b_id")
);
--> statement-breakpoint
CREATE TABLE "overlap_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "overlap_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"status" text DEFAULT 'running' NOT NULL,
	"entry_count" integer,
	"pair_count" integer,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"requested_by_user_id" integer
);
--> statement-breakpoint
ALTER TABLE "overlap_candidates" ADD CONSTRAINT "overlap_candidates_entry_a_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_a_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_candidates" ADD CONSTRAINT "overlap_candidates_entry_b_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_b_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_reviews" ADD CONSTRAINT "overlap_reviews_entry_a_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_a_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_reviews" ADD CONSTRAINT "overlap_reviews_entry_b_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_b_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_reviews" ADD CONSTRAINT "overlap_reviews_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_runs" ADD CONSTRAINT "overlap_runs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "overlap_candidates_b_idx" ON "overlap_candidates" USING btree ("entry_b_id");--> statement-breakpoint
CREATE INDEX "overlap_candidates_score_idx" ON "overlap_candidates" USING btree ("score");--> statement-breakpoint
CREATE INDEX "overlap_reviews_b_idx" ON "overlap_reviews" USING btree ("entry_b_id");--> statement-breakpoint
CREATE UNIQUE INDEX "overlap_runs_one_running" ON "overlap_runs" USING btree ("status") WHERE "overlap_runs"."status" = 'running';