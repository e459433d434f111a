/** The class a mention gets inside a rendered comment. */
export const MENTION_CLASS =
  "rounded-sm bg-accent-subtle px-0.5 font-medium text-accent-subtle-foreground";

/**
 * Marks each `@Full Name` of the members a comment mentions inside its rendered HTML, by
 * wrapping that text in a `<span>` (text nodes only: nothing is parsed, so the sanitised markup
 * stays as the server made it). Text inside code and links is left alone. Longer names first, so
 * "@Sam Leeds" is not taken for "@Sam Lee".
 */
export function highlightMentions(container: HTMLElement, names: readonly string[]): void {
  const wanted = [...new Set(names.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node as Text).parentElement?.closest("code, pre, a, [data-mention]"))
      nodes.push(node as Text);
  }
  for (const node of nodes) {
    let rest: Text | null = node;
    while (rest) {
      const text: string = rest.data;
      let found: { index: number; name: string } | null = null;
      for (const name of wanted) {
        let from = 0;
        for (;;) {
          const index = text.indexOf(`@${name}`, from);
          if (index === -1) break;
          from = index + 1;
          const before = text[index - 1];
          const after = text[index + name.length + 1];
          const standsAlone =
            (before === undefined || !/[\p{L}\p{N}]/u.test(before)) &&
            (after === undefined || !/[\p{L}\p{N}]/u.test(after));
          if (standsAlone && (found === null || index < found.index)) found = { index, name };
          if (standsAlone) break;
        }
      }
      if (!found) break;
      const mention = rest.splitText(found.index);
      const after = mention.splitText(found.name.length + 1);
      const span = document.createElement("span");
      span.className = MENTION_CLASS;
      span.dataset.mention = "";
      mention.replaceWith(span);
      span.appendChild(mention);
      rest = after;
    }
  }
}
