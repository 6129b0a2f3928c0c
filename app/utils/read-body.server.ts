/**
 * Reads a request body into memory, refusing anything above `limit` bytes.
 * Up to `drainLimit` bytes of an oversized body are read and dropped so the
 * browser gets the answer instead of a reset connection; beyond that, cut.
 */
export async function readBody(request: Request, limit: number, drainLimit: number): Promise<Uint8Array<ArrayBuffer> | "TOO_LARGE"> {
  if (!request.body) return new Uint8Array();
  const declared = Number(request.headers.get("content-length") ?? "");
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = declared > limit;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) tooLarge = true;
    if (tooLarge) {
      chunks.length = 0;
      if (total > drainLimit) {
        await reader.cancel();
        break;
      }
    } else {
      chunks.push(value);
    }
  }
  if (tooLarge) return "TOO_LARGE";
  const body = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return body;
}
