import { describe, expect, it } from '@jest/globals'
import { ALLOW_LIST, classifyImport } from '../../src/engine/globals.js'

/**
 * Each case is chosen so that it changes verdict when the rule it names is taken away: the allow-list entry,
 * the deny-list entry, the parent-module rule, the attribute-path rule, the dunder rule, the `?` rule.
 */

const verdict = (full: string, extraSafe?: ReadonlySet<string>) => {
  const i = full.lastIndexOf(':')
  return classifyImport(full.slice(0, i), full.slice(i + 1), extraSafe)
}

describe('classifyImport: the allow-list', () => {
  it.each([
    // PyTorch storages and rebuild functions, as torch.save writes them
    'torch:FloatStorage',
    'torch:HalfStorage',
    'torch:BFloat16Storage',
    'torch:UntypedStorage',
    'torch:float32',
    'torch:Size',
    'torch._utils:_rebuild_tensor_v2',
    'torch._utils:_rebuild_parameter',
    'torch.nn.parameter:Parameter',
    'torch.serialization:_get_layout',
    // containers
    'collections:OrderedDict',
    'builtins:set',
    '__builtin__:set',
    // numpy reconstruction (numpy 1 and 2)
    'numpy.core.multiarray:_reconstruct',
    'numpy._core.multiarray:_reconstruct',
    'numpy:dtype',
    'numpy:ndarray',
    // protocol 2 bytes, protocol 0/1 objects
    '_codecs:encode',
    'copyreg:_reconstructor',
    'copy_reg:_reconstructor',
    'copyreg:__newobj__'
  ])('%s is safe', (full) => {
    expect(verdict(full)).toBe('safe')
  })

  it.each([
    // a neighbour of each allowed name is not allowed: the list is of names, not of modules
    'torch:Generator',
    'torch:_rebuild_tensor_v2',
    'torch._utils:_set_obj_state',
    'collections:namedtuple',
    'numpy.core.multiarray:frombuffer',
    '_codecs:decode',
    'copyreg:_reduce_ex',
    'builtins:print',
    // an allowed module name under another module path
    'torch.FloatStorage:x'
  ])('%s is unknown (not on the allow-list)', (full) => {
    expect(verdict(full)).toBe('unknown')
  })
})

describe('classifyImport: the deny-list', () => {
  it.each([
    'builtins:eval',
    'builtins:exec',
    'builtins:getattr',
    'builtins:__import__',
    '__builtin__:eval',
    '__builtin__:apply',
    'os:system',
    'posix:system',
    'nt:system',
    'posixpath:join',
    'subprocess:Popen',
    'pickle:loads',
    '_pickle:loads',
    'runpy:_run_code',
    'pip:main',
    'functools:partial',
    'operator:methodcaller',
    'pydoc:pipepager',
    'venv:create',
    'torch.serialization:load',
    'torch:load',
    'numpy:load',
    'pandas:read_csv'
  ])('%s is dangerous', (full) => {
    expect(verdict(full)).toBe('dangerous')
  })

  it('applies a parent module listed with * to its sub-modules (CVE-2025-10157)', () => {
    expect(verdict('asyncio.unix_events:_UnixSubprocessTransport._start')).toBe('dangerous')
    expect(verdict('asyncio.subprocess:create_subprocess_shell')).toBe('dangerous')
    expect(verdict('os.path:join')).toBe('dangerous')
    expect(verdict('torch._inductor.codecache:compile_file')).toBe('dangerous')
    expect(verdict('multiprocessing.util:spawnv_passfds')).toBe('dangerous')
    expect(verdict('numpy.testing._private.utils:runstring')).toBe('dangerous')
  })

  it('applies a parent’s list of names to that module only, not to its sub-modules', () => {
    expect(verdict('numpy:save')).toBe('dangerous')
    expect(verdict('numpy.linalg:save')).toBe('unknown')
    expect(verdict('torch:load')).toBe('dangerous')
    expect(verdict('torch.nn:load')).toBe('unknown')
    expect(verdict('functools:partial')).toBe('dangerous')
    expect(verdict('functools:cmp_to_key')).toBe('unknown')
  })

  it('matches the first component of a dotted name against the module’s list', () => {
    expect(verdict('torch:compile.x')).toBe('dangerous')
    expect(verdict('numpy:load.x')).toBe('dangerous')
    expect(verdict('code:InteractiveInterpreter.runsource')).toBe('dangerous')
    expect(verdict('torch:Size.count')).toBe('unknown')
  })

  it('follows a dotted name through the modules it walks (pathlib + os.system, GHSA-5j3x-jp52-966f)', () => {
    expect(verdict('pathlib:os.system')).toBe('dangerous')
    // a module the engine does not deny, whose attribute `os` is the os module
    expect(verdict('torch.serialization:os.system')).toBe('dangerous')
    expect(verdict('collections:subprocess.Popen')).toBe('dangerous')
    expect(verdict('sklearn.utils:numpy.load')).toBe('dangerous')
    // a harmless dotted name stays unknown: never safe, not dangerous
    expect(verdict('builtins:str.join')).toBe('unknown')
    expect(verdict('collections:OrderedDict.fromkeys')).toBe('unknown')
    // a run of the module path itself is an import, not an attribute walk (numpy RandomState pickles; safe
    // since the numpy tier, unknown before)
    expect(verdict('numpy.random._pickle:__randomstate_ctor')).toBe('safe')
  })

  it('maps Python 2 names as Python 3’s unpickler does (fix_imports): commands.getoutput is subprocess', () => {
    expect(verdict('commands:getoutput')).toBe('dangerous')
    expect(verdict('thread:start_new_thread')).toBe('dangerous')
    expect(verdict('SimpleHTTPServer:test')).toBe('dangerous')
    expect(verdict('__builtin__:reduce')).toBe('dangerous')
    // safe exactly when the Python 3 name is: these two changed from unknown when the tiers came in
    expect(verdict('UserDict:UserDict')).toBe('safe')
    expect(verdict('__builtin__:xrange')).toBe('safe')
  })
})

