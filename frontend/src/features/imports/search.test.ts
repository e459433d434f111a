import { describe, expect, it } from "vitest";
import { parseImportKind } from "./csv";
import { parseImportSearch } from "./search";

describe("parseImportSearch", () => {
  it.each(["customers", "departments", "pilots", undefined, 3])(
    "reads %j as csv.ts does",
    (kind) => {
      expect(parseImportSearch({ kind })).toStrictEqual({ kind: parseImportKind(kind) });
    },
  );
});
