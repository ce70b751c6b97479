CREATE TABLE "roadmap_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmap_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" integer NOT NULL,
	"group_id" integer,
	"identifier" text NOT NULL,
	"identifier_key" text NOT NULL,
	"title" text NOT NULL,
	"kind" text DEFAULT 'other' NOT NULL,
	"status" text NOT NULL,
	"started_on" date,
	"target_on" date,
	"approved_on" date,
	"year" integer,
	"version" text,
	"editors" text,
	"scope" text,
	"url" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_entries_identifier_unique" UNIQUE("organization_id","identifier_key")
);
--> statement-breakpoint
CREATE TABLE "roadmap_item_topics" (
	"activity_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"topic_id" integer NOT NULL,
	CONSTRAINT "roadmap_item_topics_activity_id_entry_id_topic_id_pk" PRIMARY KEY("activity_id","entry_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "roadmap_items" (
	"activity_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_items_activity_id_entry_id_pk" PRIMARY KEY("activity_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "roadmap_relations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmap_relations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"from_entry_id" integer NOT NULL,
	"to_entry_id" integer NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_relations_unique" UNIQUE("from_entry_id","to_entry_id","kind"),
	CONSTRAINT "roadmap_relations_not_self" CHECK ("roadmap_relations"."from_entry_id" <> "roadmap_relations"."to_entry_id")
);
--> statement-breakpoint
CREATE TABLE "roadmap_topics" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmap_topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roadmap_entries" ADD CONSTRAINT "roadmap_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_entries" ADD CONSTRAINT "roadmap_entries_group_id_organizations_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_item_topics" ADD CONSTRAINT "roadmap_item_topics_topic_id_roadmap_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."roadmap_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_item_topics" ADD CONSTRAINT "roadmap_item_topics_activity_id_entry_id_roadmap_items_activity_id_entry_id_fk" FOREIGN KEY ("activity_id","entry_id") REFERENCES "public"."roadmap_items"("activity_id","entry_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_relations" ADD CONSTRAINT "roadmap_relations_from_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("from_entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_relations" ADD CONSTRAINT "roadmap_relations_to_entry_id_roadmap_entries_id_fk" FOREIGN KEY ("to_entry_id") REFERENCES "public"."roadmap_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_topics" ADD CONSTRAINT "roadmap_topics_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roadmap_entries_group_idx" ON "roadmap_entries" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "roadmap_item_topics_topic_idx" ON "roadmap_item_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "roadmap_items_entry_idx" ON "roadmap_items" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "roadmap_relations_to_idx" ON "roadmap_relations" USING btree ("to_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_topics_name_unique" ON "roadmap_topics" USING btree ("activity_id",lower("name"));