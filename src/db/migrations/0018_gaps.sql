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
ALTER TABLE "activities" ADD COLUMN "publish_gaps" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "gap_counters" ADD CONSTRAINT "gap_counters_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_entries" ADD CONSTRAINT "gap_entries_gap_id_gaps_id_fk" FOREIGN KEY ("gap_id") REFERENCES "public"."gaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_entries" ADD CONSTRAINT "gap_entries_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_organizations" ADD CONSTRAINT "gap_organizations_gap_id_gaps_id_fk" FOREIGN KEY ("gap_id") REFERENCES "public"."gaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_organizations" ADD CONSTRAINT "gap_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gaps" ADD CONSTRAINT "gaps_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gaps" ADD CONSTRAINT "gaps_proposer_user_id_users_id_fk" FOREIGN KEY ("proposer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gap_entries_entry_idx" ON "gap_entries" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "gap_organizations_organization_idx" ON "gap_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "gaps_activity_status_idx" ON "gaps" USING btree ("activity_id","status");