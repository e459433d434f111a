import { describe, expect, it } from "vitest";
import { newAccountSchema, passwordProblem } from "./schemas";

describe("passwordProblem (the rules of create-user)", () => {
  const email = "noor.unal@example.com";

  it("asks for at least 12 characters", () => {
    expect(passwordProblem("short-pass1", email)).toBe(
      "The password must have at least 12 characters.",
    );
    expect(passwordProblem("a long enough phrase", email)).toBeNull();
  });

  it("refuses the email address or its local part", () => {
    expect(passwordProblem("Noor.Unal@example.com", email)).toBe(
      "The password must not be the email address.",
    );
    expect(passwordProblem("noor.unal", "noor.unal@x.io")).toBe(
      "The password must have at least 12 characters.",
    );
    expect(passwordProblem("noor.unal.abc", "noor.unal.abc@x.io")).toBe(
      "The password must not be the email address.",
    );
  });

  it("refuses repetitive passwords", () => {
    expect(passwordProblem("abababababab", email)).toBe(
      "The password is too repetitive; use at least 4 different characters.",
    );
    expect(passwordProblem("abcdabcdabcd", email)).toBeNull();
  });
});

describe("newAccountSchema", () => {
  const schema = newAccountSchema("noor@example.com");

  it("needs a name without control characters", () => {
    const blank = schema.safeParse({ name: "  ", password: "a long enough phrase" });
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0]?.message).toBe(
      "Enter your name, as your colleagues will see it.",
    );
    const control = schema.safeParse({ name: "Noor\nÜnal", password: "a long enough phrase" });
    expect(control.error?.issues[0]?.message).toBe("Use letters, spaces and punctuation only.");
  });

  it("trims the name and keeps the password as typed", () => {
    expect(schema.parse({ name: " Noor Ünal ", password: " a long enough phrase " })).toEqual({
      name: "Noor Ünal",
      password: " a long enough phrase ",
    });
  });
});
