// A template's render shared by the requests that miss it at the same moment
// (decision 087): at the start of an exam day, dozens of learners open the exam
// page of a process that has not rendered it yet.
import { describe, expect, it } from "vitest";
import { fromTemplate, PAGE_HOLES } from "~/services/document-template.server.ts";
import type { TemplateRender } from "~/utils/context.server.ts";

/** A render that waits for `finish()`, counting its calls; its loaders see `saw`. */
function slowRender(saw: (key: string) => string) {
  let calls = 0;
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const render = async () => {
    calls++;
    await done;
    return new Response(`<p>${PAGE_HOLES.name}</p>`, { status: 200 });
  };
  return { render, finish, calls: () => calls, reported: (key: string) => () => saw(key) };
}

const page = (key: string, r: ReturnType<typeof slowRender>, name: string) =>
  fromTemplate(key, r.render as (t: TemplateRender) => Promise<Response>, r.reported(key), { [PAGE_HOLES.name]: name });

describe("fromTemplate", () => {
  it("renders once for requests that miss the same template together, each filled with its own values", async () => {
    const r = slowRender((key) => key);
    const key = `shared-${Math.random()}`;
    const pages = ["An", "Bình", "Chi"].map((name) => page(key, r, name));
    r.finish();
    expect(await Promise.all(pages)).toEqual(["<p>An</p>", "<p>Bình</p>", "<p>Chi</p>"]);
    expect(r.calls()).toBe(1);
    // Later requests take it from the cache.
    expect(await page(key, r, "Dũng")).toBe("<p>Dũng</p>");
    expect(r.calls()).toBe(1);
  });

  it("a render that saw another key is nobody else's: the waiting requests render their own", async () => {
    const r = slowRender(() => "something changed meanwhile");
    const key = `changed-${Math.random()}`;
    const pages = ["An", "Bình"].map((name) => page(key, r, name));
    r.finish();
    expect(await Promise.all(pages)).toEqual(["<p>An</p>", "<p>Bình</p>"]);
    expect(r.calls()).toBe(2);
  });
});
