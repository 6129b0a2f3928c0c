// The one shape every service and rule returns: a value, or a refusal with a
// code (what a route turns into a status and a message) and, when a rule found
// several problems at once, all of them. Refusals are data, never thrown.
export type Ok<T> = { ok: true; value: T };
export type Refused<C extends string = string, R = never> = { ok: false; code: C; reasons?: R[] };
export type Result<T, C extends string = string, R = never> = Ok<T> | Refused<C, R>;

export function ok<T>(value: T): Ok<T>;
export function ok(): Ok<undefined>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value };
}

export function refused<C extends string, R = never>(code: C, reasons?: R[]): Refused<C, R> {
  return reasons === undefined ? { ok: false, code } : { ok: false, code, reasons };
}
