import { createContext, useContext } from "react";
import type { GlossaryEntry, LegalStatusInfo, ProvisionStatusInfo } from "~/services/content/registry.server.ts";

export type MdxRenderContext = {
  documents: ReadonlyMap<string, LegalStatusInfo>;
  /** Provisions with a status of their own, by citationKey (decision 052). */
  provisions: ReadonlyMap<string, ProvisionStatusInfo>;
  glossary: ReadonlyMap<string, GlossaryEntry>;
  showTrainerNotes: boolean;
  /** Per-render counter for unique element ids (tooltips, radio groups). */
  nextId: () => number;
  /** The rendered version's content hash (an answer names the version it answers); null in the editor's preview. */
  contentHash: string | null;
  /** Per-render counter of the knowledge checks learners answer (0-based, document order). */
  nextCheck: () => number;
  /** Inside a TrainerNote: learners never see it, so its checks are not numbered or posted. */
  inTrainerNote?: boolean;
};

const Ctx = createContext<MdxRenderContext | null>(null);
export const MdxContextProvider = Ctx.Provider;

export function useMdxContext(): MdxRenderContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("MDX components render only inside MdxContextProvider");
  return ctx;
}
