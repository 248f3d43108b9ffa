// A small, linear-time reader for the HTML that mammoth writes — not a general HTML parser.
// mammoth's writer is regular: every '<' in text or attributes is escaped (&lt;), attributes are
// always double-quoted with '"' and '>' escaped, void elements are written "<br />" / "<img ... />",
// and only &amp; &lt; &gt; &quot; appear as entities. So the input splits on '<' … '>' without
// ambiguity, and no DTD, script, comment or character-reference table is ever needed. Anything
// unexpected degrades to text rather than throwing.

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(['br', 'img', 'hr']);
const TAG = /^(\/?)([a-zA-Z][a-zA-Z0-9]*)([\s\S]*?)(\/?)$/;
const ATTR = /([^\s=]+)="([^"]*)"/g;

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const top = () => stack[stack.length - 1];
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) {
      pushText(top(), html.slice(i));
      break;
    }
    if (open > i) pushText(top(), html.slice(i, open));
    const close = html.indexOf('>', open);
    if (close === -1) {
      pushText(top(), html.slice(open));
      break;
    }
    const m = TAG.exec(html.slice(open + 1, close));
    i = close + 1;
    if (!m) continue; // "<!...>" or other markup mammoth never writes: dropped
    const [, slash, rawTag, rawAttrs, selfClose] = m;
    const tag = rawTag.toLowerCase();
    if (slash) {
      closeElement(stack, tag);
      continue;
    }
    const element: HtmlElement = { tag, attrs: parseAttrs(rawAttrs), children: [] };
    top().children.push(element);
    if (!selfClose && !VOID.has(tag)) stack.push(element);
  }
  return root;
}

function parseAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(ATTR)) attrs[m[1].toLowerCase()] = decodeEntities(m[2]);
  return attrs;
}

/** Pops to the nearest open element with this tag; a stray close tag is ignored. */
function closeElement(stack: HtmlElement[], tag: string): void {
  for (let d = stack.length - 1; d > 0; d--) {
    if (stack[d].tag === tag) {
      stack.length = d;
      return;
    }
  }
}

function pushText(parent: HtmlElement, raw: string): void {
  if (raw) parent.children.push(decodeEntities(raw));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export const isElement = (node: HtmlNode): node is HtmlElement => typeof node !== 'string';

/** Child elements with one of these tags. */
export function childElements(node: HtmlElement, ...tags: string[]): HtmlElement[] {
  return node.children.filter((c): c is HtmlElement => isElement(c) && (tags.length === 0 || tags.includes(c.tag)));
}
