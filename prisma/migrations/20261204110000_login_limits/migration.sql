-- Login limits with backoff (decision 034): a counter remembers its last
-- counted attempt (the lock runs from there) and when it may be forgotten
-- (housekeeping deletes rows past expires_at, whatever their policy).
ALTER TABLE "rate_limits" ADD COLUMN "last_at" TIMESTAMPTZ(3);
ALTER TABLE "rate_limits" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
UPDATE "rate_limits" SET "last_at" = "window_start", "expires_at" = "window_start" + interval '1 day';
ALTER TABLE "rate_limits" ALTER COLUMN "last_at" SET NOT NULL;
ALTER TABLE "rate_limits" ALTER COLUMN "expires_at" SET NOT NULL;

DROP INDEX "rate_limits_window_start_idx";
CREATE INDEX "rate_limits_expires_at_idx" ON "rate_limits"("expires_at");
