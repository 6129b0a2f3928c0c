import { LRUCache } from "lru-cache";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MDX_COMPONENTS } from "~/components/mdx/components.tsx";
import { MdxContextProvider } from "~/components/mdx/mdx-context.ts";
import type { LoadedRegistry } from "./registry.server.ts";

// Page views never compile: a published version's compiled code becomes a
// component once per content hash, and its HTML once per (hash, audience,
// registry state). Both caches are per process and safe to lose.
type MdxComponent = ComponentType<{ components: typeof MDX_COMPONENTS }>;
const components = new LRUCache<string, MdxComponent>({ max: 300 });
const html = new LRUCache<string, string>({ max: 1000 });

/**
 * A lesson version's HTML. The compiled code is large, so it is asked for
 * (`loadCode`, e.g. a database read) only when neither the HTML nor the
 * component of this content hash is cached.
 */
export async function renderLessonHtml(
  version: { contentHash: string; loadCode: () => string | Promise<string> },
  registry: LoadedRegistry,
  /** `preview`: the editor's, whose knowledge checks are not forms (nothing there to answer). */
  opts: { trainer: boolean; preview?: boolean },
): Promise<string> {
  const key = `${version.contentHash}|${opts.trainer ? "t" : "l"}${opts.preview ? "p" : ""}|${registry.stamp}`;
  const hit = html.get(key);
  if (hit !== undefined) return hit;
  let Component = components.get(version.contentHash);
  if (!Component) {
    Component = getMDXComponent(await version.loadCode()) as MdxComponent;
    components.set(version.contentHash, Component);
  }
  let id = 0;
  let check = 0;
  const context = { documents: registry.documents, provisions: registry.provisions, glossary: registry.glossary, showTrainerNotes: opts.trainer, nextId: () => ++id, contentHash: opts.preview ? null : version.contentHash, nextCheck: () => check++ };
  const markup = renderToStaticMarkup(
    <MdxContextProvider value={context}>
      <Component components={MDX_COMPONENTS} />
    </MdxContextProvider>,
  );
  html.set(key, markup);
  return markup;
}
