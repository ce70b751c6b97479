ALTER TABLE "meetings" ADD COLUMN "registration_confirmation" text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmation_token_hash" text;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmation_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD COLUMN "confirmed_by" text;--> statement-breakpoint
CREATE INDEX "mail_outbox_recipient_idx" ON "mail_outbox" USING btree (lower("recipient"),"created_at");--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD CONSTRAINT "meeting_registrations_confirmation_token_hash_unique" UNIQUE("confirmation_token_hash");