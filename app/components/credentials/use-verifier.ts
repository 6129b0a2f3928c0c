import { verifyAsync } from "@noble/ed25519";
import { useEffect, useState } from "react";
import {
  fromBase64Url,
  parseCredential,
  parseRevocationBody,
  verifyCredential,
  type RevocationBody,
  type VerifyResult,
} from "~/domain/credentials/credential.ts";

// The verifier's state in the browser (decision 068): the public keys and the
// newest signed revocation list it holds — from the page, from the network when
// online, or from this device's storage when not — and the check itself, run
// locally with @noble/ed25519 (no network, no server).

export type PublicKey = { kid: string; publicKey: string };
export type SignedList = { kid: string; body: string; signature: string };
const STORE = "kt1-verify";

async function signatureOk(keys: readonly PublicKey[], kid: string, message: Uint8Array, signature: Uint8Array) {
  const key = keys.find((k) => k.kid === kid);
  const raw = key ? fromBase64Url(key.publicKey) : null;
  if (!raw) return false;
  try {
    return await verifyAsync(signature, message, raw);
  } catch {
    return false;
  }
}

/** The list's body when its signature checks out with a known key; else null. */
async function checkedList(keys: readonly PublicKey[], list: SignedList | null): Promise<RevocationBody | null> {
  const signature = list ? fromBase64Url(list.signature) : null;
  if (!list || !signature) return null;
  const ok = await signatureOk(keys, list.kid, new TextEncoder().encode(list.body), signature);
  return ok ? parseRevocationBody(list.body) : null;
}

function stored(): { keys: PublicKey[]; list: SignedList } | null {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? "null");
  } catch {
    return null;
  }
}

/** Makes the page and what it loaded available offline (the service worker serves them). */
async function goOffline() {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return false;
  await navigator.serviceWorker.register("/verify/sw.js", { scope: "/verify/" });
  await navigator.serviceWorker.ready;
  const own = performance
    .getEntriesByType("resource")
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === location.origin && u.pathname.startsWith("/assets/"))
    .map((u) => u.pathname);
  const cache = await caches.open("kt1-verify-v1");
  await cache.addAll([...new Set([location.pathname, ...own])]);
  return true;
}

export function useVerifier(initial: { keys: PublicKey[]; list: SignedList }) {
  const [keys, setKeys] = useState(initial.keys);
  const [list, setList] = useState<RevocationBody | null>(null);
  const [offlineReady, setOfflineReady] = useState(false);
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      // The newest of: the page's data, this device's copy, the network's.
      const candidates = [initial, stored()].filter((c): c is { keys: PublicKey[]; list: SignedList } => !!c);
      try {
        const [k, l] = await Promise.all([fetch("/verify/keys.json"), fetch("/verify/revocations.json")]);
        if (k.ok && l.ok) candidates.push({ keys: (await k.json()).keys, list: await l.json() });
      } catch {
        // offline: what the page and the device hold
      }
      let best: { keys: PublicKey[]; list: SignedList; body: RevocationBody } | null = null;
      for (const c of candidates) {
        const body = await checkedList(c.keys, c.list);
        if (body && (!best || body.issuedAt > best.body.issuedAt)) best = { ...c, body };
      }
      if (!live) return;
      if (best) {
        setKeys(best.keys);
        setList(best.body);
        localStorage.setItem(STORE, JSON.stringify({ keys: best.keys, list: best.list }));
      }
      setCheckedAt(new Date());
      setOfflineReady(await goOffline().catch(() => false));
    })();
    return () => {
      live = false;
    };
    // Once per page load: `initial` is the loader's data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function check(text: string): Promise<VerifyResult> {
    const parsed = parseCredential(text);
    const keyKnown = !!parsed && keys.some((k) => k.kid === parsed.payload.k);
    const signatureValid = !!parsed && keyKnown && (await signatureOk(keys, parsed.payload.k, parsed.message, parsed.signature));
    return verifyCredential({ parsed, keyKnown, signatureValid, list }, new Date());
  }

  return { keys, list, checkedAt, offlineReady, check };
}
