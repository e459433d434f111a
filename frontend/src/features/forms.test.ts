import { describe, expect, it } from "vitest";
import { loginSchema } from "./auth/schemas";
import { memberSchema } from "./members/schemas";
import { workspaceSchema } from "./workspaces/schemas";

function messages(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  if (result.success || !result.error) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("loginSchema", () => {
  it("asks for both fields", () => {
    expect(messages(loginSchema.safeParse({ email: "", password: "" }))).toEqual({
      email: "Enter your email address.",
      password: "Enter your password.",
    });
  });

  it("checks the email's shape and trims it", () => {
    expect(messages(loginSchema.safeParse({ email: "ada", password: "x" }))).toEqual({
      email: "Enter a valid email address.",
    });
    expect(loginSchema.parse({ email: " ada@e2e.local ", password: "x" }).email).toBe(
      "ada@e2e.local",
    );
  });
});

describe("memberSchema", () => {
  it("needs a valid email and a known role", () => {
    expect(messages(memberSchema.safeParse({ email: "dana@example", role: "owner" }))).toEqual({
      email: "Enter a valid email address.",
      role: "Choose a role.",
    });
    expect(memberSchema.parse({ email: "dana@example.com", role: "viewer" })).toEqual({
      email: "dana@example.com",
      role: "viewer",
    });
  });
});

describe("workspaceSchema", () => {
  it("needs a name and a three-letter currency, upper-cased", () => {
    expect(messages(workspaceSchema.safeParse({ name: " ", currency: "euro" }))).toEqual({
      name: "Give the workspace a name.",
      currency: "Use a three-letter ISO 4217 code, like EUR.",
    });
    expect(workspaceSchema.parse({ name: "Field services", currency: "usd" })).toEqual({
      name: "Field services",
      currency: "USD",
    });
  });
});
