import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The mail the app sent during the run, as the test SMTP server received it: serve.sh starts
 * aiosmtpd, which writes each message into a Maildir (its path set in playwright.config.ts).
 */
export type ReceivedMail = {
  /** The Maildir file, to tell messages apart. */
  file: string;
  /** Header values by lower-case name, decoded (RFC 2047), in order. */
  headers: Map<string, string[]>;
  from: string;
  to: string;
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded. */
  html: string;
  /** Every http(s) link in the plain-text part, in order. */
  links: string[];
};

function mailDir(): string {
  const dir = process.env.PILOTBOARD_E2E_MAILDIR;
  if (!dir) throw new Error("PILOTBOARD_E2E_MAILDIR is not set (see playwright.config.ts)");
  return dir;
}

/** Splits a message (or a MIME part) into its unfolded headers and its body. */
function splitHeaders(raw: string): { headers: Map<string, string[]>; body: string } {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? "" : normalized.slice(end + 2);
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = decodeWords(line.slice(colon + 1).trim());
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return { headers, body };
}

/** Bytes of a quoted-printable text (soft line breaks removed). */
function fromQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const char = joined[i] as string;
    const hex = joined.slice(i + 1, i + 3);
    if (char === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (=?utf-8?q?…?= and =?utf-8?b?…?=) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_match, _charset, encoding: string, data) =>
      encoding.toLowerCase() === "b"
        ? Buffer.from(data, "base64").toString("utf8")
        : fromQuotedPrintable(String(data).replace(/_/g, " ")).toString("utf8"),
    );
}

function param(header: string, name: string): string | null {
  const match = new RegExp(`${name}="?([^";]+)"?`, "i").exec(header);
  return match?.[1] ?? null;
}

/** The decoded text of every leaf part, by content type (text/plain, text/html). */
function leafParts(raw: string, into: Map<string, string>): void {
  const { headers, body } = splitHeaders(raw);
  const type = headers.get("content-type")?.[0] ?? "text/plain";
  const boundary = param(type, "boundary");
  if (type.toLowerCase().startsWith("multipart/") && boundary) {
    const sections = body.split(`--${boundary}`);
    // Before the first boundary is the preamble; after the closing one (`--`), the epilogue.
    for (const section of sections.slice(1)) {
      if (section.startsWith("--")) break;
      leafParts(section.replace(/^\n/, ""), into);
    }
    return;
  }
  const encoding = (headers.get("content-transfer-encoding")?.[0] ?? "7bit").toLowerCase();
  const decoded =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? fromQuotedPrintable(body).toString("utf8")
        : body;
  const mediaType = (type.split(";")[0] ?? "text/plain").trim().toLowerCase();
  if (!into.has(mediaType)) into.set(mediaType, decoded);
}

export function parseMail(raw: string, file = ""): ReceivedMail {
  const { headers } = splitHeaders(raw);
  const parts = new Map<string, string>();
  leafParts(raw, parts);
  const text = parts.get("text/plain") ?? "";
  const first = (name: string) => headers.get(name)?.[0] ?? "";
  return {
    file,
    headers,
    from: first("from"),
    to: first("to"),
    subject: first("subject"),
    text,
    html: parts.get("text/html") ?? "",
    links: [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]),
  };
}

/** Every message received so far, oldest first. */
export function receivedMail(): ReceivedMail[] {
  const dir = mailDir();
  const files: { path: string; name: string }[] = [];
  for (const sub of ["new", "cur"]) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      // Not created yet: nothing received.
    }
    for (const name of names) files.push({ path: join(dir, sub, name), name });
  }
  // Maildir names start with the delivery time in seconds, then a unique part.
  files.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
  return files.map(({ path, name }) => parseMail(readFileSync(path, "utf8"), name));
}

function addressed(mail: ReceivedMail, address: string): boolean {
  return mail.to.toLowerCase().includes(address.toLowerCase());
}

/**
 * Waits until a message to `address` (whose subject matches `subject`, when given) arrives, and
 * returns the latest one. Fails after `timeout` ms, listing what did arrive for that address.
 */
export async function waitForMail(
  address: string,
  { subject, timeout = 20_000 }: { subject?: RegExp; timeout?: number } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const matches = receivedMail().filter(
      (mail) => addressed(mail, address) && (!subject || subject.test(mail.subject)),
    );
    const latest = matches[matches.length - 1];
    if (latest) return latest;
    if (Date.now() > deadline) {
      const seen = receivedMail()
        .filter((mail) => addressed(mail, address))
        .map((mail) => `"${mail.subject}"`);
      throw new Error(
        `No mail to ${address}${subject ? ` with a subject like ${subject}` : ""} within ${timeout} ms` +
          (seen.length ? `; received: ${seen.join(", ")}` : "; none received for that address"),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link in the message whose path starts with `pathPrefix` (e.g. "/invite/"). */
export function linkTo(mail: ReceivedMail, pathPrefix: string): string {
  const link = mail.links.find((href) => new URL(href).pathname.startsWith(pathPrefix));
  if (!link) {
    throw new Error(
      `No link to ${pathPrefix}… in "${mail.subject}"; its links: ${mail.links.join(", ") || "none"}`,
    );
  }
  return link;
}
