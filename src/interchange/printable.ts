/** C0 and C1 control characters, and the two Unicode line and paragraph separators. */
const isControl = (code: number) =>
  code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;

/**
 * Text from an imported file made safe to print on an operator's terminal: a control character (an escape
 * sequence, a carriage return, a line break) is written as its `\u` code, so a file cannot redraw the screen, hide
 * a line of the report or add one of its own.
 */
export function printable(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    out += isControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}