describe('classifyImport: names that reach past the allow-list', () => {
  it('treats any dunder component as dangerous (numpy.__builtins__ springboard, modelscan #330)', () => {
    expect(verdict('numpy:__builtins__')).toBe('dangerous')
    expect(verdict('numpy:__builtins__.get')).toBe('dangerous')
    expect(verdict('collections:OrderedDict.__class__')).toBe('dangerous')
    expect(verdict('torch._utils:__dict__')).toBe('dangerous')
    expect(verdict('__main__:Model')).toBe('dangerous')
    expect(verdict('numpy.__config__:show')).toBe('dangerous')
  })

  it('keeps the two dunder names that plain pickles use', () => {
    expect(verdict('__builtin__:set')).toBe('safe')
    expect(verdict('copyreg:__newobj__')).toBe('safe')
  })

  it('treats `?` (an import the walk could not resolve) as dangerous', () => {
    expect(verdict('?:?')).toBe('dangerous')
    expect(classifyImport('?', 'OrderedDict')).toBe('dangerous')
    expect(classifyImport('collections', '?')).toBe('dangerous')
  })
})

describe('classifyImport: unknown imports and the reviewed allow-list extension', () => {
  it('reports an import outside both lists as unknown, and safe once reviewed', () => {
    expect(verdict('sklearn.linear_model:LogisticRegression')).toBe('unknown')
    expect(
      verdict('sklearn.linear_model:LogisticRegression', new Set(['sklearn.linear_model.LogisticRegression']))
    ).toBe('safe')
    // the entry names one import, not its module
    expect(
      verdict('sklearn.linear_model:LinearRegression', new Set(['sklearn.linear_model.LogisticRegression']))
    ).toBe('unknown')
  })

  it('never lets the extension allow a dangerous import or a dunder', () => {
    expect(verdict('os:system', new Set(['os.system']))).toBe('dangerous')
    expect(verdict('numpy:__builtins__', new Set(['numpy.__builtins__']))).toBe('dangerous')
    expect(verdict('torch.serialization:os.system', new Set(['torch.serialization.os.system']))).toBe(
      'dangerous'
    )
  })

  it('lets the extension allow a reviewed dotted name', () => {
    const allowed = new Set(['collections.OrderedDict.fromkeys'])
    expect(verdict('collections:OrderedDict.fromkeys', allowed)).toBe('safe')
  })

  it('does not mistake Object.prototype members for list entries', () => {
    for (const m of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      expect(classifyImport(m, 'x')).toBe('unknown')
      expect(classifyImport('collections', m)).toBe('unknown')
    }
    expect(classifyImport('__proto__', 'x')).toBe('dangerous')
  })
})

