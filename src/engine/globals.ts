/**
 * What a pickle may import. The policy is default-deny: an import is safe only when it is on the allow-list of
 * globals that model checkpoints legitimately need (PyTorch's own weights-only unpickler, NumPy's array
 * reconstruction, a few container constructors). Everything else is a violation; the deny-list only decides
 * how bad: a known code-execution gadget is critical, an unknown import is high.
 *
 * Sources: picklescan `_safe_globals` / `_unsafe_globals` (MIT), modelscan `unsafe_globals` (Apache-2.0),
 * PyTorch `torch/_weights_only_unpickler.py`, and the advisories listed in the scanner landscape notes
 * (pip, functools.partial, pydoc, venv, pkgutil.resolve_name, cProfile, idlelib, lib2to3, uuid, imaplib,
 * _osx_support, _aix_support, _pyrepl, cloudpickle, types.CodeType, logging.FileHandler, _io.FileIO,
 * urllib.request, torch.serialization.load, torch._inductor.codecache.compile_file, …).
 */

export type ImportVerdict = 'safe' | 'dangerous' | 'unknown'

const TORCH_STORAGES = [
  'BFloat16Storage',
  'BoolStorage',
  'ByteStorage',
  'CharStorage',
  'ComplexDoubleStorage',
  'ComplexFloatStorage',
  'DoubleStorage',
  'FloatStorage',
  'HalfStorage',
  'IntStorage',
  'LongStorage',
  'QInt32Storage',
  'QInt8Storage',
  'QUInt2x4Storage',
  'QUInt4x2Storage',
  'QUInt8Storage',
  'ShortStorage',
  'UntypedStorage',
  'TypedStorage'
]

const TORCH_DTYPES = [
  'float32',
  'float',
  'float64',
  'double',
  'float16',
  'half',
  'bfloat16',
  'uint8',
  'int8',
  'int16',
  'short',
  'int32',
  'int',
  'int64',
  'long',
  'bool',
  'complex64',
  'complex128',
  'cfloat',
  'cdouble',
  'float8_e4m3fn',
  'float8_e5m2',
  'float8_e4m3fnuz',
  'float8_e5m2fnuz',
  'uint16',
  'uint32',
  'uint64',
  'qint8',
  'quint8',
  'qint32',
  'quint4x2',
  'quint2x4'
]

/** module → names that checkpoints need and that cannot run code with the arguments a pickle can give. */
const SAFE: Record<string, readonly string[]> = {
  collections: ['OrderedDict', 'Counter', 'defaultdict', 'deque'],
  builtins: [
    'set',
    'frozenset',
    'bytearray',
    'complex',
    'slice',
    'range',
    'list',
    'dict',
    'tuple',
    'int',
    'float',
    'bool',
    'str',
    'bytes',
    'object'
  ],
  __builtin__: [
    'set',
    'frozenset',
    'bytearray',
    'complex',
    'slice',
    'list',
    'dict',
    'tuple',
    'int',
    'float',
    'bool',
    'str',
    'object',
    'long',
    'unicode'
  ],
  // protocol 2 writes bytes as _codecs.encode(str, 'latin1')
  _codecs: ['encode'],
  // protocols 0 and 1 rebuild plain objects through it; the class it gets is an import of its own
  copy_reg: ['_reconstructor'],
  copyreg: ['_reconstructor', '__newobj__'],
  numpy: [
    'dtype',
    'ndarray',
    'bool_',
    'float16',
    'float32',
    'float64',
    'int8',
    'int16',
    'int32',
    'int64',
    'uint8',
    'uint16',
    'uint32',
    'uint64',
    'complex64',
    'complex128'
  ],
  'numpy.core.multiarray': ['_reconstruct', 'scalar'],
  'numpy._core.multiarray': ['_reconstruct', 'scalar'],
  'numpy.dtypes': [
    'Float32DType',
    'Float64DType',
    'Float16DType',
    'Int8DType',
    'Int16DType',
    'Int32DType',
    'Int64DType',
    'UInt8DType',
    'UInt16DType',
    'UInt32DType',
    'UInt64DType',
    'BoolDType'
  ],
  torch: [
    ...TORCH_STORAGES,
    ...TORCH_DTYPES,
    'Size',
    'Tensor',
    'device',
    'dtype',
    'layout',
    'memory_format',
    'strided',
    'sparse_coo',
    'sparse_csr',
    'contiguous_format',
    'channels_last',
    'preserve_format'
  ],
  'torch.storage': ['UntypedStorage', 'TypedStorage', '_load_from_bytes_placeholder_never_matches'],
  'torch._utils': [
    '_rebuild_tensor',
    '_rebuild_tensor_v2',
    '_rebuild_tensor_v3',
    '_rebuild_parameter',
    '_rebuild_parameter_with_state',
    '_rebuild_qtensor',
    '_rebuild_sparse_tensor',
    '_rebuild_meta_tensor_no_storage',
    '_rebuild_nested_tensor',
    '_rebuild_wrapper_subclass',
    '_rebuild_device_tensor_from_numpy',
    '_rebuild_device_tensor_from_cpu_tensor'
  ],
  'torch.nn.parameter': ['Parameter'],
  'torch.serialization': ['_get_layout'],
  'torch.nn.modules.container': [],
  'torch._tensor': []
}

