import type { ModelSecurityClient } from '../../src/airs/client.js'
import type { RunnerScanner, RunnerScanRequest, ScannerError } from '../../src/scanner/prepare-scanner.js'
import { sleep } from '../../src/util/sleep.js'

/**
 * A stand-in for the official client on the runner: it creates the scan through the API as the client would
 * (the real client, installed by pip, is in __tests__/action/runner.test.ts and __tests__/scanner/).
 */

export interface FakeScannerOptions {
  scanMs?: number
  fail?: ScannerError
}

/** A scanner whose scans post `scan_details` for the request, after `scanMs`; it records what it was asked. */
export function fakeScannerOf(client: ModelSecurityClient, opts: FakeScannerOptions = {}) {
  const calls: RunnerScanRequest[] = []
  let running = 0
  let peak = 0
  const scanner: RunnerScanner = {
    python: {
      command: 'python3',
      executable: '/usr/bin/python3',
      version: [3, 12, 4],
      versionText: '3.12.4'
    },
    installed: { python: '/venv/bin/python', venvDir: '/venv', version: '1.1.2', reused: false },
    scan: async (request) => {
      calls.push(request)
      running++
      peak = Math.max(peak, running)
      try {
        await sleep(opts.scanMs ?? 0)
        if (opts.fail) throw opts.fail
        const path = 'path' in request.model ? request.model.path : request.model.uri
        const scan = await client.scans.create({
          model_uri: path,
          security_group_uuid: request.securityGroupUuid,
          scan_origin: 'MODEL_SECURITY_SDK',
          ...(request.labels && { labels: [...request.labels] }),
          scan_details: {
            scanner_version: 'fake',
            time_started: new Date().toISOString(),
            files: [
              {
                file_path: 'model.safetensors',
                blob_id: 'b',
                sha256: 'a'.repeat(64),
                size_bytes: 8,
                modelscan_status: 'SCANNED',
                formats: ['safetensors']
              }
            ],
            total_files_scanned: 1,
            total_files_skipped: 0,
            model_formats: ['safetensors'],
            model_size_bytes: 8,
            scan_duration_ms: 1
          }
        })
        return { scanUuid: scan.uuid, clientVersion: '1.1.2' }
      } finally {
        running--
      }
    }
  }
  return { scanner, calls, peak: () => peak }
}
