// Limits shared by the authoring pages and their server code.

/** Longest lesson source accepted from a form (the longest shipped lesson is ~15 kB). */
export const MAX_SOURCE_CHARS = 200_000;

/** Lesson paths: ASCII kebab-case, unique within a course. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
