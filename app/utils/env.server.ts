import { z } from "zod";

// Every setting the app reads, parsed once at start: a bad value stops the
// process with a message naming the variable instead of failing later.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  // Connections each app process keeps to PostgreSQL (see docs/decisions/014-database-pool-size.md).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // App processes serving HTTP on the one port (node:cluster); 1 = this process alone.
  WEB_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  EMBEDDED_PG_DIR: z.string().default("./data/postgres"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
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
  /** The address people open the app at, for links in emails, e.g. https://kt1.example.vn */
  PUBLIC_URL: z.string().url().optional(),
}).superRefine((env, ctx) => {
  if (env.SMTP_HOST && !env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required when SMTP_HOST is set" });
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    console.error(`Invalid environment:\n${lines.join("\n")}`);
    process.exit(1);
  }
  cached = parsed.data;
  return cached;
}

export function cookiesAreSecure(env: Env = getEnv()) {
  if (env.SECURE_COOKIES === "auto") return env.NODE_ENV === "production" && !isLocal(env);
  return env.SECURE_COOKIES === "true";
}

// Plain http on localhost (npm start, tests) cannot carry Secure cookies.
function isLocal(env: Env) {
  return env.HOST === "127.0.0.1" || env.HOST === "localhost" || env.HOST === "0.0.0.0";
}
