/**
 * A small, strict XML reader and writer, enough for CAP's element structure. Files from elsewhere are untrusted:
 * a document type declaration or any entity other than the five predefined and character references is refused,
 * so no entity can expand or reach outside the document, and size, depth and element count are bounded.
 */

export class XmlError extends Error {}

export interface XmlElement {
  /** The namespace URI the element's prefix (or the default) resolves to; '' when none. */
  ns: string;
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, joined. */
  text: string;
}

const LIMITS = { chars: 2_000_000, depth: 32, elements: 20_000 };

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  return raw.replace(/&([^;&\s]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError('a bare "&" is not allowed');
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const code = ref.startsWith('#x')
      ? Number.parseInt(ref.slice(2), 16)
      : ref.startsWith('#')
        ? Number(ref.slice(1))
        : Number.NaN;
    if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff)
      throw new XmlError(`entity "&${ref};" is not allowed`);
    return String.fromCodePoint(code);
  });
}

/** Bytes to text: UTF-8 unless the declaration names ISO-8859-1; any other encoding is refused. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8')
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (declared === 'iso-8859-1' || declared === 'latin1') return new TextDecoder('latin1').decode(bytes);
  throw new XmlError(`encoding "${declared}" is not supported`);
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

export function parseXml(input: string): XmlElement {
  if (input.length > LIMITS.chars) throw new XmlError('the document is too large');
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  let count = 0;
  let root: XmlElement | undefined;
  const stack: Array<{ el: XmlElement; qname: string; scope: Map<string, string> }> = [];
  const text: string[][] = [];
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    const chunk = input.slice(i, lt === -1 ? input.length : lt);
    if (chunk.length > 0) {
      if (stack.length === 0) {
        if (chunk.trim() !== '') throw new XmlError('text outside the root element');
      } else text[text.length - 1]!.push(decodeText(chunk));
    }
    if (lt === -1) break;
    i = lt;
    if (input.startsWith('<?', i)) {
      const end = input.indexOf('?>', i);
      if (end === -1) throw new XmlError('unterminated processing instruction');
      i = end + 2;
    } else if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i + 4);
      if (end === -1) throw new XmlError('unterminated comment');
      i = end + 3;
    } else if (input.startsWith('<![CDATA[', i)) {
      const end = input.indexOf(']]>', i);
      if (end === -1 || stack.length === 0) throw new XmlError('misplaced CDATA section');
      text[text.length - 1]!.push(input.slice(i + 9, end));
      i = end + 3;
    } else if (input.startsWith('<!', i)) {
      throw new XmlError('document type declarations and entities are refused');
    } else if (input.startsWith('</', i)) {
      const end = input.indexOf('>', i);
      const qname = input.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.qname !== qname) throw new XmlError(`unexpected closing tag </${qname}>`);
      open.el.text = text.pop()!.join('');
      i = end + 1;
    } else {
      const match = NAME.exec(input.slice(i + 1, i + 201));
      if (!match) throw new XmlError('malformed tag');
      const qname = match[0];
      i += 1 + qname.length;
      const attrs: Record<string, string> = {};
      for (;;) {
        while (/\s/.test(input[i] ?? '')) i++;
        if (input.startsWith('/>', i) || input[i] === '>') break;
        const a = NAME.exec(input.slice(i, i + 200));
        if (!a) throw new XmlError(`malformed attribute in <${qname}>`);
        i += a[0].length;
        const eq = /^\s*=\s*(["'])/.exec(input.slice(i, i + 50));
        if (!eq) throw new XmlError(`attribute ${a[0]} has no quoted value`);
        i += eq[0].length;
        const close = input.indexOf(eq[1]!, i);
        if (close === -1) throw new XmlError('unterminated attribute value');
        const value = input.slice(i, close);
        if (value.includes('<')) throw new XmlError('"<" in an attribute value');
        attrs[a[0]] = decodeText(value);
        i = close + 1;
      }
      const selfClosing = input.startsWith('/>', i);
      i += selfClosing ? 2 : 1;
      if (++count > LIMITS.elements) throw new XmlError('too many elements');
      if (stack.length >= LIMITS.depth) throw new XmlError('elements nested too deeply');
      const parent = stack[stack.length - 1];
      const scope = new Map(parent?.scope ?? []);
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns') scope.set('', v);
        else if (k.startsWith('xmlns:')) scope.set(k.slice(6), v);
      }
      const colon = qname.indexOf(':');
      const prefix = colon === -1 ? '' : qname.slice(0, colon);
      const ns = scope.get(prefix);
      if (ns === undefined && prefix !== '') throw new XmlError(`undeclared prefix "${prefix}"`);
      const el: XmlElement = {
        ns: ns ?? '',
        name: qname.slice(colon + 1),
        attributes: attrs,
        children: [],
        text: '',
      };
      if (parent) parent.el.children.push(el);
      else if (root) throw new XmlError('more than one root element');
      else root = el;
      if (!selfClosing) {
        stack.push({ el, qname, scope });
        text.push([]);
      }
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]!.qname}> is never closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A node to write: an element with text or children, in the order given (the schema's order is the caller's). */
export type XmlNode = {
  name: string;
  text?: string;
  children?: XmlNode[];
  attributes?: Record<string, string>;
};

export function writeXml(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (n: XmlNode, indent: string) => {
    const attrs = Object.entries(n.attributes ?? {})
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    if (n.children) {
      out.push(`${indent}<${n.name}${attrs}>\n`);
      for (const c of n.children) write(c, `${indent}  `);
      out.push(`${indent}</${n.name}>\n`);
    } else out.push(`${indent}<${n.name}${attrs}>${escapeXml(n.text ?? '')}</${n.name}>\n`);
  };
  write(root, '');
  return out.join('');
}
