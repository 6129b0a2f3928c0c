// Hand-off from the app to the background jobs. server/reminder-jobs.ts (loaded
// by server/index.ts, a module graph separate from the app's server build)
// registers its pg-boss sender here under a global symbol; the app only looks
// it up. Without one (JOBS=off, `react-router dev`, tests), delivery runs
// inline, limited to the rows just created.
import { deliverPending } from "./deliver.server.ts";
import { getMailTransport } from "./mailer.server.ts";

export type DeliveryRequest = (ids: number[]) => Promise<void>;

const KEY = Symbol.for("kt1.reminders.requestDelivery");
type Holder = { [KEY]?: DeliveryRequest | null };

export function setDeliveryQueue(fn: DeliveryRequest | null) {
  (globalThis as Holder)[KEY] = fn;
}

/** Asks for `ids` to be delivered now: queued when the job runner is up, else delivered inline. */
export async function requestDelivery(ids: number[], now = new Date()): Promise<"queued" | "delivered"> {
  if (ids.length === 0) return "delivered";
  const queue = (globalThis as Holder)[KEY];
  if (queue) {
    try {
      await queue(ids);
      return "queued";
    } catch {
      // The queue is unreachable: the rows are in the outbox, deliver them here.
    }
  }
  await deliverPending(now, getMailTransport(), { ids });
  return "delivered";
}
