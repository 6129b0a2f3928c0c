// Outgoing mail for reminders. Configured from the environment (SMTP_*,
// MAIL_FROM); without SMTP_HOST there is no transport and reminders stay in the
// app: planning then creates no EMAIL rows at all.
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv, type Env } from "~/utils/env.server.ts";

/** What delivery needs of a nodemailer transport (its defaults carry `from`). */
export type MailTransport = Pick<Transporter, "sendMail">;

export type SmtpSettings = { host: string; port?: number; secure?: boolean; user?: string; password?: string; from: string };

export function createMailTransport(s: SmtpSettings): Transporter {
  const secure = s.secure ?? s.port === 465;
  return nodemailer.createTransport(
    {
      host: s.host,
      port: s.port ?? (secure ? 465 : 587),
      secure,
      auth: s.user ? { user: s.user, pass: s.password ?? "" } : undefined,
      // Delivery holds a row lock while sending: never wait minutes on a dead server.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
    { from: s.from, headers: { "Auto-Submitted": "auto-generated" } },
  );
}

function mailTransportFromEnv(env: Env = getEnv()): Transporter | null {
  if (!env.SMTP_HOST || !env.MAIL_FROM) return null;
  return createMailTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE === undefined ? undefined : env.SMTP_SECURE === "true",
    user: env.SMTP_USER,
    password: env.SMTP_PASSWORD,
    from: env.MAIL_FROM,
  });
}

let cached: { transport: Transporter | null } | undefined;

/** The process's transport (null: email is off). */
export function getMailTransport(): Transporter | null {
  cached ??= { transport: mailTransportFromEnv() };
  return cached.transport;
}

/** The base of links in emails, without a trailing slash (null when PUBLIC_URL is unset). */
export function publicUrlFromEnv(env: Env = getEnv()): string | null {
  return env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : null;
}
