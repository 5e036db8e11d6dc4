import type { RandomAccess } from './access.js'

/**
 * Tar archives (ustar, GNU, pax) listed as Python's tarfile lists them: PyTorch's oldest checkpoints are tar
 * archives that torch.load opens with tarfile, and `tar.extract(name)` takes the last member of that name.
 * Members are byte ranges of the archive, read in place. What tarfile would read differently from other tar
 * readers (a header that stops it, sparse data, links, names that leave the extraction directory) is reported.
 */

export interface TarEntry {
  /** the name tarfile gives it: pax `path`, GNU long name, or ustar prefix and name */
  name: string
  /** the type flag ('0', '5', …; '\0' for old regular files) */
  type: string
  size: number
  headerOffset: number
  dataOffset: number
  linkName: string
  /** data tarfile reads as a file: regular and contiguous files, and types it does not know */
  isFile: boolean
}

export type TarAnomalyKind =
  | 'BAD_HEADER'
  | 'TRUNCATED'
  | 'PATH_TRAVERSAL'
  | 'ABSOLUTE_PATH'
  | 'SYMLINK'
  | 'HARDLINK'
  | 'SPARSE'
  | 'DUPLICATE_NAME'
  | 'TOO_MANY_ENTRIES'

export interface TarAnomaly {
  kind: TarAnomalyKind
  entry?: string
  detail: string
}

export interface TarListing {
  entries: TarEntry[]
  anomalies: TarAnomaly[]
}

const BLOCK = 512
/** Longest GNU long name or pax header read. */
const MAX_META = 1024 * 1024
const REGULAR = ['0', '\0', '7']
const SUPPORTED = [...REGULAR, '1', '2', '3', '4', '5', '6', 'L', 'K', 'S']
const GNU_TYPES = ['L', 'K', 'S']

/** A NUL-terminated field. */
function nts(buf: Buffer, at: number, length: number): string {
  const field = buf.subarray(at, at + length)
  const nul = field.indexOf(0)
  return field.toString('utf8', 0, nul < 0 ? field.length : nul)
}

/** A numeric field as tarfile's `nti` reads it: octal text, or GNU base-256; undefined when invalid. */
function number(buf: Buffer, at: number, length: number): number | undefined {
  const first = buf[at]!
  if (first === 0o200 || first === 0o377) {
    let n = 0
    for (let i = 1; i < length; i++) n = n * 256 + buf[at + i]!
    if (first === 0o377) n -= 256 ** (length - 1)
    return Number.isSafeInteger(n) ? n : undefined
  }
  const text = nts(buf, at, length).trim()
  if (text === '') return 0
  return /^[+-]?[0-7]+$/.test(text) ? parseInt(text, 8) : undefined
}

function checksumOk(h: Buffer): boolean {
  const stored = number(h, 148, 8)
  let unsigned = 256
  let signed = 256
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue
    unsigned += h[i]!
    signed += h[i]! < 128 ? h[i]! : h[i]! - 256
  }
  return stored === unsigned || stored === signed
}

/** pax records: `<length> <key>=<value>\n`. */
function paxRecords(data: Buffer, into: Map<string, string>): boolean {
  let pos = 0
  while (pos < data.length) {
    const m = /^(\d+) ([^=]+)=/.exec(data.toString('latin1', pos, Math.min(data.length, pos + 1024)))
    if (!m) return data.subarray(pos).every((b) => b === 0)
    const length = Number(m[1])
    if (length <= m[0].length || pos + length > data.length) return false
    const keyEnd = pos + m[0].length
    into.set(Buffer.from(m[2]!, 'latin1').toString('utf8'), data.toString('utf8', keyEnd, pos + length - 1))
    pos += length
  }
  return true
}

const roundUp = (n: number) => Math.ceil(n / BLOCK) * BLOCK

