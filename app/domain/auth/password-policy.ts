import { foldDiacritics } from "~/domain/fold.ts";
// Password rules checked before hashing. Returned as codes; the UI words them.
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "TOO_SHORT" | "TOO_LONG" | "CONTAINS_PERSONAL_INFO" | "TOO_SIMPLE";

export function checkPassword(
  password: string,
  person: { fullName: string; employeeCode: string; email?: string | null },
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push("TOO_SHORT");
  if (password.length > PASSWORD_MAX_LENGTH) problems.push("TOO_LONG");
  const folded = foldDiacritics(password).replace(/\s+/g, "");
  const personal = [
    person.employeeCode,
    person.email?.split("@")[0] ?? "",
    ...person.fullName.split(/\s+/),
    person.fullName.replace(/\s+/g, ""),
  ]
    .map((p) => foldDiacritics(p))
    .filter((p) => p.length >= 3);
  if (personal.some((p) => folded.includes(p))) problems.push("CONTAINS_PERSONAL_INFO");
  if (new Set(folded).size < 4) problems.push("TOO_SIMPLE");
  return problems;
}
