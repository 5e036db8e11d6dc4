/**
 * What a pickle may import. The policy is default-deny: an import is safe only when it is on the allow-list
 * (`ALLOW_LIST`, in tiers, each entry with the reason it is safe). Everything else is a violation; the deny-list
 * only decides how bad: a known code-execution gadget is critical, an unknown import is high. The deny side
 * always wins: no allow entry, and no reviewed `allowed_globals` entry, can make a denied import safe.
 *
 * The bar for an allow entry: a pickle can call the global with any arguments (REDUCE), build it without
 * `__init__` (NEWOBJ) and hand its `__setstate__` any state (BUILD), and the walker cannot tell which it did. So
 * every one of those paths must be unable to run code, import modules, evaluate strings, reach attributes by
 * name, open files or sockets, or load a nested pickle. Calling a value the pickle built itself is no gain: REDUCE
 * can call any value on the stack, and every global that value came from is classified on its own.
 * docs/allow-list.md lists the entries, and what stays denied and why.
 *
 * Sources: picklescan `_safe_globals` / `_unsafe_globals` (MIT), modelscan `unsafe_globals` (Apache-2.0),
 * fickling `ML_ALLOWLIST` (LGPL-3.0, reasons only), PyTorch `torch/_weights_only_unpickler.py`, CPython
 * `Lib/_compat_pickle.py`, the pickle paths of NumPy, SciPy, pandas, scikit-learn, XGBoost, LightGBM and
 * Transformers, and the advisories listed in the scanner landscape notes (pip, functools.partial, pydoc, venv,
 * pkgutil.resolve_name, cProfile, idlelib, lib2to3, uuid, imaplib, _osx_support, _aix_support, _pyrepl,
 * cloudpickle, types.CodeType, logging.FileHandler, _io.FileIO, urllib.request, torch.serialization.load,
 * torch._inductor.codecache.compile_file, …).
 */

export type ImportVerdict = 'safe' | 'dangerous' | 'unknown'

export type AllowTier =
  | 'core'
  | 'stdlib'
  | 'numpy'
  | 'scipy'
  | 'pandas'
  | 'sklearn'
  | 'xgboost'
  | 'lightgbm'
  | 'transformers'
  | 'torch'

export interface AllowEntry {
  tier: AllowTier
  module: string
  names: readonly string[]
  /** why loading it with attacker-chosen arguments cannot run code or touch the system */
  reason: string
}

// Reasons shared by many entries.
const VALUE_TYPE = 'A value type: construction and state only store or convert the data given.'
const NUMPY_SCALAR =
  'NumPy scalar and array types: calling one converts its argument to a number, string or array; no I/O.'
const SPARSE =
  'SciPy sparse container: the constructor converts arrays or tuples of arrays, state is a plain __dict__ ' +
  '(coo renames legacy keys); no I/O, no callables.'
const PANDAS_DATA =
  'pandas data container: constructors take arrays, lists or dicts and state is rebuilt from arrays and ' +
  'indexes; no I/O (pandas.io stays denied) and no expression evaluation (pandas.eval stays denied).'
const PANDAS_HELPER =
  'pandas pickle helper: rebuilds the object from the arrays, dtype and index passed; calls cls.__new__ at ' +
  'most, which NEWOBJ can do already.'
const PANDAS_OFFSET =
  'pandas date offset: stores n, normalize and calendar fields; state only sets those attributes.'
const SKLEARN_ESTIMATOR =
  'scikit-learn estimator: __init__ only stores its parameters (a project rule its common tests enforce) and ' +
  'BaseEstimator.__setstate__ only updates __dict__; parameters that are callables are imports of their own, ' +
  'classified separately.'
const SKLEARN_CYTHON =
  'scikit-learn Cython helper: the constructor takes sizes or a fixed parameter, state is arrays whose dtype ' +
  'and shape are checked before they are copied. Predicting trusts node indices: ' +
  'a memory-safety matter at use time, not code at load time.'
const SKLEARN_LOSS =
  'scikit-learn loss or link object: stores a few numeric parameters; no I/O, no callables.'
const ENUM =
  'An Enum class: calling it looks up a member by value; calling it with extra arguments on an Enum that has ' +
  'members raises TypeError.'
const TORCH_MODULE =
  'Standard torch.nn layer: __init__ stores sizes and allocates parameter tensors, Module.__setstate__ ' +
  'only updates __dict__; no I/O. Callables it holds (activation, hooks) are imports of their own.'

const NUMPY_SCALARS = [
  'bool_',
  'bool',
  'bool8',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'intc',
  'uintc',
  'int_',
  'uint',
  'intp',
  'uintp',
  'byte',
  'ubyte',
  'short',
  'ushort',
  'long',
  'ulong',
  'longlong',
  'ulonglong',
  'float16',
  'float32',
  'float64',
  'float96',
  'float128',
  'half',
  'single',
  'double',
  'longdouble',
  'float_',
  'complex64',
  'complex128',
  'complex192',
  'complex256',
  'csingle',
  'cdouble',
  'clongdouble',
  'complex_',
  'object_',
  'str_',
  'unicode_',
  'bytes_',
  'string_',
  'void',
  'datetime64',
  'timedelta64'
]

const NUMPY_DTYPE_CLASSES = [
  'BoolDType',
  'Int8DType',
  'ByteDType',
  'UInt8DType',
  'UByteDType',
  'Int16DType',
  'ShortDType',
  'UInt16DType',
  'UShortDType',
  'Int32DType',
  'IntDType',
  'UInt32DType',
  'UIntDType',
  'Int64DType',
  'LongDType',
  'UInt64DType',
  'ULongDType',
  'LongLongDType',
  'ULongLongDType',
  'Float16DType',
  'Float32DType',
  'Float64DType',
  'LongDoubleDType',
  'Complex64DType',
  'Complex128DType',
  'CLongDoubleDType',
  'ObjectDType',
  'BytesDType',
  'StrDType',
  'VoidDType',
  'DateTime64DType',
  'TimeDelta64DType',
  'StringDType'
]

const SPARSE_FORMATS = ['csr', 'csc', 'coo', 'bsr', 'dia', 'dok', 'lil']

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

