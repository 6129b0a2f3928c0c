import type { Route } from "./+types/people.$personId_.commitment_.scan.$signatureId";
import { can } from "~/domain/access/permissions.ts";
import { commitmentScan } from "~/services/commitment.server.ts";
import { requireFound, requireId, requireScope } from "~/utils/auth.server.ts";

const EXTENSION: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };

// GET /people/:personId/commitment/scan/:signatureId — the scanned paper
// commitment, for those who may read the person. Always a download, typed by
// what its first bytes were when it was recorded, never by the uploader's word.
export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "people:read");
  const personId = requireId(args.params.personId);
  const scan = requireFound(
    await commitmentScan(requireId(args.params.signatureId)),
    (s) => s.personId === personId && can(user.grants, "people:read", s.unitPath),
  );
  return new Response(new Uint8Array(scan.bytes), {
    headers: {
      "Content-Type": scan.contentType,
      "Content-Disposition": `attachment; filename="cam-ket-${personId}-${args.params.signatureId}.${EXTENSION[scan.contentType] ?? "bin"}"`,
      "Content-Length": String(scan.bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
