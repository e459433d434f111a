import { describe, expect, it } from "vitest";
import {
  changesNothing,
  changesSummary,
  checkFile,
  columnLabel,
  formatSize,
  parseImportKind,
  reportSummary,
  rowErrorsOf,
  templateCsv,
  templateHref,
} from "./csv";

describe("templates", () => {
  it("start with a byte order mark and the API's column names", () => {
    const customers = templateCsv("customers");
    expect(
      customers.startsWith(
        "\ufeffname,segment,annual_revenue,is_premier_account,external_id,notes\r\n",
      ),
    ).toBe(true);
    expect(customers.split("\r\n")).toHaveLength(4);
    expect(templateCsv("departments").split("\r\n")[0]).toBe("\ufeffname,lead_name,kpi");
  });

  it("download as a data URL holding the same text", () => {
    expect(decodeURIComponent(templateHref("departments").split(",").slice(1).join(","))).toBe(
      templateCsv("departments"),
    );
  });
});

describe("checkFile", () => {
  it.each([
    [
      { name: "crm.xlsx", size: 10 },
      "This is a spreadsheet workbook. Save it as “CSV UTF-8” and choose that file.",
    ],
    [{ name: "empty.csv", size: 0 }, "This file is empty. Its first line must name the columns."],
    [
      { name: "big.csv", size: 2 * 1024 * 1024 },
      "This file is 2.0 MB; the limit is 1.0 MB. Split it into smaller files.",
    ],
  ])("refuses %o before uploading", (file, message) => {
    expect(checkFile(file)).toBe(message);
  });

  it("lets a CSV file through", () => {
    expect(checkFile({ name: "Customers.CSV", size: 2048 })).toBeNull();
    expect(checkFile({ name: "export.txt", size: 20 })).toBeNull();
  });
});

describe("reports", () => {
  it("summarise rows and validity", () => {
    expect(reportSummary({ rows: 0, valid: 0 })).toBe("The file has a header but no records.");
    expect(reportSummary({ rows: 1, valid: 1 })).toBe("1 record, all valid.");
    expect(reportSummary({ rows: 1200, valid: 1195 })).toBe(
      "1,200 records: 1,195 valid, 5 with errors.",
    );
  });

  it("say what an import changes", () => {
    expect(changesSummary({ created: 1, updated: 2, unchanged: 0 }, "customers")).toBe(
      "1 new customer, 2 updated, 0 unchanged",
    );
    expect(changesSummary({ created: 3, updated: 0, unchanged: 1 }, "departments")).toBe(
      "3 new departments, 0 updated, 1 unchanged",
    );
    expect(changesNothing({ created: 0, updated: 0 })).toBe(true);
    expect(changesNothing({ created: 0, updated: 1 })).toBe(false);
  });

  it("read the row errors of a refused import, and only those", () => {
    const errors = [
      { row: 8, field: "name", message: "The name cannot be blank." },
      { row: 9, field: null, message: "This line has 3 values but the header names 2 columns." },
    ];
    expect(rowErrorsOf({ status: 422, errors })).toEqual(errors);
    expect(
      rowErrorsOf({ status: 422, errors: [{ loc: ["body", "file"], msg: "Not UTF-8" }] }),
    ).toBeNull();
    expect(rowErrorsOf({ status: 422, errors: [] })).toBeNull();
    expect(rowErrorsOf("Bad gateway")).toBeNull();
    expect(columnLabel(null)).toBe("Whole line");
  });
});

describe("parseImportKind and formatSize", () => {
  it("default to customers and print sizes", () => {
    expect(parseImportKind("departments")).toBe("departments");
    expect(parseImportKind("pilots")).toBe("customers");
    expect(parseImportKind(undefined)).toBe("customers");
    expect([formatSize(900), formatSize(1536), formatSize(3 * 1024 * 1024)]).toEqual([
      "900 bytes",
      "1.5 KB",
      "3.0 MB",
    ]);
  });
});
