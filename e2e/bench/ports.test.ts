import { describe, expect, it } from "vitest";
import { createPortPool } from "./ports";

describe("createPortPool", () => {
  it("hands out consecutive ports from the first one given", async () => {
    const pool = createPortPool(3500);
    expect([await pool.next(), await pool.next(), await pool.next()]).toEqual([3500, 3501, 3502]);
  });

  it("asks the kernel for a free port when no first port is given", async () => {
    const port = await createPortPool().next();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});
