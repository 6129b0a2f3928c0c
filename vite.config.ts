import { reactRouter } from "@react-router/dev/vite";
import { defineConfig, type Plugin } from "vite";
import path from "node:path";

/**
 * The browser's build gets app/i18n/index.client.ts wherever app/i18n/index.ts
 * is imported: a page then ships the one dictionary embedded in it, not both
 * languages' (decision 063). The server build keeps index.ts.
 */
function clientDictionary(): Plugin {
  const serverModule = path.resolve(import.meta.dirname, "app/i18n/index.ts");
  const clientModule = path.resolve(import.meta.dirname, "app/i18n/index.client.ts");
  return {
    name: "kt1-client-dictionary",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options?.ssr || !source.endsWith("index.ts") || importer === clientModule) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === serverModule ? clientModule : null;
    },
  };
}

export default defineConfig({
  plugins: [clientDictionary(), reactRouter()],
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  build: { sourcemap: false },
});