/** Lists the archive; rejects only when the first header is not a tar header (tarfile refuses the file). */
export async function listTar(ra: RandomAccess, maxEntries: number): Promise<TarListing> {
  const entries: TarEntry[] = []
  const anomalies: TarAnomaly[] = []
  const seen = new Set<string>()
  const globalPax = new Map<string, string>()
  let pax: Map<string, string> | undefined
  let longName: string | undefined
  let longLink: string | undefined
  let pos = 0
  const meta = async (at: number, size: number, what: string): Promise<Buffer | undefined> => {
    if (size > MAX_META) {
      anomalies.push({ kind: 'BAD_HEADER', detail: `a ${size}-byte ${what} at offset ${at - BLOCK}` })
      return undefined
    }
    const data = await ra.read(at, size)
    if (data.length < size) {
      anomalies.push({ kind: 'TRUNCATED', detail: `the ${what} at offset ${at - BLOCK} runs past the end` })
      return undefined
    }
    return data
  }
  for (;;) {
    if (pos >= ra.size) {
      // no end-of-archive blocks: tarfile accepts that
      break
    }
    const h = await ra.read(pos, BLOCK)
    if (h.length < BLOCK) {
      anomalies.push({ kind: 'TRUNCATED', detail: `a header at offset ${pos} is cut short` })
      break
    }
    if (h.every((b) => b === 0)) break
    const size = number(h, 124, 12)
    if (!checksumOk(h) || size === undefined || size < 0) {
      if (pos === 0) throw new Error('not a tar archive: its first header is not valid')
      anomalies.push({
        kind: 'BAD_HEADER',
        detail: `the header at offset ${pos} is not valid: tarfile stops there, other readers may go on`
      })
      break
    }
    let type = String.fromCharCode(h[156]!)
    const dataOffset = pos + BLOCK
    if (type === 'L' || type === 'K' || type === 'x' || type === 'X' || type === 'g') {
      const data = await meta(dataOffset, size, type === 'L' || type === 'K' ? 'GNU long name' : 'pax header')
      if (!data) break
      if (type === 'L') longName = nts(data, 0, data.length)
      else if (type === 'K') longLink = nts(data, 0, data.length)
      else {
        const into = type === 'g' ? globalPax : (pax ??= new Map(globalPax))
        if (!paxRecords(data, into)) {
          anomalies.push({ kind: 'BAD_HEADER', detail: `the pax header at offset ${pos} is not valid` })
          break
        }
      }
      pos = dataOffset + roundUp(size)
      continue
    }
    let name = nts(h, 0, 100)
    let linkName = nts(h, 157, 100)
    const prefix = nts(h, 345, 155)
    if (type === '\0' && name.endsWith('/')) type = '5'
    if (type === '5') name = name.replace(/\/+$/, '')
    if (prefix && !GNU_TYPES.includes(type)) name = `${prefix}/${name}`
    if (longName !== undefined) name = longName
    if (longLink !== undefined) linkName = longLink
    let realSize = size
    let sparse = type === 'S'
    if (pax) {
      name = pax.get('path') ?? name
      linkName = pax.get('linkpath') ?? linkName
      const paxSize = pax.get('size')
      if (paxSize !== undefined && /^\d+$/.test(paxSize)) realSize = Number(paxSize)
      sparse ||= [...pax.keys()].some((k) => k.startsWith('GNU.sparse.'))
    }
    pax = longName = longLink = undefined
    if (entries.length >= maxEntries) {
      anomalies.push({
        kind: 'TOO_MANY_ENTRIES',
        detail: `more than ${maxEntries} members; the rest are not read`
      })
      break
    }
    const isFile = REGULAR.includes(type) || !SUPPORTED.includes(type) || type === 'S'
    const entry: TarEntry = { name, type, size: realSize, headerOffset: pos, dataOffset, linkName, isFile }
    entries.push(entry)
    check(entry, sparse)
    // tarfile skips data only for files; a link or directory header is followed by the next header
    pos = isFile ? dataOffset + roundUp(realSize) : dataOffset
  }
  return { entries, anomalies }

  function check(e: TarEntry, sparse: boolean): void {
    const add = (kind: TarAnomalyKind, detail: string) => anomalies.push({ kind, entry: e.name, detail })
    const segments = e.name.split(/[/\\]/)
    if (/^[/\\]/.test(e.name) || /^[A-Za-z]:/.test(e.name)) add('ABSOLUTE_PATH', 'name is an absolute path')
    if (segments.includes('..')) add('PATH_TRAVERSAL', 'name has a ".." segment')
    if (e.type === '2') add('SYMLINK', `a symbolic link to ${JSON.stringify(e.linkName.slice(0, 200))}`)
    if (e.type === '1' && (/^[/\\]/.test(e.linkName) || e.linkName.split(/[/\\]/).includes('..')))
      add('HARDLINK', `a hard link to ${JSON.stringify(e.linkName.slice(0, 200))}, outside the archive`)
    if (sparse) add('SPARSE', 'sparse data: its bytes are not laid out in the archive as read')
    if (e.isFile && e.dataOffset + e.size > ra.size)
      add('TRUNCATED', `data runs ${e.dataOffset + e.size - ra.size} bytes past the end of the archive`)
    const key = normalise(e.name)
    if (seen.has(key)) add('DUPLICATE_NAME', 'another member has this name (tarfile extracts the last)')
    seen.add(key)
  }
}

/** `os.path.normpath` of a POSIX path, as tarfile's getmember compares names. */
export function normalise(name: string): string {
  const out: string[] = []
  for (const s of name.split('/')) {
    if (s === '' || s === '.') continue
    if (s === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop()
    else if (!(s === '..' && name.startsWith('/'))) out.push(s)
  }
  const joined = out.join('/')
  return name.startsWith('/') ? `/${joined}` : joined || '.'
}
