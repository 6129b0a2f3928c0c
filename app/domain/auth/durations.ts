// Named durations, so a test can state "a session idle for 30 days expires".
export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used in its last 15 days is extended to a full lifetime again. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export const LOGIN_WINDOW_MS = 15 * MINUTE_MS;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
export const LOGIN_MAX_FAILURES_PER_IP = 30;
