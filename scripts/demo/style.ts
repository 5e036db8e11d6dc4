/**
 * Terminal text for the demo's renderers: ANSI styles (or none) and the width a string takes on screen.
 */

type Paint = (text: string) => string

export interface Style {
  bold: Paint
  dim: Paint
  italic: Paint
  underline: Paint
  red: Paint
  yellow: Paint
  green: Paint
  blue: Paint
  cyan: Paint
}

const same: Paint = (text) => text

/** No colour: what a pipe, a file or NO_COLOR gets. */
export const plain: Style = {
  bold: same,
  dim: same,
  italic: same,
  underline: same,
  red: same,
  yellow: same,
  green: same,
  blue: same,
  cyan: same
}

// each style closes with its own reset (not \x1b[0m), so painting inside a painted string keeps the outer style
const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    text === '' ? '' : `\x1b[${open}m${text}\x1b[${close}m`

export const ansi: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  italic: sgr(3, 23),
  underline: sgr(4, 24),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  blue: sgr(34, 39),
  cyan: sgr(36, 39)
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Style {
  return stream.isTTY === true && !env.NO_COLOR ? ansi : plain
}

/**
 * The C0 and C1 control characters but tab and newline: ESC and CSI (cursor moves, colours, OSC window titles and
 * hyperlinks), BEL, backspace, carriage return (overwrites what the line said), DEL and the rest.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g

/**
 * `text` without control characters, so a terminal shows text that came from elsewhere (the action's output, a
 * job summary) and never obeys it. Strip first, then paint: the renderers' own styles are added afterwards.
 */
export function stripControls(text: string): string {
  return text.replace(CONTROL, '')
}

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g
/** Zero width: combining marks (variation selectors among them) and format characters (zero-width spaces). */
const ZERO = /[\p{Mn}\p{Me}\p{Cf}]/u
/** Two columns: emoji shown as emoji by default, and the East Asian wide and full-width blocks. */
const WIDE =
  /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u

/** Columns a string takes in a terminal (ANSI styles take none); an estimate, as wcwidth is. */
export function displayWidth(text: string): number {
  let n = 0
  for (const ch of text.replace(SGR, '')) n += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1
  return n
}

/** The longest start of `text` (unstyled) that fits in `width` columns. */
export function fitStart(text: string, width: number): string {
  let n = 0
  let out = ''
  for (const ch of text) {
    n += displayWidth(ch)
    if (n > width) break
    out += ch
  }
  return out
}
