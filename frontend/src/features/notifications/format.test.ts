import { describe, expect, it } from "vitest";
import { bellLabel, countUnread, notificationHref, unreadBadge } from "./format";

describe("the bell's count", () => {
  it("names the bell with the number unread, and only the word when none is", () => {
    expect(bellLabel(null)).toBe("Notifications");
    expect(bellLabel(0)).toBe("Notifications");
    expect(bellLabel(1)).toBe("Notifications, 1 unread");
    expect(bellLabel(3)).toBe("Notifications, 3 unread");
    expect(bellLabel(99)).toBe("Notifications, 99 unread");
    expect(bellLabel(100)).toBe("Notifications, more than 99 unread");
  });

  it("shows no number at 0 and caps it at 99+", () => {
    expect(unreadBadge(0)).toBeNull();
    expect(unreadBadge(7)).toBe("7");
    expect(unreadBadge(99)).toBe("99");
    expect(unreadBadge(100)).toBe("99+");
    expect(unreadBadge(1234)).toBe("99+");
  });

  it("takes the server's unread total, else counts the unread page", () => {
    expect(countUnread({ items: [1, 2], next_cursor: null, unread: 12 })).toBe(12);
    expect(countUnread({ items: [1, 2, 3], next_cursor: null })).toBe(3);
    expect(countUnread({ items: [1, 2, 3], next_cursor: "c" })).toBe(100);
  });
});

describe("notificationHref", () => {
  it("keeps paths of this app, hash included", () => {
    expect(notificationHref("/w/ws-1/pilots/p-1#comment-c1")).toBe("/w/ws-1/pilots/p-1#comment-c1");
    expect(notificationHref("/w/ws-1/pilots/p-1?decide=scale")).toBe(
      "/w/ws-1/pilots/p-1?decide=scale",
    );
  });

  it("refuses links to other sites", () => {
    expect(notificationHref("https://evil.example/x")).toBeNull();
    expect(notificationHref("//evil.example/x")).toBeNull();
    expect(notificationHref("javascript:alert(1)")).toBeNull();
    expect(notificationHref("")).toBeNull();
    expect(notificationHref(null)).toBeNull();
  });
});
