import { describe, expect, it } from "vitest";
import { formValues } from "../../app/utils/forms.ts";

describe("formValues", () => {
  it("keeps the text fields to fill the form in again, without the intent", () => {
    const form = new FormData();
    form.set("intent", "create");
    form.set("code", "HN-01");
    form.set("name", "Bưu điện Hà Nội");
    expect(formValues(form)).toEqual({ code: "HN-01", name: "Bưu điện Hà Nội" });
  });

  it("never sends back an omitted field or a file", () => {
    const form = new FormData();
    form.set("fullName", "Nguyễn Văn A");
    form.set("password", "secret-123");
    form.set("photo", new File(["x"], "a.png"));
    expect(formValues(form, ["password"])).toEqual({ fullName: "Nguyễn Văn A" });
  });
});
