import { bufferAccess } from '../access.js'
import { looksLikePickle, walkPickles } from '../pickle.js'
import { isUnverifiable, templateThreats } from './template.js'

/**
 * Code hidden in free text a model carries (safetensors `__metadata__`): only constructs that do something
 * are reported, each by name with the text that holds it, never a keyword. Prose that says "import", names
 * `subprocess` or links a licence is not code; `__import__('os')`, `os.system(…)`, `curl … | sh` are.
 */

export interface CodeConstruct {
  /** what was found, in words ("a call of os.system") */
  construct: string
  /** the text around it, as found */
  excerpt: string
}

interface Pattern {
  re: RegExp
  name: (m: RegExpExecArray) => string
}

const DANGEROUS_MODULES = 'os|posix|nt|subprocess|pty|socket|ctypes|shutil|builtins|importlib|runpy|commands'

// Linear-time patterns only (bounded repetitions, no nested quantifiers): metadata can be 100 MB.
const PATTERNS: readonly Pattern[] = [
  {
    re: /__import__\s*\(\s*(?:['"]([\w.]{1,100})['"])?/,
    name: (m) => (m[1] ? `a call of __import__('${m[1]}')` : 'a call of __import__')
  },
  {
    re: /\b(os|posix|nt)\s*\.\s*(system|popen|spawn[lv]p?e?|exec[lv]p?e?|fork|forkpty|kill|putenv|remove|unlink|rmdir|removedirs)\s*\(/,
    name: (m) => `a call of ${m[1]}.${m[2]}`
  },
  {
    re: /\bsubprocess\s*\.\s*(run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\b/,
    name: (m) => `subprocess.${m[1]}`
  },
  {
    // a call: `eval(x)`, or with a space before a code argument (`exec ("…")`); `model.eval()` (a method), an
    // empty call and prose ("the eval (held-out) set") are not
    re: /(?<![\w.$])(eval|exec)(?:\((?!\s*\))|\s+\(\s*(?:[rbuf]{0,2}['"]|(?:compile|base64|codecs|bytes|open|__\w+__)\b))/,
    name: (m) => `a call of ${m[1]}`
  },
  { re: /\b__builtins__\s*(?:\[|\.\s*\w)/, name: () => 'a use of __builtins__' },
  {
    // a Python import statement at the start of a line, followed by more code
    re: new RegExp(
      `(?:^|[\\n;])[ \\t]*(?:import[ \\t]+(${DANGEROUS_MODULES})\\b|from[ \\t]+(${DANGEROUS_MODULES})[ \\t]+import\\b)[^\\n;]{0,200}[\\n;][ \\t]*[A-Za-z_]`
    ),
    name: (m) => `Python code importing ${m[1] ?? m[2]}`
  },
  {
    re: /\b(curl|wget)\b[^\n|;]{1,300}\|\s*(?:sudo\s+)?((?:ba|z|da|k)?sh|python[\d.]*)\b/,
    name: (m) => `a shell command piping a download (${m[1]}) into ${m[2]}`
  },
  {
    re: /\bbase64\s+(?:-d|--decode)\b[^\n|;]{0,100}\|\s*(?:sudo\s+)?((?:ba|z|da|k)?sh|python[\d.]*)\b/,
    name: (m) => `a shell command running decoded base64 with ${m[1]}`
  },
  { re: /\b((?:ba|z|da)?sh)\s+-c\s+['"]/, name: (m) => `a shell command line (${m[1]} -c)` },
  { re: /\bpython[\d.]*\s+-c\s+['"]/, name: () => 'a python -c command line' },
  { re: /\/dev\/tcp\/[\w.-]+\/\d+/, name: () => 'a reverse-shell redirection to /dev/tcp' },
  { re: /\bnc(?:at)?\s+(?:[-\w.:]{1,64}\s+){0,6}-[ce]\s+\S/, name: () => 'netcat running a program (nc -e)' },
  {
    re: /\brm\s+-(?:rf|fr)\s+(?:--no-preserve-root\s+)?[/~](?:\s|\*|$)/,
    name: () => 'a recursive delete of / or ~'
  },
  {
    re: /\b(?:powershell|pwsh)(?:\.exe)?\s+(?:-\w+\s+){0,5}-(?:e|enc|encodedcommand)\s+[A-Za-z0-9+/=]{16}/i,
    name: () => 'an encoded PowerShell command'
  },
  {
    re: /\bdata:((?:text\/(?:html|javascript|x-python|x-shellscript|x-sh)|application\/(?:x-)?(?:javascript|ecmascript|x-sh|x-shellscript|x-python(?:-code)?|x-msdownload|x-executable|x-elf|x-sharedlib|java-archive|vnd\.microsoft\.portable-executable)))[;,]/i,
    name: (m) => `a data: URI holding ${m[1]!.toLowerCase()}`
  },
  { re: /<script\b[^>]{0,200}>/i, name: () => 'an HTML script element' },
  { re: /\bjavascript:\s*[\w.$]{1,100}\s*\(/i, name: () => 'a javascript: URL that calls a function' }
]

const EXCERPT = 120

function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20)
  return text
    .slice(start, Math.min(text.length, index + Math.max(length, 1) + 60, start + EXCERPT))
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The dangerous constructs of `text`, at most `max`, each named once. `templates: false` skips the Jinja
 * analysis (a caller bounding how many templates it analyses).
 */
export function codeConstructs(text: string, max = 5, templates = true): CodeConstruct[] {
  const out: CodeConstruct[] = []
  for (const p of PATTERNS) {
    const m = p.re.exec(text)
    if (!m) continue
    out.push({ construct: p.name(m), excerpt: excerpt(text, m.index, m[0].length) })
    if (out.length >= max) return out
  }
  // Jinja syntax: reported only when the template analyser finds what rendering would run
  if (templates && out.length < max && hasJinja(text)) {
    const found = templateThreats(text).find((t) => !isUnverifiable(t.pattern))
    if (found)
      out.push({
        construct: `a Jinja template that can run code when rendered (${found.pattern})`,
        excerpt: found.excerpt
      })
  }
  return out
}

export const hasJinja = (text: string): boolean => /\{\{|\{%/.test(text)

/** Bytes of an encoded pickle decoded at most (metadata values are capped by the header's size anyway). */
const MAX_DECODED = 16 * 1024 * 1024
/**
 * Where a base64 (gAI…gAX: PROTO 2–5) or hex (8002…8005) token starts inside other text: after a character that
 * cannot be part of it, so the middle of a base64 image is no candidate. Tokens are then extended by hand: a
 * regular expression repeating over megabytes overflows the engine's backtracking stack.
 */
const TOKEN_START = /(?<![A-Za-z0-9+/])gA[I-X]|(?<![0-9a-fA-F])800[2-5]/g

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isBase64 = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13

/** The end of the run of characters `ok` accepts from `start`, at most `max` of them. */
function runEnd(text: string, start: number, ok: (c: number) => boolean, max: number): number {
  let i = start
  while (i < text.length && i - start < max && ok(text.charCodeAt(i))) i++
  return i
}

/** The bytes `text` encodes as a whole (hex, or base64 with whitespace and padding), if it is one of them. */
function decodeWhole(text: string): { encoding: string; bytes: Buffer } | undefined {
  if (text.length < 16 || text.length > 2 * MAX_DECODED) return undefined
  if (text.length % 2 === 0 && runEnd(text, 0, isHex, text.length) === text.length)
    return { encoding: 'hex', bytes: Buffer.from(text, 'hex') }
  const body = text.replace(/=+$/, '')
  const ok = (c: number) => isBase64(c) || isSpace(c) || c === 45 || c === 95
  if (text.length - body.length <= 2 && runEnd(body, 0, ok, body.length) === body.length) {
    const compact = body.replace(/\s+/g, '')
    return { encoding: 'base64', bytes: Buffer.from(compact, /[-_]/.test(compact) ? 'base64url' : 'base64') }
  }
  return undefined
}

/**
 * A pickle `text` holds: the whole text raw (code points below 256), base64 or hex (bare or as a data: URI), or a
 * base64 or hex token inside it. Named with what it imports; a whole value counts when it reads as a complete
 * pickle or imports something, a token inside other text only when it imports something, so a hash or an image
 * that happens to hold the bytes of a pickle's start is not one.
 */
export async function embeddedPickle(text: string): Promise<CodeConstruct | undefined> {
  const candidates: Array<{ encoding: string; bytes: Buffer; at: number; inside?: boolean }> = []
  let raw = text.length >= 2 && text.length <= MAX_DECODED
  for (let i = 0; raw && i < text.length; i++) raw = text.charCodeAt(i) < 256
  if (raw && looksLikePickle(Buffer.from(text.slice(0, 256), 'latin1')))
    candidates.push({ encoding: 'raw', bytes: Buffer.from(text, 'latin1'), at: 0 })
  const whole = decodeWhole(text.trim().replace(/^data:[\w/+.-]{0,100}(?:;[\w=-]{1,50}){0,5};base64,/i, ''))
  if (whole) candidates.push({ ...whole, at: 0 })
  TOKEN_START.lastIndex = 0
  for (let m = TOKEN_START.exec(text); m && candidates.length < 20; m = TOKEN_START.exec(text)) {
    const hex = m[0].startsWith('80')
    const end = runEnd(text, m.index, hex ? isHex : isBase64, hex ? 2 * MAX_DECODED : (4 * MAX_DECODED) / 3)
    TOKEN_START.lastIndex = end
    if (end - m.index < 16) continue
    const token = text.slice(m.index, hex ? m.index + ((end - m.index) & ~1) : end)
    candidates.push({
      encoding: hex ? 'hex' : 'base64',
      bytes: Buffer.from(token, hex ? 'hex' : 'base64'),
      at: m.index,
      inside: true
    })
  }
  for (const c of candidates) {
    if (!looksLikePickle(c.bytes)) continue
    const w = await walkPickles(bufferAccess(c.bytes), { limits: WALK_LIMITS, maxPickles: 1 })
    if (w.imports.length === 0 && (c.inside || w.pickles === 0)) continue
    const imports = [...new Set(w.imports.map((i) => `${i.module}.${i.name}`))].slice(0, 5)
    return {
      construct: `an embedded pickle (${c.encoding})${imports.length ? ` importing ${imports.join(', ')}` : ''}`,
      excerpt: excerpt(text, c.at, 40)
    }
  }
  return undefined
}

const WALK_LIMITS = {
  pickleOpcodes: 1_000_000,
  pickleStack: 10_000,
  pickleMemoNames: 100_000,
  pickleMarks: 1_000,
  pickleMemo: 100_000,
  picklesPerFile: 1,
  nestedDepth: 2,
  pickleArgBytes: 1024 * 1024
}
