import { describe, expect, it } from '@jest/globals'
import { parseArgs, UsageError } from '../../src/cli/cli-args.js'

/** The CLI's flags, in process: what each argument list means, and the one-line message for each mistake. */

function usageError(argv: string[]): string {
  try {
    parseArgs(argv)
  } catch (e) {
    if (e instanceof UsageError) return e.message
    throw e
  }
  throw new Error(`no usage error for ${JSON.stringify(argv)}`)
}

describe('CLI arguments', () => {
  it('reads --name value and --name=value, aliases, repeatable flags and bare models, in order', () => {
    expect(
      parseArgs([
        '--model',
        'a',
        '--model-uri=b',
        'c',
        '--label',
        'k=v',
        '--labels=x=y',
        '--mode',
        'warn',
        '--allow-patterns',
        '*.json',
        '--allow-patterns',
        '*.safetensors',
        '--json'
      ])
    ).toEqual({
      inputs: {
        'model-uri': 'a\nb\nc',
        labels: 'k=v\nx=y',
        mode: 'warn',
        'allow-patterns': '*.json\n*.safetensors'
      },
      json: true,
      version: false,
      empty: false
    })
  })

  it('takes `scan` as the command only in first place', () => {
    expect(parseArgs(['scan', '--engine', 'builtin', './model']).inputs).toEqual({
      engine: 'builtin',
      'model-uri': './model'
    })
    expect(parseArgs(['./model', 'scan']).inputs).toEqual({ 'model-uri': './model\nscan' })
    expect(parseArgs([])).toEqual({ inputs: {}, json: false, version: false, empty: true })
  })

  it('`merge` takes reports (files or folders) where scan takes models', () => {
    expect(parseArgs(['merge', 'legs', 'extra/report.json', '--json']).inputs).toEqual({
      'merge-reports': 'legs\nextra/report.json'
    })
    expect(parseArgs(['merge', '--report-file', 'm.json', 'legs']).inputs).toEqual({
      'merge-reports': 'legs',
      'report-file': 'm.json'
    })
    // only in first place: elsewhere it is a model's name
    expect(parseArgs(['./model', 'merge']).inputs).toEqual({ 'model-uri': './model\nmerge' })
  })

  it('reads --help, -h and --version, also next to other flags', () => {
    expect(parseArgs(['--help']).help).toBe('overview')
    expect(parseArgs(['-h']).help).toBe('overview')
    expect(parseArgs(['--model-uri', 'x', '--version'])).toMatchObject({ version: true })
    expect(parseArgs(['--model-uri', 'x', '--version']).help).toBeUndefined()
    expect(parseArgs(['--json', '--json']).json).toBe(true)
  })

  it('takes the next argument as the value, whatever it starts with; --name= gives an empty one', () => {
    expect(parseArgs(['--model-uri', '--json'])).toMatchObject({
      inputs: { 'model-uri': '--json' },
      json: false
    })
    expect(parseArgs(['--ignore-patterns', '-'])).toMatchObject({ inputs: { 'ignore-patterns': '-' } })
    expect(parseArgs(['--mode=', 'm']).inputs).toEqual({ mode: '', 'model-uri': 'm' })
    expect(parseArgs(['--labels=a=b=c']).inputs).toEqual({ labels: 'a=b=c' })
  })

  const secret =
    '--client-secret is not accepted on the command line; set PANW_MODEL_SEC_CLIENT_SECRET (or MODEL_SECURITY_CLIENT_SECRET) instead.'

  it.each([
    [['--model-uri'], '--model-uri needs a value.'],
    [['--model-uri', 'x', '--label'], '--label needs a value.'],
    [['--modle-uri', 'x'], 'Unknown option --modle-uri; see --help.'],
    [['--modle-uri=x'], 'Unknown option --modle-uri; see --help.'],
    [['--client-secret', 's3cret'], secret],
    [['--client-secret=s3cret'], secret],
    [['--client-secret'], secret],
    // the action's GitHub-only inputs are not options of the CLI
    [['--github-token', 't'], 'Unknown option --github-token; see --help.'],
    [['--comment', 'off'], 'Unknown option --comment; see --help.'],
    [['--json=yes'], 'Unknown option --json; see --help.'],
    [['--help=1'], 'Unknown option --help; see --help.'],
    [['--constructor', 'x'], 'Unknown option --constructor; see --help.'],
    [['--__proto__', 'x'], 'Unknown option --__proto__; see --help.'],
    [['--'], 'Unknown option --; see --help.'],
    [['-x'], 'Unknown option -x; options start with --, see --help.'],
    [['-hx'], 'Unknown option -hx; options start with --, see --help.'],
    [['-'], 'Unknown option -; options start with --, see --help.'],
    [['--mode', 'warn', '--mode', 'enforce'], '--mode is given twice.'],
    [['--mode=warn', '--mode=warn'], '--mode is given twice.'],
    // the first mistake is the one reported
    [['--client-secret', 's', '--bogus'], secret],
    [['--bogus', '--client-secret', 's'], 'Unknown option --bogus; see --help.'],
    [['scan', 'scan', '-v'], 'Unknown option -v; options start with --, see --help.']
  ])('%j: %s', (argv, message) => {
    expect(usageError(argv)).toBe(message)
  })

  it('cuts a long unknown short option in the message', () => {
    expect(usageError([`-${'x'.repeat(100)}`])).toBe(
      `Unknown option -${'x'.repeat(59)}; options start with --, see --help.`
    )
  })

  it('has help for the program and for scan, as a command, a flag or -h', () => {
    expect(parseArgs(['help']).help).toBe('overview')
    expect(parseArgs(['help', 'scan']).help).toBe('scan')
    expect(parseArgs(['--help']).help).toBe('overview')
    expect(parseArgs(['scan', '--help']).help).toBe('scan')
    expect(parseArgs(['scan', '-h']).help).toBe('scan')
    expect(usageError(['help', 'nope'])).toBe('Unknown help topic nope; try: help scan.')
  })

  it('takes --workspace once, and tells a bare command from one with arguments', () => {
    expect(parseArgs(['--workspace', '/w', 'm']).workspace).toBe('/w')
    expect(usageError(['--workspace', 'a', '--workspace=b'])).toBe('--workspace is given twice.')
    expect(parseArgs([]).empty).toBe(true)
    expect(parseArgs(['scan', 'm']).empty).toBe(false)
  })
})
