import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { linkProblem, waitWords } from "./states";

describe("linkProblem", () => {
  it("tells a dead link, a busy one and anything else apart", () => {
    expect(linkProblem(new ApiError({ status: 404, title: "Not Found" }))).toBe("gone");
    expect(linkProblem(new ApiError({ status: 429, title: "Too Many Requests" }))).toBe("busy");
    expect(linkProblem(new ApiError({ status: 500, title: "Server Error" }))).toBe("error");
    expect(linkProblem(new TypeError("Failed to fetch"))).toBe("error");
  });
});

describe("waitWords", () => {
  it("rounds Retry-After to words a person reads at a glance", () => {
    expect(waitWords(null)).toBe("a little later");
    expect(waitWords(30)).toBe("in a minute");
    expect(waitWords(20 * 60)).toBe("in 20 minutes");
    expect(waitWords(3500)).toBe("in 58 minutes");
    expect(waitWords(3700)).toBe("in about an hour");
    expect(waitWords(5 * 3600 + 600)).toBe("in about 5 hours");
  });
});