/**
 * The tiers. Each list is what real files import (recorded with a find_class hook from pickles that NumPy 1.24 and
 * 2.4, SciPy 1.10, pandas 1.5, scikit-learn 1.2, XGBoost 1.7 and PyTorch write), so each case turns unknown
 * when its entry is taken off the allow-list.
 */
describe('classifyImport: the allow-list tiers', () => {
  /** the imports that are not safe, with their verdicts: [] when the tier covers them all */
  const notSafe = (imports: readonly string[]) =>
    imports.map((full) => [full, verdict(full)]).filter(([, v]) => v !== 'safe')

  it('core: containers, builtin values and the protocol 0–2 helpers', () => {
    expect(
      notSafe([
        'builtins:Ellipsis',
        'builtins:NotImplemented',
        'builtins:range',
        'collections:ChainMap',
        'collections:UserDict',
        'collections:deque',
        'copyreg:__newobj_ex__'
      ])
    ).toEqual([])
  })

  it('stdlib: dates, numbers and namespaces', () => {
    expect(
      notSafe([
        'datetime:datetime',
        'datetime:date',
        'datetime:time',
        'datetime:timedelta',
        'datetime:timezone',
        'decimal:Decimal',
        'fractions:Fraction',
        'argparse:Namespace'
      ])
    ).toEqual([])
  })

  it('numpy: the reconstruct paths of NumPy 1 and 2, scalars, dtypes, masked and record arrays', () => {
    expect(
      notSafe([
        'numpy.core.multiarray:scalar',
        'numpy._core.multiarray:scalar',
        'numpy.core.numeric:_frombuffer',
        'numpy._core.numeric:_frombuffer',
        'numpy.core:_DType_reconstruct',
        'numpy.dtypes:Float64DType',
        'numpy.dtypes:StringDType',
        'numpy._core._internal:_convert_to_stringdtype_kwargs',
        'numpy:float64',
        'numpy:int64',
        'numpy:bool',
        'numpy:bool_',
        'numpy:str_',
        'numpy:matrix',
        'numpy:recarray',
        'numpy:record',
        'numpy.rec:recarray',
        'numpy.ma.core:_mareconstruct',
        'numpy.ma.core:MaskedArray',
        'numpy.ma.core:MaskedConstant'
      ])
    ).toEqual([])
  })

  it('numpy: RandomState and Generator pickles of every NumPy version', () => {
    expect(
      notSafe([
        'numpy.random:__RandomState_ctor',
        'numpy.random._pickle:__randomstate_ctor',
        'numpy.random._pickle:__generator_ctor',
        'numpy.random._pickle:__bit_generator_ctor',
        'numpy.random._mt19937:MT19937',
        'numpy.random._pcg64:PCG64',
        'numpy.random._pcg64:PCG64DXSM',
        'numpy.random._philox:Philox',
        'numpy.random._sfc64:SFC64',
        'numpy.random.bit_generator:SeedSequence',
        'numpy.random.bit_generator:__pyx_unpickle_SeedSequence'
      ])
    ).toEqual([])
  })

  it('scipy: sparse matrices and arrays under their old, middle and current module names', () => {
    expect(
      notSafe([
        'scipy.sparse._csr:csr_matrix',
        'scipy.sparse._csr:csr_array',
        'scipy.sparse._arrays:csr_array',
        'scipy.sparse.csr:csr_matrix',
        'scipy.sparse._coo:coo_matrix',
        'scipy.sparse._dok:dok_matrix',
        'scipy.sparse._lil:lil_matrix',
        'scipy.sparse._bsr:bsr_matrix',
        'scipy.sparse._dia:dia_matrix',
        'scipy.sparse._csc:csc_array'
      ])
    ).toEqual([])
  })

  it('pandas: a frame with every common column type, indexes, scalars and offsets', () => {
    expect(
      notSafe([
        'pandas.core.frame:DataFrame',
        'pandas.core.series:Series',
        'pandas.core.internals.managers:BlockManager',
        'pandas.core.internals.managers:SingleBlockManager',
        'pandas._libs.internals:_unpickle_block',
        'pandas._libs.arrays:__pyx_unpickle_NDArrayBacked',
        'pandas.core.indexes.base:_new_Index',
        'pandas.core.indexes.base:Index',
        'pandas.core.indexes.range:RangeIndex',
        'pandas.core.indexes.multi:MultiIndex',
        'pandas.core.indexes.numeric:Int64Index',
        'pandas.core.indexes.datetimes:_new_DatetimeIndex',
        'pandas.core.arrays.categorical:Categorical',
        'pandas.core.arrays.datetimes:DatetimeArray',
        'pandas.core.arrays.integer:IntegerArray',
        'pandas.core.arrays.string_:StringDtype',
        'pandas.core.dtypes.dtypes:CategoricalDtype',
        'pandas.core.dtypes.dtypes:DatetimeTZDtype',
        'pandas._libs.missing:NA',
        'pandas._libs.tslibs.timestamps:_unpickle_timestamp',
        'pandas._libs.tslibs.timedeltas:_timedelta_unpickle',
        'pandas._libs.tslibs.nattype:__nat_unpickle',
        'pandas._libs.tslibs.period:Period',
        'pandas._libs.tslibs.offsets:MonthEnd',
        'pandas._libs.tslibs.offsets:BusinessDay',
        'pytz:_UTC',
        'pytz:_p'
      ])
    ).toEqual([])
  })

  it('sklearn: estimators, pipelines and the helper types inside fitted models', () => {
    expect(
      notSafe([
        'sklearn.linear_model._logistic:LogisticRegression',
        'sklearn.pipeline:Pipeline',
        'sklearn.compose._column_transformer:ColumnTransformer',
        'sklearn.preprocessing._data:StandardScaler',
        'sklearn.preprocessing._encoders:OneHotEncoder',
        'sklearn.feature_extraction.text:TfidfVectorizer',
        'sklearn.ensemble._forest:RandomForestClassifier',
        'sklearn.ensemble._gb:GradientBoostingClassifier',
        'sklearn.ensemble._gb_losses:BinomialDeviance',
        'sklearn.ensemble._hist_gradient_boosting.gradient_boosting:HistGradientBoostingClassifier',
        'sklearn.ensemble._hist_gradient_boosting.binning:_BinMapper',
        'sklearn.ensemble._hist_gradient_boosting.predictor:TreePredictor',
        'sklearn.tree._classes:DecisionTreeClassifier',
        'sklearn.tree._tree:Tree',
        'sklearn.neighbors._kd_tree:KDTree',
        'sklearn.neighbors._kd_tree:newObj',
        'sklearn.neighbors._ball_tree:BallTree',
        'sklearn.metrics._dist_metrics:EuclideanDistance',
        'sklearn._loss._loss:CyHalfBinomialLoss',
        'sklearn._loss._loss:__pyx_unpickle_CyHalfBinomialLoss',
        'sklearn._loss.loss:HalfBinomialLoss',
        'sklearn._loss.link:Interval',
        'sklearn.linear_model._sgd_fast:Hinge',
        'sklearn.neural_network._stochastic_optimizers:AdamOptimizer',
        'sklearn.gaussian_process.kernels:RBF',
        'sklearn.feature_selection._univariate_selection:f_classif',
        'sklearn.utils._bunch:Bunch',
        'sklearn.svm._classes:SVC'
      ])
    ).toEqual([])
  })

  it('xgboost and lightgbm: the scikit-learn wrappers', () => {
    expect(
      notSafe([
        'xgboost.sklearn:XGBClassifier',
        'xgboost.sklearn:XGBRegressor',
        'lightgbm.sklearn:LGBMClassifier'
      ])
    ).toEqual([])
  })

  it('transformers: the enums inside training_args.bin', () => {
    expect(
      notSafe([
        'transformers.trainer_utils:IntervalStrategy',
        'transformers.trainer_utils:SchedulerType',
        'transformers.trainer_utils:HubStrategy',
        'transformers.training_args:OptimizerNames',
        'transformers.debug_utils:DebugOption',
        'accelerate.utils.dataclasses:DistributedType'
      ])
    ).toEqual([])
  })

  it('torch: whole-model pickles of standard layers, tensor subclasses, old CUDA storages', () => {
    expect(
      notSafe([
        'torch.nn.modules.container:Sequential',
        'torch.nn.modules.linear:Linear',
        'torch.nn.modules.conv:Conv2d',
        'torch.nn.modules.activation:ReLU',
        'torch.nn.modules.sparse:Embedding',
        'torch.nn.modules.rnn:LSTM',
        'torch._tensor:_rebuild_from_type_v2',
        'torch.cuda:FloatStorage',
        'torch:per_tensor_affine',
        'torch.torch_version:TorchVersion'
      ])
    ).toEqual([])
  })

  it('lists names, not modules: neighbours of allowed names stay unknown', () => {
    for (const full of [
      'datetime:tzinfo',
      'decimal:getcontext',
      'argparse:ArgumentParser',
      'numpy.random._pickle:BitGenerators',
      'numpy:vectorize',
      'numpy:frompyfunc',
      'scipy.sparse:load_npz',
      'scipy.sparse._csr:isspmatrix',
      'pandas.core.frame:DataFrame_',
      'sklearn.pipeline:make_pipeline',
      'torch.nn.modules.module:Module',
      'torch.cuda:set_device'
    ])
      expect([full, verdict(full)]).toEqual([full, 'unknown'])
  })
})

