import { describe, expect, it } from "vitest";
import { todayIso } from "@/features/pilots/schemas";
import {
  EMPTY_FEEDBACK,
  feedbackBody,
  feedbackLinkBody,
  feedbackLinkSchema,
  feedbackSchema,
} from "./schemas";

type Issues = { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };

function problems(result: Issues) {
  if (result.success || !result.error) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("feedbackSchema", () => {
  it("needs both scores, keeps line breaks and refuses what the API refuses", () => {
    expect(problems(feedbackSchema.safeParse(EMPTY_FEEDBACK))).toEqual({
      difference: "Choose how much difference it makes for you, from 1 to 5.",
      effort: "Choose how easy working with the team is, from 1 to 5.",
    });
    expect(
      problems(
        feedbackSchema.safeParse({
          ...EMPTY_FEEDBACK,
          difference: "3",
          effort: "4",
          respondent_name: "Anna\nKowalczyk",
          comment: "Bell\u0007",
          new_needs: "x".repeat(4001),
        }),
      ),
    ).toEqual({
      respondent_name: "Keep your name on one line, without special characters.",
      comment: "Remove the special characters pasted into this field.",
      new_needs: "Keep it to 4,000 characters or fewer.",
    });
    expect(
      feedbackBody({
        respondent_name: "  Anna ",
        difference: "3",
        effort: "4",
        comment: "Line one\nline two\t",
        new_needs: "",
      }),
    ).toEqual({
      respondent_name: "Anna",
      difference: 3,
      effort: 4,
      comment: "Line one\nline two",
      new_needs: "",
    });
  });
});

describe("feedbackLinkSchema", () => {
  it("needs a name, takes an optional address and a date from today on", () => {
    const yesterday = todayIso(new Date(Date.now() - 86_400_000));
    expect(
      problems(
        feedbackLinkSchema.safeParse({
          contact_name: " ",
          contact_email: "anna@",
          expires_on: yesterday,
        }),
      ),
    ).toEqual({
      contact_name: "Name the person the link is for.",
      contact_email: "Enter a valid email address, or leave it empty.",
      expires_on: "Choose today or a later day, or leave it empty.",
    });
    expect(
      feedbackLinkBody({ contact_name: "Anna, ward nurse", contact_email: "", expires_on: "" }),
    ).toEqual({ contact_name: "Anna, ward nurse", contact_email: null, expires_on: null });
    expect(
      feedbackLinkBody({
        contact_name: "Anna",
        contact_email: " anna@st-agnes.example ",
        expires_on: todayIso(),
      }),
    ).toEqual({
      contact_name: "Anna",
      contact_email: "anna@st-agnes.example",
      expires_on: todayIso(),
    });
  });
});
