import { z } from "zod";

// Every setting the app reads, parsed once at start: a bad value stops the
// process with a message naming the variable instead of failing later.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  EMBEDDED_PG_DIR: z.string().default("./data/postgres"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
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