describe('classifyImport: Python 2 names and old NumPy object arrays', () => {
  it('passes what a Python 2 object array imports: NumPy reconstruction and __builtin__ names', () => {
    // protocol 2 writes Python 3 names the Python 2 way (fix_imports), so these are also what Python 2 wrote
    for (const full of [
      'numpy.core.multiarray:_reconstruct',
      'numpy:ndarray',
      'numpy:dtype',
      '_codecs:encode',
      'copy_reg:_reconstructor',
      '__builtin__:object',
      '__builtin__:set',
      '__builtin__:frozenset',
      '__builtin__:slice',
      '__builtin__:bytearray',
      '__builtin__:xrange',
      '__builtin__:unicode',
      '__builtin__:long',
      '__builtin__:basestring',
      '__builtin__:Ellipsis',
      'UserDict:IterableUserDict',
      'UserList:UserList',
      'UserString:UserString'
    ])
      expect([full, verdict(full)]).toEqual([full, 'safe'])
  })

  it('is safe only when the Python 3 name is', () => {
    // builtins.chr and the exception classes are not on the list
    expect(verdict('__builtin__:unichr')).toBe('unknown')
    expect(verdict('exceptions:ValueError')).toBe('unknown')
    expect(verdict('__builtin__:print')).toBe('unknown')
    // a reviewed Python 3 name covers its Python 2 spelling
    expect(verdict('exceptions:ValueError', new Set(['builtins.ValueError']))).toBe('safe')
  })

  it('keeps Python 2 names dangerous when either spelling is', () => {
    expect(verdict('__builtin__:reduce')).toBe('dangerous')
    expect(verdict('__builtin__:intern')).toBe('dangerous')
    expect(verdict('cPickle:loads')).toBe('dangerous')
    expect(verdict('urllib:urlopen')).toBe('dangerous')
    expect(verdict('urllib2:urlopen')).toBe('dangerous')
    expect(verdict('httplib:HTTPConnection')).toBe('dangerous')
    expect(verdict('multiprocessing.process:Process')).toBe('dangerous')
    expect(verdict('StringIO:StringIO')).toBe('dangerous')
    expect(verdict('__builtin__:file')).toBe('dangerous')
    expect(verdict('__builtin__:execfile')).toBe('dangerous')
  })
})

