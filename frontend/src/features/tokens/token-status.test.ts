import { describe, expect, it } from "vitest";
import { scopesLabel, sortTokens, type Token, tokenStatus } from "./token-status";

const NOW = new Date("2026-11-22T12:00:00Z");

function token(overrides: Partial<Token>): Token {
  return {
    id: "t",
    name: "CRM sync",
    workspace_id: "w",
    scopes: ["read"],
    prefix: "pb_Xq3v",
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
    created_at: "2026-11-01T10:00:00Z",
    updated_at: "2026-11-01T10:00:00Z",
    ...overrides,
  };
}

describe("tokenStatus", () => {
  it("is active without expiry or revocation", () => {
    expect(tokenStatus(token({}), NOW)).toBe("active");
  });

  it("is active until the expiry moment, expired from then on", () => {
    expect(tokenStatus(token({ expires_at: "2026-11-22T12:00:01Z" }), NOW)).toBe("active");
    expect(tokenStatus(token({ expires_at: "2026-11-22T12:00:00Z" }), NOW)).toBe("expired");
    expect(tokenStatus(token({ expires_at: "2026-01-01T00:00:00Z" }), NOW)).toBe("expired");
  });

  it("is revoked when revoked, even if it has also expired", () => {
    expect(tokenStatus(token({ revoked_at: "2026-11-20T09:00:00Z" }), NOW)).toBe("revoked");
    expect(
      tokenStatus(
        token({ revoked_at: "2026-11-20T09:00:00Z", expires_at: "2026-11-21T00:00:00Z" }),
        NOW,
      ),
    ).toBe("revoked");
  });
});

describe("sortTokens", () => {
  it("lists active tokens first, newest first within each group", () => {
    const tokens = [
      token({ id: "old-active", created_at: "2026-10-01T00:00:00Z" }),
      token({
        id: "revoked",
        created_at: "2026-11-21T00:00:00Z",
        revoked_at: "2026-11-21T01:00:00Z",
      }),
      token({ id: "new-active", created_at: "2026-11-10T00:00:00Z" }),
      token({
        id: "expired",
        created_at: "2026-09-01T00:00:00Z",
        expires_at: "2026-10-01T00:00:00Z",
      }),
    ];
    expect(sortTokens(tokens, NOW).map((t) => t.id)).toEqual([
      "new-active",
      "old-active",
      "revoked",
      "expired",
    ]);
  });
});

describe("scopesLabel", () => {
  it("names the access level", () => {
    expect(scopesLabel(["read"])).toBe("Read only");
    expect(scopesLabel(["read", "write"])).toBe("Read & write");
  });
});
