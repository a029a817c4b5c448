/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** `code` spans in escaped text. */
export function inlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/**
 * The small Markdown subset the docs' prose uses: `## ` headings (with ids, prefixed by
 * `idPrefix`), `- ` list items, and one paragraph per other line. Everything is escaped.
 */
export function miniMarkdown(markdown: string, idPrefix = ''): { html: string; headings: Array<{ id: string; title: string }> } {
  const out: string[] = [];
  const headings: Array<{ id: string; title: string }> = [];
  let inList = false;
  const closeList = () => {
    if (inList) out.push('</ul>');
    inList = false;
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('- ')) {
      if (!inList) out.push('<ul>');
      inList = true;
      out.push(`<li>${inlineMarkdown(line.slice(2))}</li>`);
      continue;
    }
    closeList();
    if (line === '') continue;
    if (line.startsWith('## ')) {
      const title = line.slice(3);
      const id = idPrefix + slug(title);
      headings.push({ id, title });
      out.push(`<h2 id="${escapeHtml(id)}">${inlineMarkdown(title)}</h2>`);
    } else {
      out.push(`<p>${inlineMarkdown(line)}</p>`);
    }
  }
  closeList();
  return { html: out.join('\n'), headings };
}