/** Builtins that run code, reach any object or open files, in Python 3 and Python 2 alike. */
const CODE_BUILTINS = [
  'eval',
  'exec',
  'compile',
  'open',
  'getattr',
  'setattr',
  'delattr',
  'apply',
  'breakpoint',
  '__import__',
  'globals',
  'locals',
  'vars',
  'input',
  'type'
]

/** module → names that run code, touch files, processes or the network, or load further pickles ('*': all). */
const DANGEROUS: Record<string, readonly string[]> = {
  builtins: [...CODE_BUILTINS, 'help', 'memoryview', 'super', 'classmethod', 'staticmethod', 'property'],
  __builtin__: [...CODE_BUILTINS, 'execfile', 'file', 'raw_input', 'reload'],
  os: ['*'],
  nt: ['*'],
  posix: ['*'],
  posixpath: ['*'],
  ntpath: ['*'],
  subprocess: ['*'],
  sys: ['*'],
  socket: ['*'],
  ssl: ['*'],
  shutil: ['*'],
  pty: ['*'],
  pickle: ['*'],
  _pickle: ['*'],
  cPickle: ['*'],
  dill: ['*'],
  cloudpickle: ['*'],
  joblib: ['load', 'loads'],
  marshal: ['*'],
  types: ['*'],
  runpy: ['*'],
  importlib: ['*'],
  imp: ['*'],
  pkgutil: ['*'],
  code: ['*'],
  codeop: ['*'],
  ctypes: ['*'],
  _ctypes: ['*'],
  multiprocessing: ['*'],
  _posixsubprocess: ['*'],
  asyncio: ['*'],
  threading: ['*'],
  _thread: ['*'],
  signal: ['*'],
  webbrowser: ['*'],
  httplib: ['*'],
  'http.client': ['*'],
  'http.server': ['*'],
  urllib: ['*'],
  urllib2: ['*'],
  'urllib.request': ['*'],
  requests: ['*'],
  aiohttp: ['*'],
  ftplib: ['*'],
  smtplib: ['*'],
  telnetlib: ['*'],
  imaplib: ['*'],
  poplib: ['*'],
  nntplib: ['*'],
  xmlrpc: ['*'],
  socketserver: ['*'],
  bdb: ['*'],
  pdb: ['*'],
  trace: ['*'],
  cProfile: ['*'],
  profile: ['*'],
  timeit: ['*'],
  pydoc: ['*'],
  doctest: ['*'],
  idlelib: ['*'],
  lib2to3: ['*'],
  distutils: ['*'],
  setuptools: ['*'],
  pip: ['*'],
  ensurepip: ['*'],
  venv: ['*'],
  test: ['*'],
  uuid: ['*'],
  _osx_support: ['*'],
  _aix_support: ['*'],
  _pyrepl: ['*'],
  _interpreters: ['*'],
  _xxsubinterpreters: ['*'],
  builtins_: [],
  functools: ['partial', 'reduce', 'partialmethod'],
  operator: ['attrgetter', 'itemgetter', 'methodcaller'],
  _operator: ['attrgetter', 'itemgetter', 'methodcaller'],
  logging: ['*'],
  _io: ['*'],
  io: ['*'],
  tempfile: ['*'],
  glob: ['*'],
  pathlib: ['*'],
  fileinput: ['*'],
  zipfile: ['*'],
  tarfile: ['*'],
  sqlite3: ['*'],
  inspect: ['*'],
  gc: ['*'],
  numpy: ['load', 'loads', 'fromfile', 'save', 'savez', 'tofile'],
  'numpy.f2py': ['*'],
  'numpy.testing': ['*'],
  'numpy.lib.npyio': ['*'],
  'numpy.distutils': ['*'],
  torch: ['load', 'save', 'hub', 'jit', 'compile', 'ops', 'classes', '_C'],
  'torch.serialization': ['load', 'save', '_load'],
  'torch.storage': ['_load_from_bytes'],
  'torch.hub': ['*'],
  'torch.jit': ['*'],
  'torch._dynamo': ['*'],
  'torch._inductor': ['*'],
  'torch.fx': ['*'],
  'torch.utils.collect_env': ['*'],
  'torch.utils.bottleneck': ['*'],
  'torch.utils._config_module': ['*'],
  'torch.utils.data.datapipes': ['*'],
  'torch.jit.unsupported_tensor_ops': ['*'],
  'torch._ops': ['*'],
  mlflow: ['*'],
  'pandas.io': ['*'],
  pandas: ['read_csv', 'read_pickle', 'read_json', 'read_html', 'read_sql', 'eval'],
  jinja2: ['*'],
  yaml: ['load', 'unsafe_load', 'full_load'],
  keras: ['*'],
  tensorflow: ['*']
}