/** The allow-list, in tiers. Default-deny: what is not here is a finding. */
export const ALLOW_LIST: readonly AllowEntry[] = [
  // ── core: containers, builtin value types, the reconstruction helpers plain pickles use ──
  {
    tier: 'core',
    module: 'builtins',
    names: [
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
    reason:
      'Builtin value and container types: calling one builds a value from its arguments (str() and repr() of ' +
      'objects the pickle built itself at most). Python 2 names (__builtin__.unicode, long, xrange) map here.'
  },
  {
    tier: 'core',
    module: 'builtins',
    names: ['Ellipsis', 'NotImplemented'],
    reason: 'Builtin constants, not callable.'
  },
  {
    tier: 'core',
    module: 'collections',
    names: [
      'OrderedDict',
      'Counter',
      'defaultdict',
      'deque',
      'ChainMap',
      'UserDict',
      'UserList',
      'UserString'
    ],
    reason:
      'Containers: construction and SETITEMS/APPENDS only store items. defaultdict calls its default factory ' +
      'with no arguments on a missing key, at use time; the factory is an import classified on its own.'
  },
  {
    tier: 'core',
    module: '_codecs',
    names: ['encode'],
    reason:
      'Protocol 2 writes bytes as _codecs.encode(str, "latin1"). Encoding a string looks a codec up in the ' +
      'stdlib encodings package only.'
  },
  {
    tier: 'core',
    module: 'copyreg',
    names: ['_reconstructor', '__newobj__', '__newobj_ex__'],
    reason:
      'How protocols 0 to 2 rebuild plain objects: base.__new__(cls) and base.__init__ with the state, or ' +
      'cls.__new__(cls, *args, **kwargs): what NEWOBJ and REDUCE already do; the class is an import of its own.'
  },
  // ── stdlib: value types of the standard library ──
  {
    tier: 'stdlib',
    module: 'datetime',
    names: ['date', 'datetime', 'time', 'timedelta', 'timezone'],
    reason: `${VALUE_TYPE} Dates and times are rebuilt from packed bytes or numbers; a tzinfo is an import of its own.`
  },
  {
    tier: 'stdlib',
    module: 'uuid',
    names: ['UUID', 'SafeUUID'],
    reason: `${VALUE_TYPE} UUID parses hex, bytes or fields into an integer; the module's node getters, which run commands, stay denied (DENIED_EXCEPT).`
  },
  {
    tier: 'stdlib',
    module: 'pathlib',
    names: ['PurePath', 'PurePosixPath', 'PureWindowsPath', 'Path', 'PosixPath', 'WindowsPath'],
    reason:
      'A path value (training configs store output directories as paths): construction only joins and ' +
      'normalises the strings given and touches no file; methods that do are reachable only through dotted ' +
      'names, which stay denied.'
  },
  {
    tier: 'stdlib',
    module: 'types',
    names: ['SimpleNamespace'],
    reason:
      'Stores keyword arguments as attributes; REDUCE can pass none. The rest of types (CodeType, ' +
      'FunctionType, ModuleType) stays denied.'
  },
  {
    tier: 'stdlib',
    module: 'decimal',
    names: ['Decimal'],
    reason: `${VALUE_TYPE} Decimal parses a numeric string.`
  },
  {
    tier: 'stdlib',
    module: 'fractions',
    names: ['Fraction'],
    reason: `${VALUE_TYPE} Fraction parses a numeric string or takes two numbers.`
  },
  {
    tier: 'stdlib',
    module: 'argparse',
    names: ['Namespace'],
    reason:
      'argparse.Namespace (old fairseq and training checkpoints): takes keyword arguments only, which REDUCE ' +
      'cannot pass, and its state is a plain __dict__.'
  },
  // ── numpy: arrays, scalars, dtypes, every reconstruct path old and new, the random generators ──
  {
    tier: 'numpy',
    module: 'numpy',
    names: ['ndarray', 'dtype', ...NUMPY_SCALARS],
    reason:
      `${NUMPY_SCALAR} ndarray(shape, dtype, buffer, offset, strides) checks the buffer bounds; ` +
      'dtype parses a type string without eval.'
  },
  {
    tier: 'numpy',
    module: 'numpy',
    names: ['matrix', 'recarray', 'record'],
    reason:
      'ndarray subclasses: matrix parses a string with ast.literal_eval at most; recarray takes a shape, dtype ' +
      'and buffer like ndarray; state is ndarray state.'
  },
  {
    tier: 'numpy',
    module: 'numpy.matrixlib.defmatrix',
    names: ['matrix'],
    reason: 'numpy.matrix under its pre-1.16 module name.'
  },
  ...['numpy.rec', 'numpy.core.records', 'numpy._core.records'].map((module): AllowEntry => ({
    tier: 'numpy',
    module,
    names: module === 'numpy.rec' ? ['recarray'] : ['recarray', 'record'],
    reason: 'numpy.recarray and numpy.record under their NumPy 2 and older module names.'
  })),
  ...[
    'numpy.core.multiarray',
    'numpy._core.multiarray',
    // the same C functions under their extension module's name (NumPy 1.16 and later pickled some so)
    'numpy.core._multiarray_umath',
    'numpy._core._multiarray_umath'
  ].map((module): AllowEntry => ({
    tier: 'numpy',
    module,
    names: ['_reconstruct', 'scalar'],
    reason:
      'ndarray.__reduce__ and scalar.__reduce__ (NumPy 1 and 2 names): _reconstruct(subtype, shape, dtype) ' +
      'makes an empty array of an ndarray subtype, scalar(dtype, bytes) reads one value from bytes.'
  })),
  ...['numpy.core.numeric', 'numpy._core.numeric'].map((module): AllowEntry => ({
    tier: 'numpy',
    module,
    names: ['_frombuffer'],
    reason: 'Protocol 5 arrays: frombuffer(buf, dtype) then reshape and transpose; no copy, no I/O.'
  })),
  ...['numpy.core', 'numpy._core'].map((module): AllowEntry => ({
    tier: 'numpy',
    module,
    names: ['_DType_reconstruct'],
    reason: 'Pickled DType classes: returns type(dtype(scalar_type)).'
  })),
  {
    tier: 'numpy',
    module: 'numpy.core._internal',
    names: ['_reconstruct'],
    reason:
      'Object arrays pickled by NumPy 0.x under Python 2: _reconstruct(subtype, shape, dtype) is ' +
      'ndarray.__new__(subtype, shape, dtype), an empty array.'
  },
  {
    tier: 'numpy',
    module: 'numpy._core._internal',
    names: ['_convert_to_stringdtype_kwargs'],
    reason: 'NumPy 2 StringDType pickles: StringDType(coerce, na_object) stores the two values.'
  },
  {
    tier: 'numpy',
    module: 'numpy.dtypes',
    names: NUMPY_DTYPE_CLASSES,
    reason: 'The DType class of each dtype: calling one makes that dtype.'
  },
  {
    tier: 'numpy',
    module: 'numpy.ma.core',
    names: ['_mareconstruct', 'MaskedArray', 'MaskedConstant', 'mvoid'],
    reason:
      'Masked arrays: _mareconstruct makes two empty ndarrays and calls subtype.__new__ (what NEWOBJ does); ' +
      'state is ndarray state plus the mask and fill value.'
  },
  {
    tier: 'numpy',
    module: 'numpy.ma',
    names: ['MaskedArray'],
    reason: 'numpy.ma.MaskedArray under its public module name.'
  },
  {
    tier: 'numpy',
    module: 'numpy.random._pickle',
    names: ['__randomstate_ctor', '__generator_ctor', '__bit_generator_ctor'],
    reason:
      'RandomState and Generator pickles: a bit generator name is looked up in a fixed table of five classes; ' +
      'a class argument is called with no arguments, the optional ctor argument with the one name. Those are ' +
      'calls REDUCE can make itself, on values built from imports classified on their own; no import, no I/O.'
  },
  {
    tier: 'numpy',
    module: 'numpy.random',
    names: ['__RandomState_ctor'],
    reason: 'RandomState pickles before NumPy 1.17: returns RandomState(seed=0), takes no arguments.'
  },
  {
    tier: 'numpy',
    module: 'numpy.random.mtrand',
    names: ['RandomState'],
    reason: 'The legacy generator: seeds from an int, array or bit generator; state is the key array.'
  },
  {
    tier: 'numpy',
    module: 'numpy.random._generator',
    names: ['Generator'],
    reason: 'Generator(bit_generator) checks the bit generator capsule; no I/O.'
  },
  ...(
    [
      ['numpy.random._mt19937', 'MT19937'],
      ['numpy.random._pcg64', 'PCG64', 'PCG64DXSM'],
      ['numpy.random._philox', 'Philox'],
      ['numpy.random._sfc64', 'SFC64']
    ] as const
  ).map(([module, ...names]): AllowEntry => ({
    tier: 'numpy',
    module,
    names,
    reason: 'Bit generator: seeds from an int, array or SeedSequence; state is a dict of integers and arrays.'
  })),
  {
    tier: 'numpy',
    module: 'numpy.random.bit_generator',
    names: ['SeedSequence', '__pyx_unpickle_SeedSequence'],
    reason:
      'SeedSequence and its Cython unpickle helper: checks a checksum, calls SeedSequence.__new__ on a ' +
      'SeedSequence subtype and sets the entropy fields.'
  },
  // ── scipy: sparse matrices and arrays under every module name they were pickled with ──
  ...SPARSE_FORMATS.map((f): AllowEntry => ({
    tier: 'scipy',
    module: `scipy.sparse._${f}`,
    names: [`${f}_matrix`, `${f}_array`],
    reason: SPARSE
  })),
  {
    tier: 'scipy',
    module: 'scipy.sparse._arrays',
    names: SPARSE_FORMATS.map((f) => `${f}_array`),
    reason: `${SPARSE} Module of the sparse array classes in SciPy 1.8 to 1.10.`
  },
  ...SPARSE_FORMATS.map((f): AllowEntry => ({
    tier: 'scipy',
    module: `scipy.sparse.${f}`,
    names: [`${f}_matrix`],
    reason: `${SPARSE} Module name before SciPy 1.8.`
  })),
  {
    tier: 'scipy',
    module: 'scipy.sparse',
    names: SPARSE_FORMATS.flatMap((f) => [`${f}_matrix`, `${f}_array`]),
    reason: `${SPARSE} Public names.`
  },
  // ── pandas: frames, series, indexes, extension arrays and dtypes, timestamps, offsets ──
  { tier: 'pandas', module: 'pandas.core.frame', names: ['DataFrame'], reason: PANDAS_DATA },
  { tier: 'pandas', module: 'pandas.core.series', names: ['Series'], reason: PANDAS_DATA },
  {
    tier: 'pandas',
    module: 'pandas.core.internals.managers',
    names: ['BlockManager', 'SingleBlockManager'],
    reason: `${PANDAS_DATA} __setstate__ rebuilds blocks from arrays and block placements.`
  },
  {
    tier: 'pandas',
    module: 'pandas.core.internals.blocks',
    names: ['new_block'],
    reason: `${PANDAS_HELPER} Block pickles of pandas 1.3.`
  },
  {
    tier: 'pandas',
    module: 'pandas._libs.internals',
    names: ['_unpickle_block'],
    reason: `${PANDAS_HELPER} new_block(values, placement, ndim).`
  },
  {
    tier: 'pandas',
    module: 'pandas._libs.arrays',
    names: ['__pyx_unpickle_NDArrayBacked'],
    reason: `${PANDAS_HELPER} Cython unpickle of the ndarray-backed arrays: checksum, __new__, set the array and dtype.`
  },
  {
    tier: 'pandas',
    module: 'pandas.core.indexes.base',
    names: ['Index', '_new_Index'],
    reason: `${PANDAS_DATA} _new_Index(cls, d) calls cls.__new__(cls, **d), what NEWOBJ_EX can do.`
  },
  ...(
    [
      ['pandas.core.indexes.range', 'RangeIndex'],
      ['pandas.core.indexes.multi', 'MultiIndex'],
      ['pandas.core.indexes.numeric', 'Int64Index', 'UInt64Index', 'Float64Index', 'NumericIndex'],
      ['pandas.core.indexes.datetimes', 'DatetimeIndex', '_new_DatetimeIndex'],
      ['pandas.core.indexes.timedeltas', 'TimedeltaIndex'],
      ['pandas.core.indexes.period', 'PeriodIndex', '_new_PeriodIndex'],
      ['pandas.core.indexes.category', 'CategoricalIndex'],
      ['pandas.core.indexes.interval', 'IntervalIndex', '_new_IntervalIndex'],
      ['pandas.core.indexes.frozen', 'FrozenList'],
      ['pandas.core.arrays.categorical', 'Categorical'],
      ['pandas.core.arrays.datetimes', 'DatetimeArray'],
      ['pandas.core.arrays.timedeltas', 'TimedeltaArray'],
      ['pandas.core.arrays.period', 'PeriodArray'],
      ['pandas.core.arrays.interval', 'IntervalArray'],
      [
        'pandas.core.arrays.integer',
        'IntegerArray',
        'Int8Dtype',
        'Int16Dtype',
        'Int32Dtype',
        'Int64Dtype',
        'UInt8Dtype',
        'UInt16Dtype',
        'UInt32Dtype',
        'UInt64Dtype'
      ],
      ['pandas.core.arrays.floating', 'FloatingArray', 'Float32Dtype', 'Float64Dtype'],
      ['pandas.core.arrays.boolean', 'BooleanArray', 'BooleanDtype'],
      ['pandas.core.arrays.string_', 'StringArray', 'StringDtype'],
      ['pandas.core.arrays.numpy_', 'PandasArray', 'NumpyExtensionArray'],
      ['pandas.core.arrays.sparse.array', 'SparseArray'],
      ['pandas.core.arrays.sparse.dtype', 'SparseDtype'],
      [
        'pandas.core.dtypes.dtypes',
        'CategoricalDtype',
        'DatetimeTZDtype',
        'PeriodDtype',
        'IntervalDtype',
        'SparseDtype'
      ],
      ['pandas._libs.sparse', 'IntIndex', 'BlockIndex'],
      ['pandas._libs.missing', 'NA'],
      ['pandas._libs.interval', 'Interval'],
      ['pandas._libs.tslibs.timestamps', 'Timestamp', '_unpickle_timestamp'],
      ['pandas._libs.tslibs.timedeltas', 'Timedelta', '_timedelta_unpickle'],
      ['pandas._libs.tslibs.nattype', '__nat_unpickle', '_nat_unpickle'],
      ['pandas._libs.tslibs.period', 'Period']
    ] as const
  ).map(([module, ...names]): AllowEntry => ({
    tier: 'pandas',
    module,
    names,
    reason: module.includes('_libs') || names.some((n) => n.startsWith('_')) ? PANDAS_HELPER : PANDAS_DATA
  })),
  {
    tier: 'pandas',
    module: 'pandas._libs.tslibs.offsets',
    names: [
      'DateOffset',
      'Day',
      'Hour',
      'Minute',
      'Second',
      'Milli',
      'Micro',
      'Nano',
      'BusinessDay',
      'BusinessHour',
      'MonthEnd',
      'MonthBegin',
      'BusinessMonthEnd',
      'BusinessMonthBegin',
      'SemiMonthEnd',
      'SemiMonthBegin',
      'Week',
      'WeekOfMonth',
      'LastWeekOfMonth',
      'QuarterEnd',
      'QuarterBegin',
      'BQuarterEnd',
      'BQuarterBegin',
      'YearEnd',
      'YearBegin',
      'BYearEnd',
      'BYearBegin',
      'Easter',
      'FY5253',
      'FY5253Quarter'
    ],
    reason: PANDAS_OFFSET
  },
  {
    tier: 'pandas',
    module: 'pytz',
    names: ['_UTC', '_p'],
    reason:
      'Time zones of tz-aware pandas data: _UTC() returns the UTC singleton; _p(zone, ...) opens a zone file ' +
      'only when the name is on pytz’s fixed list of zone names (all_timezones_set), read-only.'
  },
  // ── sklearn: estimators (private module paths, as pickles write them) and their helper types ──
  ...(
    [
      ['sklearn.calibration', 'CalibratedClassifierCV', '_CalibratedClassifier', '_SigmoidCalibration'],
      ['sklearn.cluster._affinity_propagation', 'AffinityPropagation'],
      ['sklearn.cluster._agglomerative', 'AgglomerativeClustering'],
      ['sklearn.cluster._birch', 'Birch'],
      ['sklearn.cluster._dbscan', 'DBSCAN'],
      ['sklearn.cluster._kmeans', 'KMeans', 'MiniBatchKMeans'],
      ['sklearn.cluster._mean_shift', 'MeanShift'],
      ['sklearn.cluster._optics', 'OPTICS'],
      ['sklearn.cluster._spectral', 'SpectralClustering'],
      ['sklearn.compose._column_transformer', 'ColumnTransformer'],
      ['sklearn.cross_decomposition._pls', 'PLSRegression', 'PLSCanonical', 'CCA', 'PLSSVD'],
      ['sklearn.decomposition._factor_analysis', 'FactorAnalysis'],
      ['sklearn.decomposition._fastica', 'FastICA'],
      ['sklearn.decomposition._incremental_pca', 'IncrementalPCA'],
      ['sklearn.decomposition._kernel_pca', 'KernelPCA'],
      ['sklearn.decomposition._lda', 'LatentDirichletAllocation'],
      ['sklearn.decomposition._nmf', 'NMF'],
      ['sklearn.decomposition._pca', 'PCA'],
      ['sklearn.decomposition._sparse_pca', 'SparsePCA', 'MiniBatchSparsePCA'],
      ['sklearn.decomposition._truncated_svd', 'TruncatedSVD'],
      ['sklearn.discriminant_analysis', 'LinearDiscriminantAnalysis', 'QuadraticDiscriminantAnalysis'],
      ['sklearn.dummy', 'DummyClassifier', 'DummyRegressor'],
      ['sklearn.ensemble._bagging', 'BaggingClassifier', 'BaggingRegressor'],
      [
        'sklearn.ensemble._forest',
        'RandomForestClassifier',
        'RandomForestRegressor',
        'ExtraTreesClassifier',
        'ExtraTreesRegressor',
        'RandomTreesEmbedding'
      ],
      ['sklearn.ensemble._gb', 'GradientBoostingClassifier', 'GradientBoostingRegressor'],
      [
        'sklearn.ensemble._hist_gradient_boosting.gradient_boosting',
        'HistGradientBoostingClassifier',
        'HistGradientBoostingRegressor'
      ],
      ['sklearn.ensemble._iforest', 'IsolationForest'],
      ['sklearn.ensemble._stacking', 'StackingClassifier', 'StackingRegressor'],
      ['sklearn.ensemble._voting', 'VotingClassifier', 'VotingRegressor'],
      ['sklearn.ensemble._weight_boosting', 'AdaBoostClassifier', 'AdaBoostRegressor'],
      ['sklearn.feature_extraction._dict_vectorizer', 'DictVectorizer'],
      ['sklearn.feature_extraction._hash', 'FeatureHasher'],
      [
        'sklearn.feature_extraction.text',
        'CountVectorizer',
        'TfidfVectorizer',
        'TfidfTransformer',
        'HashingVectorizer'
      ],
      ['sklearn.feature_selection._from_model', 'SelectFromModel'],
      ['sklearn.feature_selection._rfe', 'RFE', 'RFECV'],
      ['sklearn.feature_selection._sequential', 'SequentialFeatureSelector'],
      [
        'sklearn.feature_selection._univariate_selection',
        'SelectKBest',
        'SelectPercentile',
        'SelectFpr',
        'SelectFdr',
        'SelectFwe',
        'GenericUnivariateSelect'
      ],
      ['sklearn.feature_selection._variance_threshold', 'VarianceThreshold'],
      [
        'sklearn.gaussian_process._gpc',
        'GaussianProcessClassifier',
        '_BinaryGaussianProcessClassifierLaplace'
      ],
      ['sklearn.gaussian_process._gpr', 'GaussianProcessRegressor'],
      ['sklearn.impute._base', 'SimpleImputer', 'MissingIndicator'],
      ['sklearn.impute._knn', 'KNNImputer'],
      ['sklearn.impute._iterative', 'IterativeImputer'],
      ['sklearn.isotonic', 'IsotonicRegression'],
      ['sklearn.kernel_approximation', 'Nystroem', 'RBFSampler'],
      ['sklearn.kernel_ridge', 'KernelRidge'],
      ['sklearn.linear_model._base', 'LinearRegression'],
      ['sklearn.linear_model._bayes', 'BayesianRidge', 'ARDRegression'],
      ['sklearn.linear_model._coordinate_descent', 'Lasso', 'LassoCV', 'ElasticNet', 'ElasticNetCV'],
      ['sklearn.linear_model._glm.glm', 'PoissonRegressor', 'TweedieRegressor', 'GammaRegressor'],
      ['sklearn.linear_model._huber', 'HuberRegressor'],
      ['sklearn.linear_model._least_angle', 'Lars', 'LassoLars'],
      ['sklearn.linear_model._logistic', 'LogisticRegression', 'LogisticRegressionCV'],
      ['sklearn.linear_model._omp', 'OrthogonalMatchingPursuit'],
      [
        'sklearn.linear_model._passive_aggressive',
        'PassiveAggressiveClassifier',
        'PassiveAggressiveRegressor'
      ],
      ['sklearn.linear_model._perceptron', 'Perceptron'],
      ['sklearn.linear_model._quantile', 'QuantileRegressor'],
      ['sklearn.linear_model._ransac', 'RANSACRegressor'],
      ['sklearn.linear_model._ridge', 'Ridge', 'RidgeCV', 'RidgeClassifier', 'RidgeClassifierCV'],
      ['sklearn.linear_model._stochastic_gradient', 'SGDClassifier', 'SGDRegressor'],
      ['sklearn.linear_model._theil_sen', 'TheilSenRegressor'],
      ['sklearn.manifold._isomap', 'Isomap'],
      ['sklearn.manifold._locally_linear', 'LocallyLinearEmbedding'],
      ['sklearn.manifold._mds', 'MDS'],
      ['sklearn.manifold._spectral_embedding', 'SpectralEmbedding'],
      ['sklearn.manifold._t_sne', 'TSNE'],
      ['sklearn.mixture._bayesian_mixture', 'BayesianGaussianMixture'],
      ['sklearn.mixture._gaussian_mixture', 'GaussianMixture'],
      ['sklearn.model_selection._search', 'GridSearchCV', 'RandomizedSearchCV'],
      ['sklearn.multiclass', 'OneVsRestClassifier', 'OneVsOneClassifier', 'OutputCodeClassifier'],
      [
        'sklearn.multioutput',
        'MultiOutputClassifier',
        'MultiOutputRegressor',
        'ClassifierChain',
        'RegressorChain'
      ],
      ['sklearn.naive_bayes', 'GaussianNB', 'MultinomialNB', 'BernoulliNB', 'ComplementNB', 'CategoricalNB'],
      ['sklearn.neighbors._classification', 'KNeighborsClassifier', 'RadiusNeighborsClassifier'],
      ['sklearn.neighbors._graph', 'KNeighborsTransformer'],
      ['sklearn.neighbors._lof', 'LocalOutlierFactor'],
      ['sklearn.neighbors._nearest_centroid', 'NearestCentroid'],
      ['sklearn.neighbors._regression', 'KNeighborsRegressor', 'RadiusNeighborsRegressor'],
      ['sklearn.neighbors._unsupervised', 'NearestNeighbors'],
      ['sklearn.neural_network._multilayer_perceptron', 'MLPClassifier', 'MLPRegressor'],
      ['sklearn.neural_network._rbm', 'BernoulliRBM'],
      ['sklearn.pipeline', 'Pipeline', 'FeatureUnion'],
      [
        'sklearn.preprocessing._data',
        'StandardScaler',
        'MinMaxScaler',
        'MaxAbsScaler',
        'RobustScaler',
        'Normalizer',
        'Binarizer',
        'QuantileTransformer',
        'PowerTransformer',
        'KernelCenterer'
      ],
      ['sklearn.preprocessing._discretization', 'KBinsDiscretizer'],
      ['sklearn.preprocessing._encoders', 'OneHotEncoder', 'OrdinalEncoder'],
      ['sklearn.preprocessing._label', 'LabelEncoder', 'LabelBinarizer', 'MultiLabelBinarizer'],
      ['sklearn.preprocessing._polynomial', 'PolynomialFeatures', 'SplineTransformer'],
      ['sklearn.random_projection', 'GaussianRandomProjection', 'SparseRandomProjection'],
      ['sklearn.svm._classes', 'SVC', 'SVR', 'NuSVC', 'NuSVR', 'LinearSVC', 'LinearSVR', 'OneClassSVM'],
      [
        'sklearn.tree._classes',
        'DecisionTreeClassifier',
        'DecisionTreeRegressor',
        'ExtraTreeClassifier',
        'ExtraTreeRegressor'
      ]
    ] as const
  ).map(([module, ...names]): AllowEntry => ({ tier: 'sklearn', module, names, reason: SKLEARN_ESTIMATOR })),
  {
    tier: 'sklearn',
    module: 'sklearn.feature_selection._univariate_selection',
    names: ['f_classif', 'f_regression', 'chi2'],
    reason: 'Default score functions of SelectKBest and friends: statistics over the arrays passed; no I/O.'
  },
  { tier: 'sklearn', module: 'sklearn.tree._tree', names: ['Tree'], reason: SKLEARN_CYTHON },
  ...['_kd_tree', '_ball_tree'].map((m): AllowEntry => ({
    tier: 'sklearn',
    module: `sklearn.neighbors.${m}`,
    names:
      m === '_kd_tree'
        ? ['KDTree', 'KDTree64', 'KDTree32', 'newObj']
        : ['BallTree', 'BallTree64', 'BallTree32', 'newObj'],
    reason: `${SKLEARN_CYTHON} newObj(cls) returns cls.__new__(cls), what NEWOBJ does.`
  })),
  {
    tier: 'sklearn',
    module: 'sklearn.metrics._dist_metrics',
    names: [
      'newObj',
      ...[
        'Euclidean',
        'SEuclidean',
        'Manhattan',
        'Chebyshev',
        'Minkowski',
        'Mahalanobis',
        'Haversine'
      ].flatMap((d) => [`${d}Distance`, `${d}Distance64`, `${d}Distance32`])
    ],
    reason:
      `${SKLEARN_CYTHON} Built-in distance metrics only: PyFuncDistance, which calls a user function, is not ` +
      'listed.'
  },
  {
    tier: 'sklearn',
    module: 'sklearn.ensemble._hist_gradient_boosting.binning',
    names: ['_BinMapper'],
    reason: SKLEARN_ESTIMATOR
  },
  {
    tier: 'sklearn',
    module: 'sklearn.ensemble._hist_gradient_boosting.predictor',
    names: ['TreePredictor'],
    reason: SKLEARN_CYTHON
  },
  {
    tier: 'sklearn',
    module: 'sklearn.neural_network._stochastic_optimizers',
    names: ['AdamOptimizer', 'SGDOptimizer'],
    reason: 'MLP optimizer state: stores the learning-rate parameters and moment arrays.'
  },
  {
    tier: 'sklearn',
    module: 'sklearn.gaussian_process.kernels',
    names: [
      'RBF',
      'ConstantKernel',
      'WhiteKernel',
      'Matern',
      'RationalQuadratic',
      'ExpSineSquared',
      'DotProduct',
      'Product',
      'Sum',
      'Exponentiation'
    ],
    reason:
      'Gaussian-process kernels: store length scales and bounds, or the kernels they combine. PairwiseKernel, ' +
      'which can hold a user metric function, is not listed.'
  },
  {
    tier: 'sklearn',
    module: 'sklearn._loss._loss',
    names: [
      'CyHalfSquaredError',
      'CyAbsoluteError',
      'CyPinballLoss',
      'CyHuberLoss',
      'CyHalfPoissonLoss',
      'CyHalfGammaLoss',
      'CyHalfTweedieLoss',
      'CyHalfTweedieLossIdentity',
      'CyHalfBinomialLoss',
      'CyExponentialLoss',
      'CyHalfMultinomialLoss'
    ].flatMap((n) => [n, `__pyx_unpickle_${n}`]),
    reason:
      `${SKLEARN_LOSS} The __pyx_unpickle_ helpers check a checksum, call __new__ on the class and set the ` +
      'numeric fields.'
  },
  {
    tier: 'sklearn',
    module: 'sklearn._loss.loss',
    names: [
      'HalfSquaredError',
      'AbsoluteError',
      'PinballLoss',
      'HuberLoss',
      'HalfPoissonLoss',
      'HalfGammaLoss',
      'HalfTweedieLoss',
      'HalfTweedieLossIdentity',
      'HalfBinomialLoss',
      'ExponentialLoss',
      'HalfMultinomialLoss'
    ],
    reason: SKLEARN_LOSS
  },
  {
    tier: 'sklearn',
    module: 'sklearn._loss.link',
    names: ['Interval', 'IdentityLink', 'LogLink', 'LogitLink', 'HalfLogitLink', 'MultinomialLogit'],
    reason: SKLEARN_LOSS
  },
  {
    tier: 'sklearn',
    module: 'sklearn.ensemble._gb_losses',
    names: [
      'LeastSquaresError',
      'LeastAbsoluteError',
      'HuberLossFunction',
      'QuantileLossFunction',
      'BinomialDeviance',
      'MultinomialDeviance',
      'ExponentialLoss'
    ],
    reason: `${SKLEARN_LOSS} Gradient-boosting losses before scikit-learn 1.4.`
  },
  {
    tier: 'sklearn',
    module: 'sklearn.linear_model._sgd_fast',
    names: [
      'Hinge',
      'SquaredHinge',
      'Log',
      'ModifiedHuber',
      'SquaredLoss',
      'Huber',
      'EpsilonInsensitive',
      'SquaredEpsilonInsensitive'
    ],
    reason: `${SKLEARN_LOSS} SGD losses: __reduce__ passes one threshold or epsilon.`
  },
  {
    tier: 'sklearn',
    module: 'sklearn.utils._bunch',
    names: ['Bunch'],
    reason: 'A dict whose keys read as attributes; __setstate__ does nothing.'
  },
  // ── xgboost / lightgbm: the scikit-learn wrappers (their Boosters stay off: docs/allow-list.md) ──
  {
    tier: 'xgboost',
    module: 'xgboost.sklearn',
    names: ['XGBModel', 'XGBClassifier', 'XGBRegressor', 'XGBRanker', 'XGBRFClassifier', 'XGBRFRegressor'],
    reason:
      'XGBoost scikit-learn wrapper: __init__ only stores parameters (keyword-only in current versions), state ' +
      'is a plain __dict__. The fitted model inside is an xgboost.core.Booster, which is not on this list.'
  },
  {
    tier: 'lightgbm',
    module: 'lightgbm.sklearn',
    names: ['LGBMModel', 'LGBMClassifier', 'LGBMRegressor', 'LGBMRanker'],
    reason:
      'LightGBM scikit-learn wrapper: __init__ only stores parameters, state is a plain __dict__. The fitted ' +
      'model inside is a lightgbm.basic.Booster, which is not on this list.'
  },
  // ── transformers / accelerate: the enums of training arguments (the argument classes stay off) ──
  {
    tier: 'transformers',
    module: 'transformers.trainer_utils',
    names: [
      'IntervalStrategy',
      'EvaluationStrategy',
      'SaveStrategy',
      'HubStrategy',
      'SchedulerType',
      'FSDPOption',
      'ShardedDDPOption'
    ],
    reason: ENUM
  },
  {
    tier: 'transformers',
    module: 'transformers.training_args',
    names: ['OptimizerNames', 'ParallelMode'],
    reason: ENUM
  },
  { tier: 'transformers', module: 'transformers.debug_utils', names: ['DebugOption'], reason: ENUM },
  {
    tier: 'transformers',
    module: 'accelerate.utils.dataclasses',
    names: ['DistributedType', 'DynamoBackend', 'PrecisionType', 'RNGType', 'LoggerType'],
    reason: ENUM
  },
  // ── torch: storages, dtypes, tensor rebuild functions, standard nn layers ──
  {
    tier: 'torch',
    module: 'torch',
    names: [
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
      'preserve_format',
      // the legacy tensor types torch.save wrote before 0.4 (the tar format among them)
      ...['Float', 'Double', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool'].map(
        (t) => `${t}Tensor`
      ),
      'per_tensor_affine',
      'per_tensor_symmetric',
      'per_channel_affine',
      'per_channel_symmetric',
      'per_channel_affine_float_qparams'
    ],
    reason:
      'What torch.save writes for tensors (PyTorch’s weights-only unpickler allows the same): storage classes, ' +
      'dtypes, layouts, devices, sizes; constructing one allocates or names memory.'
  },
  {
    tier: 'torch',
    module: 'torch.cuda',
    names: TORCH_STORAGES.filter((s) => !s.startsWith('Q') && !s.endsWith('edStorage')),
    reason: 'Legacy CUDA storage classes of old GPU checkpoints: allocate memory on the device.'
  },
  {
    tier: 'torch',
    module: 'torch.storage',
    names: ['UntypedStorage', 'TypedStorage'],
    reason: 'Storage classes: allocate memory.'
  },
  {
    tier: 'torch',
    module: 'torch._utils',
    names: [
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
    reason:
      'Tensor rebuild functions (allowed by PyTorch’s weights-only unpickler): view a storage with a size, ' +
      'stride and offset, checked by the tensor constructor.'
  },
  {
    tier: 'torch',
    module: 'torch._tensor',
    names: ['_rebuild_from_type_v2'],
    reason:
      'Tensor subclasses and tensors with attributes (allowed by PyTorch’s weights-only unpickler): calls the ' +
      'function it is given and sets state, what REDUCE and BUILD do already.'
  },
  {
    tier: 'torch',
    module: 'torch.nn.parameter',
    names: ['Parameter'],
    reason: 'Wraps a tensor as a parameter.'
  },
  {
    tier: 'torch',
    module: 'torch.serialization',
    names: ['_get_layout'],
    reason: 'Maps a layout name to a torch.layout constant.'
  },
  {
    tier: 'torch',
    module: 'torch.torch_version',
    names: ['TorchVersion'],
    reason: 'A str subclass for version strings; compares versions only.'
  },
  ...(
    [
      ['container', 'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict'],
      ['linear', 'Linear', 'Identity', 'Bilinear', 'LazyLinear'],
      ['conv', 'Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d'],
      ['batchnorm', 'BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm'],
      ['instancenorm', 'InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d'],
      ['normalization', 'LayerNorm', 'GroupNorm', 'LocalResponseNorm', 'RMSNorm'],
      [
        'activation',
        'ReLU',
        'ReLU6',
        'LeakyReLU',
        'PReLU',
        'ELU',
        'SELU',
        'CELU',
        'GELU',
        'SiLU',
        'Mish',
        'Sigmoid',
        'Tanh',
        'Softmax',
        'LogSoftmax',
        'Softplus',
        'Hardswish',
        'Hardsigmoid',
        'Hardtanh',
        'GLU',
        'MultiheadAttention'
      ],
      ['dropout', 'Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout'],
      [
        'pooling',
        'MaxPool1d',
        'MaxPool2d',
        'MaxPool3d',
        'AvgPool1d',
        'AvgPool2d',
        'AvgPool3d',
        'AdaptiveAvgPool1d',
        'AdaptiveAvgPool2d',
        'AdaptiveAvgPool3d',
        'AdaptiveMaxPool1d',
        'AdaptiveMaxPool2d',
        'AdaptiveMaxPool3d'
      ],
      ['sparse', 'Embedding', 'EmbeddingBag'],
      ['rnn', 'RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell'],
      [
        'transformer',
        'Transformer',
        'TransformerEncoder',
        'TransformerDecoder',
        'TransformerEncoderLayer',
        'TransformerDecoderLayer'
      ],
      ['flatten', 'Flatten', 'Unflatten'],
      ['upsampling', 'Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d'],
      ['padding', 'ZeroPad2d', 'ConstantPad1d', 'ConstantPad2d', 'ReflectionPad1d', 'ReflectionPad2d'],
      ['pixelshuffle', 'PixelShuffle', 'PixelUnshuffle'],
      ['distance', 'CosineSimilarity', 'PairwiseDistance'],
      [
        'loss',
        'CrossEntropyLoss',
        'NLLLoss',
        'MSELoss',
        'L1Loss',
        'SmoothL1Loss',
        'HuberLoss',
        'BCELoss',
        'BCEWithLogitsLoss',
        'KLDivLoss',
        'CTCLoss'
      ]
    ] as const
  ).map(([file, ...names]): AllowEntry => ({
    tier: 'torch',
    module: `torch.nn.modules.${file}`,
    names,
    reason: TORCH_MODULE
  }))
]

/** module → allowed names, compiled once from ALLOW_LIST. */
const SAFE = new Map<string, Set<string>>()
for (const e of ALLOW_LIST) {
  const names = SAFE.get(e.module) ?? new Set<string>()
  for (const n of e.names) names.add(n)
  SAFE.set(e.module, names)
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
  // a factory of code objects, functions, bound methods and modules: SimpleNamespace stays denied with it
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
  // uuid.UUID is a value, but the module's node getters run ifconfig and friends (GHSA on picklescan)
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
  // memmap opens, creates or truncates the file it is given (mode 'w+'); the others read or write files or URLs
  numpy: [
    'load',
    'loads',
    'fromfile',
    'save',
    'savez',
    'tofile',
    'memmap',
    'loadtxt',
    'genfromtxt',
    'fromregex',
    'savetxt',
    'DataSource',
    'ctypeslib'
  ],
  'numpy.f2py': ['*'],
  'numpy.testing': ['*'],
  'numpy.lib.npyio': ['*'],
  'numpy.lib._npyio_impl': ['*'],
  'numpy.lib.format': ['*'],
  'numpy.lib._format_impl': ['*'],
  'numpy.lib._datasource': ['*'],
  'numpy.core.memmap': ['*'],
  'numpy._core.memmap': ['*'],
  // load_library loads a shared library
  'numpy.ctypeslib': ['*'],
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
  // pandas.eval and DataFrame.query's expression engine
  'pandas.core.computation': ['*'],
  jinja2: ['*'],
  yaml: ['load', 'unsafe_load', 'full_load'],
  keras: ['*'],
  tensorflow: ['*']
}

/** The table's own entry (never an Object.prototype member such as `constructor` or `toString`). */
const entry = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined

/**
 * Python 2 names as Python 3's unpickler imports them (`fix_imports`, protocols 0 to 2; CPython
 * `Lib/_compat_pickle.py`): NAME_MAPPING first, then IMPORT_MAPPING for the module. A name is dangerous when it
 * or its Python 3 name is, and safe only when its Python 3 name is: `commands.getoutput` runs
 * `subprocess.getoutput`, `__builtin__.xrange` is `builtins.range`.
 */
const PY2_MODULES: Record<string, string> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  Queue: 'queue',
  SocketServer: 'socketserver',
  ConfigParser: 'configparser',
  repr: 'reprlib',
  tkFileDialog: 'tkinter.filedialog',
  tkSimpleDialog: 'tkinter.simpledialog',
  tkColorChooser: 'tkinter.colorchooser',
  tkCommonDialog: 'tkinter.commondialog',
  Dialog: 'tkinter.dialog',
  Tkdnd: 'tkinter.dnd',
  tkFont: 'tkinter.font',
  tkMessageBox: 'tkinter.messagebox',
  ScrolledText: 'tkinter.scrolledtext',
  Tkconstants: 'tkinter.constants',
  Tix: 'tkinter.tix',
  ttk: 'tkinter.ttk',
  Tkinter: 'tkinter',
  markupbase: '_markupbase',
  _winreg: 'winreg',
  thread: '_thread',
  dummy_thread: '_dummy_thread',
  dbhash: 'dbm.bsd',
  dumbdbm: 'dbm.dumb',
  dbm: 'dbm.ndbm',
  gdbm: 'dbm.gnu',
  xmlrpclib: 'xmlrpc.client',
  SimpleXMLRPCServer: 'xmlrpc.server',
  httplib: 'http.client',
  htmlentitydefs: 'html.entities',
  HTMLParser: 'html.parser',
  Cookie: 'http.cookies',
  cookielib: 'http.cookiejar',
  BaseHTTPServer: 'http.server',
  'test.test_support': 'test.support',
  commands: 'subprocess',
  urlparse: 'urllib.parse',
  robotparser: 'urllib.robotparser',
  urllib2: 'urllib.request',
  anydbm: 'dbm',
  _abcoll: 'collections.abc',
  cPickle: 'pickle',
  _elementtree: 'xml.etree.ElementTree',
  FileDialog: 'tkinter.filedialog',
  SimpleDialog: 'tkinter.simpledialog',
  DocXMLRPCServer: 'xmlrpc.server',
  SimpleHTTPServer: 'http.server',
  CGIHTTPServer: 'http.server',
  UserDict: 'collections',
  UserList: 'collections',
  UserString: 'collections',
  whichdb: 'dbm',
  StringIO: 'io',
  cStringIO: 'io'
}

const PY2_EXCEPTIONS = [
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'BaseException',
  'BufferError',
  'BytesWarning',
  'DeprecationWarning',
  'EOFError',
  'EnvironmentError',
  'Exception',
  'FloatingPointError',
  'FutureWarning',
  'GeneratorExit',
  'IOError',
  'ImportError',
  'ImportWarning',
  'IndentationError',
  'IndexError',
  'KeyError',
  'KeyboardInterrupt',
  'LookupError',
  'MemoryError',
  'NameError',
  'NotImplementedError',
  'OSError',
  'OverflowError',
  'PendingDeprecationWarning',
  'ReferenceError',
  'RuntimeError',
  'RuntimeWarning',
  'StopIteration',
  'SyntaxError',
  'SyntaxWarning',
  'SystemError',
  'SystemExit',
  'TabError',
  'TypeError',
  'UnboundLocalError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  'UnicodeError',
  'UnicodeTranslateError',
  'UnicodeWarning',
  'UserWarning',
  'ValueError',
  'Warning',
  'ZeroDivisionError',
  'WindowsError'
]

/** (module, name) → Python 3 (module, name), keyed `module name` (a space is in no module path). */
const PY2_NAMES = new Map<string, readonly [string, string]>([
  ['__builtin__ xrange', ['builtins', 'range']],
  ['__builtin__ reduce', ['functools', 'reduce']],
  ['__builtin__ intern', ['sys', 'intern']],
  ['__builtin__ unichr', ['builtins', 'chr']],
  ['__builtin__ unicode', ['builtins', 'str']],
  ['__builtin__ long', ['builtins', 'int']],
  ['__builtin__ basestring', ['builtins', 'str']],
  ['itertools izip', ['builtins', 'zip']],
  ['itertools imap', ['builtins', 'map']],
  ['itertools ifilter', ['builtins', 'filter']],
  ['itertools ifilterfalse', ['itertools', 'filterfalse']],
  ['itertools izip_longest', ['itertools', 'zip_longest']],
  ['UserDict IterableUserDict', ['collections', 'UserDict']],
  ['UserDict UserDict', ['collections', 'UserDict']],
  ['UserList UserList', ['collections', 'UserList']],
  ['UserString UserString', ['collections', 'UserString']],
  ['whichdb whichdb', ['dbm', 'whichdb']],
  ['_socket fromfd', ['socket', 'fromfd']],
  ['socket _socketobject', ['socket', 'SocketType']],
  ['_multiprocessing Connection', ['multiprocessing.connection', 'Connection']],
  ['multiprocessing.process Process', ['multiprocessing.context', 'Process']],
  ['multiprocessing.forking Popen', ['multiprocessing.popen_fork', 'Popen']],
  ['urllib ContentTooShortError', ['urllib.error', 'ContentTooShortError']],
  ['urllib getproxies', ['urllib.request', 'getproxies']],
  ['urllib pathname2url', ['urllib.request', 'pathname2url']],
  ['urllib quote_plus', ['urllib.parse', 'quote_plus']],
  ['urllib quote', ['urllib.parse', 'quote']],
  ['urllib unquote_plus', ['urllib.parse', 'unquote_plus']],
  ['urllib unquote', ['urllib.parse', 'unquote']],
  ['urllib url2pathname', ['urllib.request', 'url2pathname']],
  ['urllib urlcleanup', ['urllib.request', 'urlcleanup']],
  ['urllib urlencode', ['urllib.parse', 'urlencode']],
  ['urllib urlopen', ['urllib.request', 'urlopen']],
  ['urllib urlretrieve', ['urllib.request', 'urlretrieve']],
  ['urllib2 HTTPError', ['urllib.error', 'HTTPError']],
  ['urllib2 URLError', ['urllib.error', 'URLError']],
  ['exceptions StandardError', ['builtins', 'Exception']],
  ...PY2_EXCEPTIONS.map((e): [string, readonly [string, string]] => [`exceptions ${e}`, ['builtins', e]]),
  ...['AuthenticationError', 'BufferTooShort', 'ProcessError', 'TimeoutError'].map(
    (e): [string, readonly [string, string]] => [`multiprocessing ${e}`, ['multiprocessing.context', e]]
  )
])

/** The Python 3 name the unpickler imports for a Python 2 name, if it renames it. */
const py3Name = (module: string, name: string): readonly [string, string] | undefined => {
  const named = PY2_NAMES.get(`${module} ${name}`)
  if (named) return named
  const mod = entry(PY2_MODULES, module)
  return mod === undefined ? undefined : [mod, name]
}

/**
 * Names a `*` deny entry does not cover: value classes of modules whose other members run code. Only the exact
 * module and a plain name: `pathlib.Path.read_text` (a dotted name) stays denied. Each is on the allow-list with
 * its reason.
 */
const DENIED_EXCEPT: Record<string, readonly string[]> = {
  uuid: ['UUID', 'SafeUUID'],
  pathlib: ['PurePath', 'PurePosixPath', 'PureWindowsPath', 'Path', 'PosixPath', 'WindowsPath'],
  types: ['SimpleNamespace']
}

/** Whether the deny list covers `module.name` (a `*` entry covers the module's submodules too). */
const denied = (module: string, name: string): boolean => {
  // the module itself, then every parent: `asyncio.unix_events` is as dangerous as `asyncio` when `*` is listed
  const parts = module.split('.')
  for (let i = parts.length; i > 0; i--) {
    const mod = parts.slice(0, i).join('.')
    const names = entry(DANGEROUS, mod)
    if (!names) continue
    if (names.includes('*')) {
      const spared = i === parts.length && entry(DENIED_EXCEPT, mod)?.includes(name)
      if (!spared) return true
      continue
    }
    // exact module: the name, or its first component (`InteractiveInterpreter.runcode` under `code`)
    if (i === parts.length && (names.includes(name) || names.includes(name.split('.')[0]!))) return true
  }
  return false
}

/** Dunder components that plain pickles use: the Python 2 builtins module and copyreg's NEWOBJ helpers. */
const PLAIN_DUNDERS = new Set(['__builtin__', '__newobj__', '__newobj_ex__'])

const BUILT_DATACLASS =
  'A dataclass with no __setstate__ or __reduce__ of its own: building it (NEWOBJ: object.__new__, then BUILD ' +
  'sets __dict__) runs no code of its own. Its constructor does (__post_init__ reads the config files named in ' +
  'its arguments, sets environment variables, initialises devices), so it is safe only when never called.'

/**
 * Classes torch.save writes by building them, whose instances are plain data but whose constructors are not:
 * safe when the walk saw them built and never called (`PickleImport.called`), a finding otherwise.
 */
export const BUILT_ONLY: readonly AllowEntry[] = [
  {
    tier: 'transformers',
    module: 'transformers.training_args',
    names: ['TrainingArguments'],
    reason: BUILT_DATACLASS
  },
  {
    tier: 'transformers',
    module: 'transformers.training_args_seq2seq',
    names: ['Seq2SeqTrainingArguments'],
    reason: BUILT_DATACLASS
  },
  {
    tier: 'transformers',
    module: 'transformers.trainer_pt_utils',
    names: ['AcceleratorConfig'],
    reason: BUILT_DATACLASS
  },
  ...(
    [
      ['trl.trainer.sft_config', 'SFTConfig'],
      ['trl.trainer.dpo_config', 'DPOConfig'],
      ['trl.trainer.grpo_config', 'GRPOConfig'],
      ['trl.trainer.reward_config', 'RewardConfig'],
      ['trl.trainer.orpo_config', 'ORPOConfig'],
      ['trl.trainer.kto_config', 'KTOConfig'],
      ['trl.trainer.cpo_config', 'CPOConfig']
    ] as const
  ).map(([module, name]) => ({
    tier: 'transformers' as const,
    module,
    names: [name],
    reason: `A TrainingArguments subclass. ${BUILT_DATACLASS}`
  }))
]
const BUILT = new Set(BUILT_ONLY.flatMap((e) => e.names.map((n) => `${e.module}.${n}`)))

/** Whether `module.name` is safe when only built, never called (and classifyImport finds it unknown). */
export const builtOnlySafe = (module: string, name: string): boolean => BUILT.has(`${module}.${name}`)

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
  if (components.some((c) => /^__.*__$/.test(c) && !PLAIN_DUNDERS.has(c))) return 'dangerous'
  if (denied(module, name)) return 'dangerous'
  const py3 = py3Name(module, name)
  if (py3 && denied(py3[0], py3[1])) return 'dangerous'
  // a name with dots under any module can reach a dangerous module through attributes: a prefix of the path
  // (`os.path` + `join`), or a module the name itself walks through (`torch.serialization` + `os.system`)
  const depth = module.split('.').length
  for (let end = 1; end < components.length; end++) {
    for (let start = 0; start < end; start++) {
      if (start > 0 && start < depth) continue
      if (denied(components.slice(start, end).join('.'), components.slice(end).join('.'))) return 'dangerous'
    }
  }
  if (extraSafe.has(full) || (py3 !== undefined && extraSafe.has(`${py3[0]}.${py3[1]}`))) return 'safe'
  if (name.includes('.')) return 'unknown'
  const [m, n] = py3 ?? [module, name]
  return SAFE.get(m)?.has(n) === true ? 'safe' : 'unknown'
}
