import { isIP } from "node:net";
import { z } from "zod";

// Which peers may name the client's address in X-Forwarded-For (Express "trust
// proxy"). "false" (the default): nobody, req.ip is the TCP peer. Otherwise a
// hop count, or a comma-separated list of addresses, CIDRs and the names
// loopback / linklocal / uniquelocal. "true" is refused: trusting every peer
// lets any client choose its own rate-limit address (decision 031).
const SUBNET_NAMES = ["loopback", "linklocal", "uniquelocal"];
function isProxyAddress(item: string) {
  if (SUBNET_NAMES.includes(item)) return true;
  const [address, prefix, ...rest] = item.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
const trustProxy = z
  .string()
  .trim()
  .default("false")
  .transform((value, ctx): false | number | string[] => {
    if (value === "false") return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const items = value.split(",").map((s) => s.trim());
    const bad = items.filter((s) => !isProxyAddress(s));
    if (bad.length === 0) return items;
    ctx.addIssue({
      code: "custom",
      message: `"${bad.join('", "')}" is not a proxy address: use false, a hop count, or addresses/CIDRs/loopback/linklocal/uniquelocal separated by commas ("true" would trust every client)`,
    });
    return z.NEVER;
  });

// Every setting the app reads, parsed once at start: a bad value stops the
// process with a message naming the variable instead of failing later.
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    // The app's own role (least privilege); MIGRATION_DATABASE_URL: the owner, for
    // migrations only (docs/decisions/036-database-roles.md). Without the second,
    // migrations run as DATABASE_URL and the start log warns if it is too powerful.
    DATABASE_URL: z.string().url().optional(),
    MIGRATION_DATABASE_URL: z.string().url().optional(),
    // A replica for dashboards, exports and reports, read in read-only sessions; unset: the main database.
    DATABASE_READ_URL: z.string().url().optional(),
    // Connections each app process keeps to PostgreSQL (see docs/decisions/014-database-pool-size.md).
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    // App processes serving HTTP on the one port (node:cluster); 1 = this process alone.
    WEB_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
    // Each worker's V8 old space, in MB (--max-old-space-size): without it V8 lets garbage grow to
    // gigabytes on a large machine before collecting (decision 077). A worker that needs more dies
    // and the primary starts another.
    WORKER_HEAP_MB: z.coerce.number().int().min(128).max(16384).default(256),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    EMBEDDED_PG_DIR: z.string().default("./data/postgres"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
    // auto: Secure cookies (and HSTS) in production unless PUBLIC_URL is http:// or,
    // without PUBLIC_URL, HOST is a loopback address (decision 031).
    SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
    TRUST_PROXY: trustProxy,
    // Background jobs (expiry reminders, via pg-boss in schema "pgboss").
    JOBS: z.enum(["on", "off"]).default("on"),
    // Outgoing mail. Without SMTP_HOST, reminders stay in the app (no email).
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_SECURE: z.enum(["true", "false"]).optional(),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().min(3).optional(),
    // A file outside the database where the server appends a checkpoint of the
    // audit chain's head once a day (decision 027); unset: no daily checkpoint.
    AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
    // Nightly backups (decision 059): a folder, and how many backups to keep there; unset: none.
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
    // The key that seals the credential signing keys in the database (decision 068): 32 bytes,
    // base64; else read from CREDENTIAL_KEY_FILE, which is created (mode 600) on first start.
    // Every host of one deployment needs the same key.
    CREDENTIAL_KEY: z
      .string()
      .trim()
      .refine((v) => Buffer.from(v, "base64").length === 32, "32 bytes in base64 (openssl rand -base64 32)")
      .optional(),
    CREDENTIAL_KEY_FILE: z.string().min(1).default("./data/credential-key"),
    // A bearer token for GET /metrics (decision 067); unset: /metrics does not exist.
    METRICS_TOKEN: z.string().min(16, "at least 16 characters (e.g. openssl rand -hex 32)").optional(),
    /** The address people open the app at, for links in emails, e.g. https://kt1.example.vn */
    PUBLIC_URL: z.string().url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL)
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "required when MIGRATION_DATABASE_URL is set" });
    if (env.SMTP_HOST && !env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required when SMTP_HOST is set" });
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

class InvalidEnvError extends Error {}

/** The settings in `vars`; an invalid one throws, naming the variable. */
export function parseEnv(vars: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(vars);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new InvalidEnvError(`Invalid environment:\n${lines.join("\n")}`);
}

export function getEnv(): Env {
  if (cached) return cached;
  try {
    cached = parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  return cached;
}

/**
 * Whether cookies carry Secure (and responses Strict-Transport-Security). With
 * auto, the public address decides when it is known; else a loopback HOST means
 * plain http on this machine (npm start, tests). HOST=0.0.0.0 listens on every
 * interface: it is not local.
 */
export function cookiesAreSecure(env: Env = getEnv()) {
  if (env.SECURE_COOKIES !== "auto") return env.SECURE_COOKIES === "true";
  if (env.NODE_ENV !== "production") return false;
  if (env.PUBLIC_URL) return new URL(env.PUBLIC_URL).protocol === "https:";
  return !isLoopback(env.HOST);
}

/** The Strict-Transport-Security value to send, or null when the app is served over plain http. */
export function strictTransportSecurity(env: Env = getEnv()): string | null {
  return cookiesAreSecure(env) ? "max-age=31536000; includeSubDomains" : null;
}

function isLoopback(host: string) {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
