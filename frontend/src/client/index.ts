import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

/** Typed client for the Pilotboard API, served from the same origin as the app. */
export const client = createClient<paths>({
  baseUrl: "",
  credentials: "same-origin",
  headers: { Accept: "application/json, application/problem+json" },
});

export type Schemas = components["schemas"];
export type { paths };
