DROP INDEX "overlap_runs_one_running";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "publish_overlaps" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "overlap_runs" ADD COLUMN "runner" text DEFAULT 'command' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "overlap_runs_one_active" ON "overlap_runs" USING btree (("status" in ('queued', 'running'))) WHERE "overlap_runs"."status" in ('queued', 'running');