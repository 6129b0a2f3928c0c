import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Route middleware: the root resolves the session once per request.
  future: { v8_middleware: true },
} satisfies Config;
