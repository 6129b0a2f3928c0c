import { currentRevocationList } from "~/services/credentials/credentials.server.ts";

// GET /verify/revocations.json — public: the newest signed list of revoked
// certifications still inside their validity (decision 068).
export async function loader() {
  const list = await currentRevocationList(new Date());
  return Response.json(list, { headers: { "Cache-Control": "no-cache" } });
}
