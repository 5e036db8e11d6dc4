import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defaultPolicy, loadPolicy } from '../../src/gate/builtin-policy.js'
import { scanLocalModel } from '../../src/gate/builtin-scan.js'

/**
 * Attack class: a chat template the engine never reads. Loaders pick templates and configs by name
 * (`chat_template.jinja`, `tokenizer_config.json`), whatever their first bytes; the engine sniffs content, so a
 * template file whose first bytes do not look like text (a control character or invalid UTF-8 in a Jinja
 * comment), or a JSON config that starts with kilobytes of white space, must still be read. Generated: every
 * file a renderer reads × every disguise of its first bytes, with the textbook payload, under the default policy
 * and one where only the runtime rule blocks.
 */

const PAYLOAD = '{{ cycler.__init__.__globals__.os.getpid() }}'

/** Ways to make the first bytes not look like text (for templates) or not like JSON (for configs). */
const TEMPLATE_DISGUISES: Record<string, Buffer> = Object.fromEntries([
  ...[0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f].map((c) => [
    `control 0x${c.toString(16)}`,
    Buffer.concat([Buffer.from('{#'), Buffer.from([c]), Buffer.from('#}')])
  ]),
  ['U+FFFD', Buffer.from('{#\ufffd#}')],
  ['invalid UTF-8', Buffer.from([0x7b, 0x23, 0xff, 0xfe, 0xc3, 0x28, 0x23, 0x7d])],
  ['4 KiB of NULs in a comment', Buffer.concat([Buffer.from('{#'), Buffer.alloc(4096), Buffer.from('#}')])],
  ['a BOM then controls', Buffer.from('\ufeff{#\u0002\u0003#}')],
  ['nothing', Buffer.alloc(0)]
])

const JSON_LEADS: Record<string, string> = {
  '5000 spaces': ' '.repeat(5000),
  '5000 newlines': '\n'.repeat(5000),
  'tabs and CRs': '\t\r\n'.repeat(3000),
  'a BOM and 8 KiB of spaces': `\ufeff${' '.repeat(8192)}`,
  nothing: ''
}

/** A safetensors file: u64 header length, the JSON header, the tensor bytes. */
function safetensors(): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }))
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([len, header, Buffer.alloc(8)])
}

const RUNTIME_ONLY = await loadPolicy({
  text: JSON.stringify({
    rules: {
      'Stored In Approved File Format': 'ALLOWING',
      'Suspicious Model Components Check': 'ALLOWING',
      'License Exists': 'ALLOWING',
      'License Is Valid For Use': 'ALLOWING'
    }
  }),
  file: 'runtime-only.json'
})

let root: string
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'airs-template-files-'))
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

let n = 0
async function scan(files: Record<string, Buffer | string>, policy = defaultPolicy()) {
  const dir = path.join(root, `m${n++}`)
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), data)
  }
  return scanLocalModel({ path: dir, modelUri: path.basename(dir), policy })
}

const runtime = (r: Awaited<ReturnType<typeof scan>>) =>
  r.evaluations.find((e) => e.rule_name === 'Runtime Code Execution Check')?.result

describe('templates are read by name, whatever their first bytes', () => {
  it.each(['chat_template.jinja', 'additional_chat_templates/tool_use.jinja', 'templates/x.jinja2'])(
    '%s: every disguise, under either policy, fails the runtime rule',
    async (name) => {
      for (const [what, lead] of Object.entries(TEMPLATE_DISGUISES)) {
        for (const policy of [defaultPolicy(), RUNTIME_ONLY]) {
          const r = await scan(
            { 'model.safetensors': safetensors(), [name]: Buffer.concat([lead, Buffer.from(PAYLOAD)]) },
            policy
          )
          expect({ what, outcome: r.scan.eval_outcome, runtime: runtime(r) }).toEqual({
            what,
            outcome: 'BLOCKED',
            runtime: 'FAILED'
          })
        }
      }
    }
  )
})

describe('JSON configs are parsed by name, whatever comes first', () => {
  it.each(['tokenizer_config.json', 'chat_template.json'])(
    '%s: every lead, under either policy',
    async (name) => {
      for (const [what, lead] of Object.entries(JSON_LEADS)) {
        for (const policy of [defaultPolicy(), RUNTIME_ONLY]) {
          const r = await scan(
            {
              'model.safetensors': safetensors(),
              [name]: `${lead}${JSON.stringify({ chat_template: PAYLOAD })}`
            },
            policy
          )
          expect({ what, outcome: r.scan.eval_outcome, runtime: runtime(r) }).toEqual({
            what,
            outcome: 'BLOCKED',
            runtime: 'FAILED'
          })
        }
      }
    }
  )

  it('a .json file that is prose is not verified rather than skipped', async () => {
    const r = await scan(
      { 'model.safetensors': safetensors(), 'notes.json': 'just some text, no JSON here' },
      RUNTIME_ONLY
    )
    expect(r.scan.eval_outcome).not.toBe('ALLOWED')
  })
})
