// Fenced commands → checklist data: expected output with its subject, and the box for a command-only section.
import { describe, expect, it } from "vitest";
import { commandCheckText, expectedOutputs, shouldText } from "./commands";

describe("expected output from “Should be” lines", () => {
  it("names what a bare comparison is about, from the command above it", () => {
    const body = [
      "# Check error rates",
      "curl $PROD_API/health | jq '.error_rate'",
      "# Should be: < 0.1%",
      "",
      "psql $PROD_DB -c \"SELECT COUNT(*) FROM files;\"",
      "# Should show: positive count",
    ].join("\n");
    expect(expectedOutputs(body)).toEqual(["error_rate < 0.1%", "files: positive count"]);
  });

  it("keeps the words as written when the command names no subject", () => {
    expect(expectedOutputs("git status\n# Should show: \"On branch main / nothing to commit\"")).toEqual(["On branch main / nothing to commit"]);
    expect(expectedOutputs("./check.sh\n# Should be: >= 3 nodes")).toEqual([">= 3 nodes"]);
  });

  it("takes the subject of the nearest command, not an earlier one", () => {
    expect(expectedOutputs("curl x | jq '.a'\n./other.sh\n# Should be: < 5")).toEqual(["< 5"]);
  });

  it("reads “Should show:” with or without # and quotes, and nothing else", () => {
    expect(shouldText("# Should be: 6eb59fa")).toBe("6eb59fa");
    expect(shouldText("Should show: \"Finished\"")).toBe("Finished");
    expect(shouldText("# Shouldn't matter")).toBeNull();
  });
});

describe("the box for a section that only runs a command", () => {
  it.each([
    ["Run Core Smoke Tests", "Core smoke tests pass"],
    ["Automated Checks", "Automated checks pass"],
    ["Database Health Check", "Database health check passes"],
    ["Execute API Tests", "API tests pass"],
    ["Warm Caches", "Warm caches done"],
    ["Run", "Run done"],
  ])("%s → %s", (title, text) => {
    expect(commandCheckText(title)).toBe(text);
  });
});
