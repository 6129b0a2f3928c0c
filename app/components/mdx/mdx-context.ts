import { createContext, useContext } from "react";
import type { GlossaryEntry, LegalStatusInfo } from "~/services/content/registry.server.ts";

export type MdxRenderContext = {
  documents: ReadonlyMap<string, LegalStatusInfo>;
  glossary: ReadonlyMap<string, GlossaryEntry>;
  showTrainerNotes: boolean;
  /** Per-render counter for unique element ids (tooltips, radio groups). */
  nextId: () => number;
};

const Ctx = createContext<MdxRenderContext | null>(null);
export const MdxContextProvider = Ctx.Provider;

export function useMdxContext(): MdxRenderContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("MDX components render only inside MdxContextProvider");
  return ctx;
}
