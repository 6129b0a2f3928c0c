-- A duty notice (decision 065) in the reminder outbox: its own kind, added in a
-- migration of its own because a new enum value cannot be used in the
-- transaction that adds it (20261207300100_staff_duties uses it).
ALTER TYPE "ReminderKind" ADD VALUE 'DUTY';