describe('classifyImport: the deny side wins over the allow-list', () => {
  it('never lets an allowed module carry a dangerous attribute path or dunder', () => {
    for (const full of [
      'sklearn.pipeline:os.system',
      'sklearn.pipeline:Pipeline.__init__',
      'numpy.random._pickle:__builtins__',
      'numpy.random._pickle:__randomstate_ctor.__globals__',
      'pandas.core.frame:pandas.read_pickle',
      'pandas.core.frame:DataFrame.__reduce__',
      'torch.nn.modules.linear:torch.load',
      'xgboost.sklearn:XGBClassifier.__class__',
      'collections:OrderedDict.__init__.__globals__',
      'datetime:sys.modules'
    ])
      expect([full, verdict(full)]).toEqual([full, 'dangerous'])
  })

  it('keeps allowed names unknown when they are reached as attributes', () => {
    expect(verdict('sklearn.pipeline:Pipeline.steps')).toBe('unknown')
    expect(verdict('numpy:ndarray.tofile')).toBe('unknown')
  })

  it('denies what opens, creates or loads files in the modules it allows from', () => {
    for (const full of [
      'numpy:memmap',
      'numpy.core.memmap:memmap',
      'numpy._core.memmap:memmap',
      'numpy:loadtxt',
      'numpy:DataSource',
      'numpy.lib._datasource:DataSource',
      'numpy.lib.format:open_memmap',
      'numpy:ctypeslib.load_library',
      'numpy.ctypeslib:load_library',
      'pandas.core.computation.eval:eval',
      'pandas.io.pickle:read_pickle'
    ])
      expect([full, verdict(full)]).toEqual([full, 'dangerous'])
    // and a reviewed extension cannot allow them
    expect(verdict('numpy:memmap', new Set(['numpy.memmap']))).toBe('dangerous')
  })
})

