import { describe, expect, it } from '@jest/globals'
import { classifyImport } from '../../src/engine/globals.js'

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
    // a run of the module path itself is an import, not an attribute walk (numpy RandomState pickles)
    expect(verdict('numpy.random._pickle:__randomstate_ctor')).toBe('unknown')
  })

  it('maps Python 2 names as Python 3’s unpickler does (fix_imports): commands.getoutput is subprocess', () => {
    expect(verdict('commands:getoutput')).toBe('dangerous')
    expect(verdict('thread:start_new_thread')).toBe('dangerous')
    expect(verdict('SimpleHTTPServer:test')).toBe('dangerous')
    expect(verdict('__builtin__:reduce')).toBe('dangerous')
    expect(verdict('UserDict:UserDict')).toBe('unknown')
    expect(verdict('__builtin__:xrange')).toBe('unknown')
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
