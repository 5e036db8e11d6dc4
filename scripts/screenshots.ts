/**
 * Renders the golden job summaries and PR comments the way GitHub shows them (markdown-it with raw HTML and
 * tables, GitHub's markdown CSS, 1000 px wide) in headless Chromium, measures where each one's first screen ends
 * (the first `Fix:` or `Next step:` line), and writes the README's screenshots.
 *
 *   npm run screenshots            # measure every golden; write docs/images/*.png
 *   CHROMIUM=/path/to/chrome npm run screenshots
 *
 * Needs Chromium (`apt-get install chromium`); not part of `npm test`, which checks an estimate of the same
 * height (__tests__/report/first-screen.test.ts) on every machine.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'

const ROOT = join(import.meta.dirname, '..')
const GOLDEN = join(ROOT, '__tests__', 'report', 'golden')
const IMAGES = join(ROOT, 'docs', 'images')
const WIDTH = 1000
const BUDGET_PX = 600
/** the screenshots: the first screen and a little more */
const SHOT_HEIGHT = 760
const SCREENSHOTS: Record<string, string> = {
  'dialogpt.summary.md': 'summary-blocked.png',
  'mixed.comment.md': 'comment-mixed.png'
}

const chromium = process.env.CHROMIUM ?? 'chromium'
const css = readFileSync(
  createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'),
  'utf8'
)
const markdown = new MarkdownIt({ html: true, linkify: false })

/** The page, with a script that writes the first screen's end into the title, for --dump-dom to read. */
function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>-1</title><style>${css}
body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; width: ${WIDTH}px; padding: 24px; }
</style></head><body><article class="markdown-body">${markdown.render(body)}</article>
<script>
  const end = [...document.querySelectorAll('p')].find((p) => /^(Fix|Next step):/.test(p.textContent.trim()))
  document.title = end ? String(Math.round(end.getBoundingClientRect().bottom + window.scrollY)) : '-1'
</script></body></html>`
}

function run(args: string[]): string {
  return execFileSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000
    }
  )
}

const scratch = mkdtempSync(join(tmpdir(), 'airs-screens-'))
let over = 0
try {
  mkdirSync(IMAGES, { recursive: true })
  for (const name of readdirSync(GOLDEN)
    .filter((f) => /\.(summary|comment)\.md$/.test(f))
    .sort()) {
    const html = join(scratch, `${name}.html`)
    writeFileSync(html, page(readFileSync(join(GOLDEN, name), 'utf8')))
    const dom = run([`--window-size=${WIDTH},${SHOT_HEIGHT}`, '--dump-dom', `file://${html}`])
    const px = Number(/<title>(-?\d+)<\/title>/.exec(dom)?.[1] ?? -1)
    const ok = px > 0 && px <= BUDGET_PX
    if (!ok) over++
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${name}: first screen ends at ${px} px (budget ${BUDGET_PX} px at ${WIDTH} px)`
    )
    const shot = SCREENSHOTS[name]
    if (shot) {
      run([`--window-size=${WIDTH},${SHOT_HEIGHT}`, `--screenshot=${join(IMAGES, shot)}`, `file://${html}`])
      console.log(`      wrote docs/images/${shot}`)
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
if (over) process.exitCode = 1
