import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { pilotKeys, settledEtag } from "./queries";

const key = pilotKeys.detail("ws", "p1");

describe("settledEtag", () => {
  it("is the version last read when nothing is being read", async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(key, { pilot: {}, etag: '"a"' });
    await expect(settledEtag(queryClient, "ws", "p1")).resolves.toBe('"a"');
  });

  it("waits for a read in flight, so a change carries the version it brings", async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(key, { pilot: {}, etag: '"a"' });
    let land: () => void = () => {};
    const read = queryClient.fetchQuery({
      queryKey: key,
      queryFn: () =>
        new Promise<{ pilot: object; etag: string }>((resolve) => {
          land = () => resolve({ pilot: {}, etag: '"b"' });
        }),
    });
    const etag = settledEtag(queryClient, "ws", "p1");
    land();
    await read;
    await expect(etag).resolves.toBe('"b"');
  });
});
