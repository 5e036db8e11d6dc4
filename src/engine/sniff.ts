import { isGgufMagic, isLegacyGgmlMagic } from './formats/gguf.js'
import { isNpyMagic } from './formats/numpy.js'
import { looksLikeSafetensors } from './formats/safetensors.js'
import { looksLikeTflite } from './formats/tflite.js'
import { looksLikePickle, OP } from './pickle.js'
import { isZipMagic } from './zip.js'

/**
 * What a file is, from its first bytes; the extension is only a hint. Loaders pick their parser by content
 * (torch.load opens any zip, pickle.load any stream), so routing by extension is how scanners were bypassed.
 */

export type Content =
  | 'zip'
  | '7z'
  | 'rar'
  | 'gzip'
  | 'bzip2'
  | 'xz'
  | 'zstd'
  | 'tar'
  | 'zlib'
  | 'lzma'
  | 'lz4'
  | 'hdf5'
  | 'npy'
  | 'gguf'
  | 'ggml'
  | 'safetensors'
  | 'tflite'
  | 'torch_legacy'
  | 'pickle'
  | 'llamafile'
  | 'executable'
  | 'script'
  | 'json'
  | 'text'
  | 'binary'
  | 'empty'

/** torch/serialization.py MAGIC_NUMBER: PyTorch's legacy format pickles it first. */
const TORCH_MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn
/** The start of a legacy PyTorch file: PROTO 2, then the magic number as LONG1 (10 bytes, little-endian). */
const TORCH_LEGACY = Buffer.from([
  OP.PROTO,
  2,
  OP.LONG1,
  10,
  ...Array.from({ length: 10 }, (_, i) => Number((TORCH_MAGIC_NUMBER >> BigInt(8 * i)) & 0xffn))
])
export const HDF5_MAGIC = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])

const starts = (head: Buffer, magic: number[] | Buffer, at = 0) =>
  head.length >= at + magic.length && magic.every((b, i) => head[at + i] === b)

/** How many leading bytes `sniff` wants (HDF5 may sit after a user block, tar's magic is at 257). */
export const SNIFF_BYTES = 4096

export function sniff(head: Buffer, size: number): Content {
  if (size === 0) return 'empty'
  // Actually Portable Executable: llamafile (and cosmopolitan binaries) start with MZqFpD
  if (starts(head, Buffer.from('MZqFpD'))) return 'llamafile'
  if (isZipMagic(head)) return 'zip'
  if (starts(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z'
  if (starts(head, Buffer.from('Rar!\x1a\x07', 'latin1'))) return 'rar'
  if (starts(head, [0x1f, 0x8b])) return 'gzip'
  if (starts(head, Buffer.from('BZh'))) return 'bzip2'
  if (starts(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz'
  if (starts(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd'
  if (starts(head, Buffer.from('ustar'), 257)) return 'tar'
  for (const at of [0, 512, 1024, 2048]) if (starts(head, HDF5_MAGIC, at)) return 'hdf5'
  if (isNpyMagic(head)) return 'npy'
  if (isGgufMagic(head)) return 'gguf'
  if (isLegacyGgmlMagic(head)) return 'ggml'
  if (starts(head, TORCH_LEGACY)) return 'torch_legacy'
  if (starts(head, [0x7f, 0x45, 0x4c, 0x46]) || starts(head, Buffer.from('MZ'))) return 'executable'
  if (
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe]
    ].some((m) => starts(head, m))
  ) {
    return 'executable'
  }
  // a FlatBuffer identifier at bytes 4..8, after the executables: a polyglot is reported as a program
  if (looksLikeTflite(head, size)) return 'tflite'
  if (looksLikeSafetensors(head, size)) return 'safetensors'
  if (looksLikePickle(head)) return 'pickle'
  if (starts(head, Buffer.from('#!'))) return 'script'
  const text = textual(head)
  if (text !== undefined) return /^\s*[{[]/.test(text) ? 'json' : 'text'
  // joblib's own compressors (joblib.load unpacks them, then unpickles): zlib with the usual headers, its
  // legacy `ZF` files, LZMA "alone" and LZ4 frames; only here, so text that happens to start alike stays text
  if ((head[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(head[1]!)) || starts(head, Buffer.from('ZF0x')))
    return 'zlib'
  if (starts(head, [0x5d, 0x00, 0x00])) return 'lzma'
  if (starts(head, [0x04, 0x22, 0x4d, 0x18])) return 'lz4'
  return 'binary'
}

/** The head as text when it is UTF-8 without control characters other than whitespace. */
function textual(head: Buffer): string | undefined {
  // a multi-byte character may be cut at the end of the head
  const s = head.toString('utf8')
  const body = s.endsWith('\uFFFD') ? s.replace(/\uFFFD+$/, '') : s
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\u007f\uFFFD]/.test(body)) return undefined
  return body
}

/** The format families an extension claims, used to tell when content and name disagree. */
export const EXTENSION_CLAIMS: Readonly<Record<string, readonly Content[]>> = {
  '.safetensors': ['safetensors'],
  '.gguf': ['gguf'],
  '.ggml': ['ggml', 'gguf'],
  '.npy': ['npy'],
  '.npz': ['zip'],
  // joblib.load opens its compressed dumps whatever their name (joblib < 0.10 wrote zlib `ZF` files as .pkl)
  '.pkl': ['pickle', 'torch_legacy', 'zlib', 'gzip', 'bzip2', 'lzma', 'xz', 'lz4'],
  '.pickle': ['pickle', 'torch_legacy', 'zlib', 'gzip', 'bzip2', 'lzma', 'xz', 'lz4'],
  '.joblib': ['pickle', 'zip', 'zlib', 'gzip', 'bzip2', 'lzma', 'xz', 'lz4'],
  '.dill': ['pickle'],
  // torch.save's oldest format is a tar archive
  '.pt': ['zip', 'torch_legacy', 'pickle', 'tar'],
  '.pth': ['zip', 'torch_legacy', 'pickle', 'tar'],
  '.ckpt': ['zip', 'torch_legacy', 'pickle', 'tar'],
  '.bin': ['zip', 'torch_legacy', 'pickle', 'binary', 'tflite', 'tar'],
  '.h5': ['hdf5'],
  '.hdf5': ['hdf5'],
  '.keras': ['zip'],
  '.onnx': ['binary'],
  '.pb': ['binary'],
  '.json': ['json'],
  '.zip': ['zip'],
  '.msgpack': ['binary'],
  // a .tflite that is no FlatBuffer stays 'binary' and unidentified (analyse-binary), never a pass
  '.tflite': ['tflite', 'binary'],
  '.llamafile': ['llamafile', 'executable']
}
