import type { FileHandle } from 'node:fs/promises'

/**
 * Bounded random access to a file's bytes: analysers read only the regions they need (headers, central
 * directories, pickle streams), so memory stays flat however large the model file is.
 */
export interface RandomAccess {
  readonly size: number
  /** Up to `length` bytes from `offset` (fewer only at the end of the data). */
  read(offset: number, length: number): Promise<Buffer>
}

export class EngineLimitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EngineLimitError'
  }
}

/** Larger single reads than this are refused: no analyser needs them, and a hostile length must not allocate. */
export const MAX_READ = 512 * 1024 * 1024

function checkRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new EngineLimitError(`invalid read of ${length} bytes at offset ${offset}`)
  }
  if (length > MAX_READ)
    throw new EngineLimitError(`a read of ${length} bytes exceeds the ${MAX_READ}-byte limit`)
}

export function bufferAccess(buf: Buffer): RandomAccess {
  return {
    size: buf.length,
    read: async (offset, length) => {
      checkRange(offset, length)
      return buf.subarray(Math.min(offset, buf.length), Math.min(offset + length, buf.length))
    }
  }
}

/** The bytes [offset, offset + length) of `ra`, read in place (an archive member stored as is). */
export function sliceAccess(ra: RandomAccess, offset: number, length: number): RandomAccess {
  const size = Math.max(0, Math.min(length, ra.size - offset))
  return {
    size,
    read: async (at, want) => {
      checkRange(at, want)
      const n = Math.max(0, Math.min(want, size - at))
      return n === 0 ? Buffer.alloc(0) : ra.read(offset + at, n)
    }
  }
}

export function fileAccess(handle: FileHandle, size: number): RandomAccess {
  return {
    size,
    read: async (offset, length) => {
      checkRange(offset, length)
      const want = Math.max(0, Math.min(length, size - offset))
      const out = Buffer.allocUnsafe(want)
      let got = 0
      while (got < want) {
        const { bytesRead } = await handle.read(out, got, want - got, offset + got)
        if (bytesRead === 0) break
        got += bytesRead
      }
      return got === want ? out : out.subarray(0, got)
    }
  }
}
