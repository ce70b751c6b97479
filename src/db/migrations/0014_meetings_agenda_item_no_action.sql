ALTER TABLE "action_items" DROP CONSTRAINT "action_items_agenda_item_id_agenda_items_id_fk";
--> statement-breakpoint
ALTER TABLE "agenda_minutes" DROP CONSTRAINT "agenda_minutes_agenda_item_id_agenda_items_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_decisions" DROP CONSTRAINT "meeting_decisions_agenda_item_id_agenda_items_id_fk";
--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_minutes" ADD CONSTRAINT "agenda_minutes_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;