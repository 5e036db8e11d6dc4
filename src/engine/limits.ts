/**
 * Resource limits of the built-in engine. Hostile files are built to exhaust scanners; every loop and every
 * allocation of the engine is bounded by one of these, and hitting one makes the file "could not be verified"
 * (a violation), never a pass.
 */
export interface EngineLimits {
  /** opcodes in one pickle stream (real checkpoints' data.pkl are far below) */
  pickleOpcodes: number
  /** symbolic stack depth and MARK nesting */
  pickleStack: number
  pickleMarks: number
  /** memo entries */
  pickleMemo: number
  /** memo entries kept as objects (names for imports, small tuples): the rest are kept as one byte */
  pickleMemoNames: number
  /** concatenated pickles in one file (legacy PyTorch stacks 5) */
  picklesPerFile: number
  /** pickles found inside pickles, decoded and walked in turn */
  nestedDepth: number
  /** bytes of one string or bytes argument kept for analysis (longer ones are skipped over) */
  pickleArgBytes: number
  /** archive members walked in one file, and archive nesting */
  archiveEntries: number
  archiveDepth: number
  /** uncompressed bytes read from one archive member */
  memberBytes: number
  /** JSON documents parsed (configs, headers) */
  jsonBytes: number
  /**
   * bytes of decompressed data (an archive member, a gzip or xz stream's content) served by one read: formats
   * parsed whole (ONNX, protobuf) read at most this much of such data, which is decoded again rather than held
   */
  decodedReadBytes: number
  /** wall-clock budget per file */
  fileTimeMs: number
  /** files in one model */
  files: number
}

export const DEFAULT_LIMITS: EngineLimits = {
  // a 500 MB real-shaped pickle is about 130 million opcodes and 20 million memo entries (npm run bench)
  pickleOpcodes: 1_000_000_000,
  // a tuple is written whole (MARK, its items, TUPLE): real ones hold hundreds of thousands
  pickleStack: 5_000_000,
  pickleMarks: 1_000,
  pickleMemo: 200_000_000,
  pickleMemoNames: 2_000_000,
  picklesPerFile: 32,
  nestedDepth: 3,
  pickleArgBytes: 1024 * 1024,
  archiveEntries: 100_000,
  archiveDepth: 3,
  memberBytes: 512 * 1024 * 1024,
  jsonBytes: 64 * 1024 * 1024,
  decodedReadBytes: 64 * 1024 * 1024,
  fileTimeMs: 60_000,
  files: 100_000
}
