// Safe HTML building: every interpolated value is escaped unless it is already-built markup (Safe).
// Report text is untrusted input, so nothing reaches the page without passing through here.

export class Safe {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

export type Fragment = Safe | string | number | null | undefined | false | Fragment[];

function render(value: Fragment): string {
  if (value instanceof Safe) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: html`<td>${text}</td>` escapes text; nested html`` fragments pass through. */
export function html(strings: TemplateStringsArray, ...values: Fragment[]): Safe {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Safe(out);
}

/** Markup the caller vouches for (constant CSS and script of this module only). */
export function trusted(markup: string): Safe {
  return new Safe(markup);
}
