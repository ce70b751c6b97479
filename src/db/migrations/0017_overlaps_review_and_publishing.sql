DROP INDEX "overlap_candidates_score_idx";--> statement-breakpoint
DROP INDEX "overlap_runs_one_running";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "publish_overlaps" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "overlap_runs" ADD COLUMN "runner" text DEFAULT 'command' NOT NULL;--> statement-breakpoint
CREATE INDEX "overlap_candidates_queue_idx" ON "overlap_candidates" USING btree ("score" DESC NULLS FIRST,"entry_a_id","entry_b_id");--> statement-breakpoint
CREATE UNIQUE INDEX "overlap_runs_one_active" ON "overlap_runs" USING btree (("status" in ('queued', 'running'))) WHERE "overlap_runs"."status" in ('queued', 'running');