import { data } from "react-router";
import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { changeOwnPassword } from "~/services/account.server.ts";
import type { SessionUser } from "./context.server.ts";
import { sessionCookie } from "./cookies.server.ts";
import type { Translate } from "~/i18n/index.ts";

const Schema = z.object({
  currentPassword: z.string().max(256),
  newPassword: z.string().max(256),
  confirmPassword: z.string().max(256),
});

/** The form field a refusal is shown under. */
const FIELD: Record<string, "currentPassword" | "confirmPassword"> = {
  WRONG_PASSWORD: "currentPassword",
  RATE_LIMITED: "currentPassword",
  MISMATCH: "confirmPassword",
};

/** The change-password action shared by /account and /account/password. */
export async function handlePasswordChange(form: FormData, user: SessionUser, t: Translate, done: (headers: HeadersInit) => Response) {
  const parsed = Schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ errors: { newPassword: t("form.required") } }, { status: 400 });
  const now = new Date();
  const result = await changeOwnPassword(user.personId, parsed.data, now);
  if (result.ok) throw done({ "Set-Cookie": sessionCookie(result.value.token, result.value.expiresAt, now) });
  if (result.code === "RATE_LIMITED") {
    return data({ errors: { currentPassword: t("account.tooManyGuesses", { minutes: result.retryAfterMinutes }) } }, { status: 429 });
  }
  const message =
    result.code === "WRONG_PASSWORD"
      ? t("account.wrongPassword")
      : result.code === "MISMATCH"
        ? t("account.mismatch")
        : t(`password.${result.code}`, { min: PASSWORD_MIN_LENGTH });
  return data({ errors: { [FIELD[result.code] ?? "newPassword"]: message } }, { status: 400 });
}
