-- The quality gate's item statistics, precomputed (decision 084). An exam start
-- aggregated every response to the exam's questions (itemFacts) inside its own
-- transaction, once a minute per process; in exam day's first second those reads
-- took 0.4-0.5 s each while the starts behind them held their pool connections,
-- and their cost grows with every exam day. The housekeeping round now replaces
-- the rows of each exam with new submissions; a start reads a few rows by key.
-- CreateTable
CREATE TABLE "item_statistics" (
    "exam_id" INTEGER NOT NULL,
    "question_version_id" INTEGER NOT NULL,
    "responses" INTEGER NOT NULL,
    "discrimination" DOUBLE PRECISION,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "item_statistics_pkey" PRIMARY KEY ("exam_id","question_version_id")
);
