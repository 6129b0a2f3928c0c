// Named durations, so a test can state "a session idle for 30 days expires".
import { DAY_MS, HOUR_MS, MINUTE_MS } from "~/domain/time/calendar.ts";

export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used in its last 15 days is extended to a full lifetime again. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

// Login limits (decision 034). Every attempt is counted before the password is
// checked; a success takes its own attempt back.
/** Failed attempts on one account from one address before that pair is locked. */
export const LOGIN_FAILURES_PER_ADDRESS = 5;
/** Failed attempts on one account from all addresses in an hour before new addresses are locked. */
export const LOGIN_FAILURES_PER_ACCOUNT = 50;
export const LOGIN_ACCOUNT_WINDOW_MS = HOUR_MS;
/** Failed attempts from one address over all accounts in 15 minutes before the address is locked. */
export const LOGIN_FAILURES_PER_IP = 30;
export const LOGIN_IP_WINDOW_MS = 15 * MINUTE_MS;
/** The first lock; each further failure doubles it, up to LOCK_MAX_MS. */
export const LOCK_FIRST_MS = MINUTE_MS;
export const LOCK_MAX_MS = HOUR_MS;
/** A failure streak with no attempt for this long is forgotten. */
export const LOCK_FORGET_AFTER_MS = DAY_MS;
/** An address an account logged in from counts as the owner's for this long. */
export const KNOWN_ADDRESS_MS = 30 * DAY_MS;
/** Guesses of the current password on /account/password before it is locked. */
export const PASSWORD_CHANGE_FAILURES = 5;
