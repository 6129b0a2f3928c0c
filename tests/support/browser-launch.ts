// Chromium for the browser suite and `npm run screenshots`: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium, else the browser `npx playwright install chromium` downloads. No
// browser is an error naming the install command, never a silently skipped suite.
// (No vitest here: scripts outside the test runner import it too.)
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // playwright-core has no browser of its own installed
  }
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu) " +
        "or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome binary.",
    );
  }
  return found;
}

export const DEMO_PASSWORD = "Kt1-demo-2026";
