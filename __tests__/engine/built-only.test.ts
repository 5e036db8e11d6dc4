import { describe, expect, it } from '@jest/globals'
import { bufferAccess } from '../../src/engine/access.js'
import { FindingSet } from '../../src/engine/findings.js'
import { BUILT_ONLY } from '../../src/engine/globals.js'
import { DEFAULT_LIMITS } from '../../src/engine/limits.js'
import { walkPickles } from '../../src/engine/pickle.js'
import { pickleFindings } from '../../src/engine/pickle-findings.js'
import { pickle, type PickleBuilder } from '../helpers/pickle-builder.js'

/**
 * torch.save writes TrainingArguments (training_args.bin) by building it: NEWOBJ makes the instance with
 * `cls.__new__(cls)` and BUILD fills its __dict__, which runs nothing of the class's. Calling the class runs
 * __post_init__ (config files, environment). Such classes pass only when the walk saw them built, never used
 * any other way.
 */

const MODULE = 'transformers.training_args'
const CLASS = 'TrainingArguments'

async function findings(b: PickleBuilder): Promise<string[]> {
  const w = await walkPickles(bufferAccess(b.toBuffer()), { limits: DEFAULT_LIMITS })
  expect(w.issues).toEqual([])
  const out = new FindingSet()
  pickleFindings(w, 'training_args.bin', 'pytorch', out, new Set())
  return out.items.map((f) => f.description)
}

/** TrainingArguments(output_dir='out') as torch.save writes it (protocol 2). */
const built = (b: PickleBuilder) =>
  b
    .global(MODULE, CLASS)
    .binPut(0)
    .emptyTuple()
    .op(0x81) // NEWOBJ
    .emptyDict()
    .shortBinUnicode('output_dir')
    .shortBinUnicode('out')
    .setItem()
    .op(0x62) // BUILD

describe('classes safe to build, not to call', () => {
  it('built with NEWOBJ and BUILD: no finding', async () => {
    expect(await findings(built(pickle().proto(2)).stop())).toEqual([])
  })

  it('called (REDUCE with arguments): not on the allow-list', async () => {
    const b = pickle().proto(2).global(MODULE, CLASS).shortBinUnicode('out').tuple1().op(0x52).stop()
    expect(await findings(b)).toEqual([
      `Loading imports ${MODULE}.${CLASS}, which is not on the allow-list of safe globals`
    ])
  })

  it('built, then called again through the memo: a finding', async () => {
    const b = built(pickle().proto(2)).op(0x30).binGet(0).emptyTuple().op(0x52).stop()
    expect(await findings(b)).toHaveLength(1)
  })

  it('passed to another call (which could call it): a finding', async () => {
    const b = pickle()
      .proto(2)
      .global('collections', 'OrderedDict')
      .global(MODULE, CLASS)
      .tuple1()
      .op(0x52)
      .stop()
    expect(await findings(b)).toHaveLength(1)
  })

  it('every entry carries its reason', () => {
    for (const e of BUILT_ONLY) expect(e.reason.length).toBeGreaterThan(40)
  })
})