describe('classifyImport: what stays off the allow-list', () => {
  it('keeps these unknown: review them and add them to allowed_globals', () => {
    for (const full of [
      // the constructor reads files named by its arguments, or hands a model to native code
      'xgboost.core:Booster',
      'lightgbm.basic:Booster',
      'transformers.training_args:TrainingArguments',
      'transformers.training_args_seq2seq:Seq2SeqTrainingArguments',
      'transformers.trainer_pt_utils:AcceleratorConfig',
      'accelerate.utils.dataclasses:DeepSpeedPlugin',
      'dateutil.tz.tz:tzfile',
      'zoneinfo:ZoneInfo',
      // they exist to call a function they are given
      'sklearn.preprocessing._function_transformer:FunctionTransformer',
      'sklearn.compose._target:TransformedTargetRegressor',
      'sklearn.metrics._scorer:_passthrough_scorer',
      'sklearn.metrics._dist_metrics:PyFuncDistance',
      'sklearn.gaussian_process.kernels:PairwiseKernel',
      'torch.nn.utils.weight_norm:WeightNorm',
      'numpy:vectorize',
      'builtins:map',
      // a compiled pattern runs on every input it is matched against
      're:_compile',
      // model classes whose constructors can download pretrained weights
      'transformers.models.bert.modeling_bert:BertModel'
    ])
      expect([full, verdict(full)]).toEqual([full, 'unknown'])
  })

  it('knows the legacy names real files carry', () => {
    for (const full of [
      'numpy.core._multiarray_umath:_reconstruct',
      'numpy.core._internal:_reconstruct',
      'torch:FloatTensor',
      'torch:LongTensor'
    ])
      expect([full, verdict(full)]).toEqual([full, 'safe'])
  })

  it('spares value classes of denied modules, and nothing else of them', () => {
    for (const full of ['types:SimpleNamespace', 'uuid:UUID', 'pathlib:PosixPath', 'pathlib:PurePath'])
      expect([full, verdict(full)]).toEqual([full, 'safe'])
    for (const full of [
      'types:CodeType',
      'types:FunctionType',
      'uuid:getnode',
      'uuid:_get_command_stdout',
      'pathlib:Path.read_text',
      'pathlib:PosixPath.write_bytes',
      'types.SimpleNamespace:x'
    ])
      expect([full, verdict(full)]).toEqual([full, 'dangerous'])
  })

  it('keeps these dangerous, allowed neighbours notwithstanding', () => {
    for (const full of [
      'functools:partial',
      'operator:methodcaller',
      'operator:attrgetter',
      'builtins:getattr',
      'torch.storage:_load_from_bytes'
    ])
      expect([full, verdict(full)]).toEqual([full, 'dangerous'])
  })
})

describe('ALLOW_LIST', () => {
  it('gives every entry a tier, names and a reason', () => {
    expect(ALLOW_LIST.length).toBeGreaterThan(0)
    for (const e of ALLOW_LIST) {
      expect(e.reason.trim().length).toBeGreaterThan(20)
      expect(e.names.length).toBeGreaterThan(0)
      expect(e.module).toMatch(/^[A-Za-z_][\w.]*$/)
      for (const n of e.names) expect(n).toMatch(/^[A-Za-z_]\w*$/)
    }
  })

  it('has every tier', () => {
    expect(new Set(ALLOW_LIST.map((e) => e.tier))).toEqual(
      new Set([
        'core',
        'stdlib',
        'numpy',
        'scipy',
        'pandas',
        'sklearn',
        'xgboost',
        'lightgbm',
        'transformers',
        'torch'
      ])
    )
  })

  it('lists each import once', () => {
    const all = ALLOW_LIST.flatMap((e) => e.names.map((n) => `${e.module}.${n}`))
    expect(all.length).toBe(new Set(all).size)
  })

  it('has no entry that the deny side, the dunder rule or the dotted-name rule overrides', () => {
    for (const e of ALLOW_LIST)
      for (const n of e.names)
        expect([e.module, n, classifyImport(e.module, n)]).toEqual([e.module, n, 'safe'])
  })
})
