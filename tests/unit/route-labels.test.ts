import { readdirSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "react-router";
import { describe, expect, it } from "vitest";
import { routeResolver } from "../../server/metrics.ts";

// The metrics label each request with its route; ids in paths are read as 0 so
// that one remembered match serves every attempt, person or shift.

const route = (id: string, parentId: string | undefined, p: string) => ({ id, parentId, path: p, module: {} });
const build = {
  routes: {
    root: route("root", undefined, ""),
    "routes/exams": route("routes/exams", "root", "exams/:attemptId"),
    "routes/result": route("routes/result", "root", "exams/:attemptId/result"),
    "routes/people": route("routes/people", "root", "people/:personId"),
  },
} as unknown as ServerBuild;

describe("the route label of a request", () => {
  it("is the route's id whatever id the path holds, for pages and their .data requests", () => {
    const label = routeResolver(build);
    expect(label("/exams/1004201")).toBe("routes/exams");
    expect(label("/exams/7.data")).toBe("routes/exams");
    expect(label("/exams/12/result")).toBe("routes/result");
    expect(label("/people/55")).toBe("routes/people");
    expect(label("/people/an-code")).toBe("routes/people");
    expect(label("/nowhere/1/2/3")).toBe("unmatched");
    // The HTTP server's own handler (decision 082) has a fixed name.
    expect(label("/exams/12/answers")).toBe("exam-answers");
  });

  it("can read ids as 0 because no route file names a numeric segment of its own", () => {
    const root = path.resolve(import.meta.dirname, "../../app/routes");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const numeric = files.filter((f) =>
      f
        .replace(/\.tsx?$/, "")
        .split(/[./_]/)
        .some((segment) => /^\d+$/.test(segment)),
    );
    expect(numeric).toEqual([]);
  });
});
