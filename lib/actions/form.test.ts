import { describe, expect, it } from "vitest";
import { formValues } from "./form";

describe("formValues", () => {
  it("reads string fields, files as empty, and anything that is not a form as no fields", () => {
    const form = new FormData();
    form.set("name", "<script>x</script>");
    form.set("file", new Blob(["x"]), "x.txt");
    expect(formValues(form)).toEqual({ name: "<script>x</script>", file: "" });
    for (const notAForm of [null, undefined, "name=x", 42, { get: () => "x" }, [["name", "x"]]]) expect(formValues(notAForm)).toEqual({});
  });
});
