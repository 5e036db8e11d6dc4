import { describe, expect, it } from '@jest/globals'
import { INITIAL_LOG_STATE, logLine, renderLog, type LogOptions } from '../../scripts/demo/runner-log.js'
import { ansi } from '../../scripts/demo/style.js'

/** What the log view shows for these lines of step output. */
const view = (lines: string[], options: LogOptions = {}) => renderLog(lines.join('\n'), options).lines

/** @actions/core's escaping (command.ts), to write commands the way the action does. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

describe('plain lines', () => {
  it('prints them as they are', () => {
    expect(view(['scanning 2 models', '  indented', '', 'end'])).toEqual([
      'scanning 2 models',
      '  indented',
      '',
      'end'
    ])
    expect(renderLog('one\ntwo\n').lines).toEqual(['one', 'two'])
  })

  it('prints unknown commands and lines that only look like commands literally', () => {
    const lines = [
      '::set-env name=X::1',
      '::frobnicate::x',
      ':: not a command',
      '::error no end',
      'a ::debug::b'
    ]
    expect(view(lines)).toEqual(lines)
  })
})

describe('masks', () => {
  const secret = 'sim-secret-e8c113d62af4ce6cd696d2b0'

  it('prints nothing for ::add-mask:: and masks the value in every later line', () => {
    expect(view([`::add-mask::${secret}`, `token ${secret} and again ${secret}.`])).toEqual([
      'token *** and again ***.'
    ])
  })

  it('masks forward only: a line before the mask is shown as it was', () => {
    expect(view([`early ${secret}`, `::add-mask::${secret}`, `late ${secret}`])).toEqual([
      `early ${secret}`,
      'late ***'
    ])
  })

  it('masks inside annotations: title, message and file, once decoded', () => {
    const colon = 'pass:word,1'
    const lines = view([
      `::add-mask::${escapeData(colon)}`,
      `::error title=${escapeProperty(`bad ${colon}`)},file=${escapeProperty(`${colon}.txt`)},line=3::leaked ${escapeData(colon)}`
    ])
    expect(lines).toEqual(['Error: bad *** — leaked ***', '       ***.txt:3'])
    expect(lines.join('\n')).not.toContain('word')
  })

  it('masks debug lines, group titles and literal command lines', () => {
    expect(
      view([`::add-mask::${secret}`, `::debug::got ${secret}`, `::group::${secret}`, `::nope::${secret}`], {
        debug: true
      })
    ).toEqual(['##[debug]got ***', '▸ ***', '  ::nope::***'])
  })

  it('merges overlapping secrets into one mask and masks each line of a multi-line secret', () => {
    expect(view(['::add-mask::abcd', '::add-mask::cdef', 'xabcdefx'])).toEqual(['x***x'])
    expect(view([`::add-mask::${escapeData('first line\nsecond line')}`, 'a second line here'])).toEqual([
      'a *** here'
    ])
  })

  it('warns about an empty mask, as the runner does, and masks nothing', () => {
    expect(view(['::add-mask::  ', 'text'])).toEqual([
      "Warning: Can't add secret mask for empty string in ##[add-mask] command.",
      'text'
    ])
  })
})

describe('debug', () => {
  const lines = ['before', '::debug::GET /aims/data/v1/scans → 200 (8 ms)', 'after']

  it('hides ::debug:: lines by default', () => {
    expect(view(lines)).toEqual(['before', 'after'])
  })

  it('shows them as ##[debug] with debug on, one per line of the message', () => {
    expect(view(lines, { debug: true })).toEqual([
      'before',
      '##[debug]GET /aims/data/v1/scans → 200 (8 ms)',
      'after'
    ])
    expect(view(['::debug::one%0Atwo'], { debug: true })).toEqual(['##[debug]one', '##[debug]two'])
  })

  it('dims them in colour', () => {
    expect(view(['::debug::x'], { debug: true, style: ansi })).toEqual(['\x1b[2m##[debug]x\x1b[22m'])
  })
})

describe('groups', () => {
  it('shows a ▸ header with the lines indented until ::endgroup::', () => {
    expect(
      view([
        '::group::[FAIL] microsoft/DialoGPT-medium: BLOCKED',
        'BLOCKED: 1 of 11',
        '::endgroup::',
        'after'
      ])
    ).toEqual(['▸ [FAIL] microsoft/DialoGPT-medium: BLOCKED', '  BLOCKED: 1 of 11', 'after'])
  })

  it('indents annotations and debug lines inside a group too', () => {
    expect(view(['::group::g', '::warning::careful', '::debug::d', '::endgroup::'], { debug: true })).toEqual(
      ['▸ g', '  Warning: careful', '  ##[debug]d']
    )
  })

  it('does not nest: a new group ends the open one', () => {
    expect(view(['::group::a', '1', '::group::b', '2', '::endgroup::', '3'])).toEqual([
      '▸ a',
      '  1',
      '▸ b',
      '  2',
      '3'
    ])
  })

  it('decodes the title', () => {
    expect(view(['::group::100%25 done%0Anext'])).toEqual(['▸ 100% done\nnext'])
  })
})

describe('annotations', () => {
  it.each([
    ['error', 'Error'],
    ['warning', 'Warning'],
    ['notice', 'Notice']
  ])('shows ::%s:: as %s: <message>', (command, label) => {
    expect(view([`::${command}::Model gate failed: 2 models: 1 blocked, 1 allowed`])).toEqual([
      `${label}: Model gate failed: 2 models: 1 blocked, 1 allowed`
    ])
  })

  it('shows the title before the message and decodes both as @actions/core encodes them', () => {
    const title = 'Stored In Approved File Format: pytorch_model.bin, 100%'
    const message = "Model file 'pytorch_model.bin': pickle, 50%\r\nsecond line"
    expect(view([`::error title=${escapeProperty(title)}::${escapeData(message)}`])).toEqual([
      "Error: Stored In Approved File Format: pytorch_model.bin, 100% — Model file 'pytorch_model.bin': pickle, 50%",
      '       second line'
    ])
  })

  it('decodes in one pass: %253A is %3A, not a colon', () => {
    expect(view(['::notice title=a%253Ab::c%250Ad'])).toEqual(['Notice: a%3Ab — c%0Ad'])
  })

  it('shows the file and line below, as <file>:<line>[:<col>]', () => {
    expect(view(['::error file=models/x.pkl,line=3,col=7,title=T::m'])).toEqual([
      'Error: T — m',
      '       models/x.pkl:3:7'
    ])
    expect(view(['::warning file=a.py,line=3,endLine=5::m'])).toEqual(['Warning: m', '         a.py:3-5'])
    expect(view(['::warning file=a.py::m'])).toEqual(['Warning: m', '         a.py'])
    expect(view(['::warning line=3::m'])).toEqual(['Warning: m'])
  })

  it('ignores properties without a value and reads the name case-insensitively, as the runner does', () => {
    expect(view(['::ERROR title=,file::m'])).toEqual(['Error: m'])
  })

  it('paints an error red with a bold label', () => {
    expect(view(['::error::m'], { style: ansi })).toEqual(['\x1b[31m\x1b[1mError:\x1b[22m m\x1b[39m'])
  })
})

describe('stop-commands', () => {
  it('prints the lines up to ::TOKEN:: literally, then reads commands again', () => {
    expect(
      view([
        '::stop-commands::pause-1a2b',
        '::error::not an annotation',
        '::add-mask::not-a-mask',
        '::group::not a group',
        '::pause-1a2b::',
        '::warning::an annotation again',
        'not-a-mask is shown'
      ])
    ).toEqual([
      '::error::not an annotation',
      '::add-mask::not-a-mask',
      '::group::not a group',
      'Warning: an annotation again',
      'not-a-mask is shown'
    ])
  })

  it('still masks while commands are stopped', () => {
    expect(view(['::add-mask::s3cret', '::stop-commands::tok', '::debug::s3cret', '::tok::'])).toEqual([
      '::debug::***'
    ])
  })

  it('keeps processing commands when the token is empty', () => {
    expect(view(['::stop-commands::', '::warning::w'])).toEqual(['::stop-commands::', 'Warning: w'])
  })
})

describe('logLine', () => {
  it('is pure: the same state and line give the same result, and the state passed in is not changed', () => {
    const a = logLine(INITIAL_LOG_STATE, '::add-mask::x')
    const b = logLine(INITIAL_LOG_STATE, '::add-mask::x')
    expect(a).toEqual(b)
    expect(INITIAL_LOG_STATE.masks).toEqual([])
    expect(logLine(a.state, 'x y').lines).toEqual(['*** y'])
  })

  it('renders a log the action wrote, without a trace of the protocol', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzaW0ifQ.sig'
    const lines = view([
      '::add-mask::sim-secret-1',
      `::add-mask::${jwt}`,
      '::debug::Obtained an access token valid for 899 s',
      'microsoft/DialoGPT-medium: BLOCKED after 1.4 s',
      '::group::[FAIL] microsoft/DialoGPT-medium: BLOCKED',
      '- [MEDIUM] Stored In Approved File Format FAILED (BLOCKING)',
      '::endgroup::',
      "::error title=Stored In Approved File Format%3A pytorch_model.bin::https://huggingface.co/microsoft/DialoGPT-medium: Model file 'pytorch_model.bin' is stored in an unapproved format: pickle.",
      '::error::Model gate failed: 2 models: 1 blocked, 1 allowed'
    ])
    expect(lines).toEqual([
      'microsoft/DialoGPT-medium: BLOCKED after 1.4 s',
      '▸ [FAIL] microsoft/DialoGPT-medium: BLOCKED',
      '  - [MEDIUM] Stored In Approved File Format FAILED (BLOCKING)',
      "Error: Stored In Approved File Format: pytorch_model.bin — https://huggingface.co/microsoft/DialoGPT-medium: Model file 'pytorch_model.bin' is stored in an unapproved format: pickle.",
      'Error: Model gate failed: 2 models: 1 blocked, 1 allowed'
    ])
    expect(lines.join('\n')).not.toMatch(/::|%3A|sim-secret|eyJ/)
  })
})

describe('control characters', () => {
  // every C0 and C1 control character but tab and newline, and DEL
  const CONTROLS = [
    ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0x09 && c !== 0x0a),
    ...Array.from({ length: 0x21 }, (_, c) => 0x7f + c)
  ].map((c) => String.fromCharCode(c))
  const ANY_CONTROL = new RegExp(`[${CONTROLS.join('').replace(/[\\\]^-]/g, '\\$&')}]`)

  it('never reach the terminal: no title change, no screen clear, no overwritten line', () => {
    expect(view(['\x1b]0;pwned\x07plain \x1b[2Jtext\rover \x9b31mx\x7f'])).toEqual([
      ']0;pwnedplain [2Jtextover 31mx'
    ])
  })

  it.each(CONTROLS.map((c) => [c.charCodeAt(0).toString(16).padStart(2, '0'), c]))(
    'U+00%s is dropped from every part of the log',
    (_, c) => {
      const lines = view(
        [
          `a${c}b`,
          `::group::g${c}g`,
          `::debug::d${c}d`,
          `::error title=t${escapeProperty(c)}t,file=f${escapeProperty(c)}.ts,line=1::m${escapeData(c)}m`,
          `::warning::w${c}w`
        ],
        { debug: true }
      )
      expect(lines.join('\n')).not.toMatch(ANY_CONTROL)
      expect(lines).toEqual([
        'ab',
        '▸ gg',
        '  ##[debug]dd',
        '  Error: tt — mm',
        '         f.ts:1',
        '  Warning: ww'
      ])
    }
  )

  it('keeps tabs, and the line breaks of a multi-line message', () => {
    expect(view(['a\tb', '::error::one%0D%0Atwo%0Athree'])).toEqual([
      'a\tb',
      'Error: one',
      '       two',
      '       three'
    ])
  })

  it('are stripped before the styles are added, which stay', () => {
    expect(view(['::error::\x1b[32mgreen\x1b[0m'], { style: ansi })).toEqual([
      '\x1b[31m\x1b[1mError:\x1b[22m [32mgreen[0m\x1b[39m'
    ])
    expect(view(['::debug::\x1b[8mhidden'], { debug: true, style: ansi })).toEqual([
      '\x1b[2m##[debug][8mhidden\x1b[22m'
    ])
  })

  it('cannot split a secret from its mask', () => {
    expect(view(['::add-mask::s3cret', 's3\x07cret and s3cret', 'x\x1b[1ms3cret'])).toEqual([
      '*** and ***',
      'x[1m***'
    ])
  })
})
