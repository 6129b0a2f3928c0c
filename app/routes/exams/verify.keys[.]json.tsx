import { publicKeys } from "~/services/credentials/keys.server.ts";

// GET /verify/keys.json — public: every credential signing key's public half
// (decision 068), for the duty post's offline verifier. Old keys stay listed.
export async function loader() {
  const keys = await publicKeys();
  return Response.json({ keys }, { headers: { "Cache-Control": "no-cache" } });
}