/** The table's own entry (never an Object.prototype member such as `constructor` or `toString`). */
const entry = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined

/**
 * Python 2 names that Python 3's unpickler imports as other modules (`fix_imports`, protocols 0 to 2; CPython
 * `Lib/_compat_pickle.py`), where the Python 3 module is dangerous: `commands.getoutput` runs
 * `subprocess.getoutput`.
 */
const PY2_MODULES: Record<string, string> = {
  commands: 'subprocess',
  thread: '_thread',
  dummy_thread: '_dummy_thread',
  SocketServer: 'socketserver',
  xmlrpclib: 'xmlrpc.client',
  SimpleXMLRPCServer: 'xmlrpc.server',
  DocXMLRPCServer: 'xmlrpc.server',
  BaseHTTPServer: 'http.server',
  SimpleHTTPServer: 'http.server',
  CGIHTTPServer: 'http.server',
  urlparse: 'urllib.parse',
  robotparser: 'urllib.robotparser',
  StringIO: 'io',
  cStringIO: 'io'
}
const PY2_NAMES: Record<string, [string, string]> = {
  '__builtin__.reduce': ['functools', 'reduce'],
  '__builtin__.intern': ['sys', 'intern'],
  '_socket.fromfd': ['socket', 'fromfd'],
  '_multiprocessing.Connection': ['multiprocessing.connection', 'Connection']
}

const lookup = (table: Record<string, readonly string[]>, module: string, name: string): boolean => {
  // the module itself, then every parent: `asyncio.unix_events` is as dangerous as `asyncio` when `*` is listed
  const parts = module.split('.')
  for (let i = parts.length; i > 0; i--) {
    const mod = parts.slice(0, i).join('.')
    const names = entry(table, mod)
    if (!names) continue
    if (names.includes('*')) return true
    // exact module: the name, or its first component (`InteractiveInterpreter.runcode` under `code`)
    if (i === parts.length && (names.includes(name) || names.includes(name.split('.')[0]!))) return true
  }
  return false
}

/**
 * How dangerous importing `module.name` is. Dotted names (`pathlib.Path.__globals__`, `os.path.join` written
 * as module `builtins`, name `getattr`) and dunder attributes are never safe: they reach past what the
 * allow-list vouches for.
 */
export function classifyImport(
  module: string,
  name: string,
  extraSafe: ReadonlySet<string> = new Set()
): ImportVerdict {
  if (module === '?' || name === '?') return 'dangerous'
  const full = `${module}.${name}`
  // the name as a path of attributes, and module aliases for the same code (`os` vs `posix`)
  const components = [...module.split('.'), ...name.split('.')]
  if (components.some((c) => /^__.*__$/.test(c) && c !== '__builtin__' && c !== '__newobj__'))
    return 'dangerous'
  if (lookup(DANGEROUS, module, name)) return 'dangerous'
  const py2 = entry(PY2_NAMES, full)
  if (py2 && lookup(DANGEROUS, py2[0], py2[1])) return 'dangerous'
  const py3Module = entry(PY2_MODULES, module)
  if (py3Module && lookup(DANGEROUS, py3Module, name)) return 'dangerous'
  // a name with dots under any module can reach a dangerous module through attributes: a prefix of the path
  // (`os.path` + `join`), or a module the name itself walks through (`torch.serialization` + `os.system`)
  const depth = module.split('.').length
  for (let end = 1; end < components.length; end++) {
    for (let start = 0; start < end; start++) {
      if (start > 0 && start < depth) continue
      if (lookup(DANGEROUS, components.slice(start, end).join('.'), components.slice(end).join('.')))
        return 'dangerous'
    }
  }
  if (extraSafe.has(full)) return 'safe'
  if (name.includes('.')) return 'unknown'
  if (entry(SAFE, module)?.includes(name)) return 'safe'
  return 'unknown'
}
