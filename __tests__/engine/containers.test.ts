/* eslint-disable jest/expect-expect -- the tests assert through critical(), unverified() and clean() */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createDeflateRaw, createGzip, deflateSync, gzipSync } from 'node:zlib'
import { analyseEntry } from '../../src/engine/analyse.js'
import type { FileReport } from '../../src/engine/findings.js'
import { DEFAULT_LIMITS, type EngineLimits } from '../../src/engine/limits.js'
import { buildZip } from '../helpers/zip-builder.js'

/**
 * Compressed streams and tar archives through the whole engine: what they hold is analysed as if it were the
 * file (joblib's compressed pickles are walked like plain ones), a stream that breaks is "could not be
 * verified" with what decoded before the break still analysed, a bomb stops at the byte limit without its
 * output ever being held, and nesting stops at the archive depth. The bzip2, xz, LZMA and LZ4 vectors were
 * written by Python 3.11's bz2 and lzma modules, joblib 1.2 and the lz4 1.9 command line, from the pickles below.
 */

const b64 = (...parts: string[]) => Buffer.from(parts.join(''), 'base64')

/** `{'weights': [0.5, 1.5], 'name': 'model'}`, protocol 2. */
const BENIGN = b64(
  'gAJ9cQAoWAcAAAB3ZWlnaHRzcQFdcQIoRz/gAAAAAAAARz/4AAAAAAAAZVgEAAAAbmFtZXEDWAUAAABtb2RlbHEEdS4='
)
/** `posix.system('id')` as protocol 2 writes it: GLOBAL, the argument tuple, REDUCE. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.', 'latin1')
/** The same call first, then 300 000 bytes of a repeated pattern (BINBYTES), so that a cut falls after the call. */
const PATTERN = Buffer.from('tensor!'.repeat(300_000 / 7))
const EVIL_LONG = Buffer.concat([
  Buffer.from('\x80\x03cposix\nsystem\nX\x02\x00\x00\x00id\x85RB', 'latin1'),
  Buffer.from(Uint32Array.of(PATTERN.length).buffer),
  PATTERN,
  Buffer.from('\x86.', 'latin1')
])

const VECTORS = {
  benign: {
    bzip2: b64(
      'QlpoMTFBWSZTWUIMxt0AAB/fwf6AAEEAAICAAEIm566CQABAAABAIABQxgAJgACYNTQmQD1AB6J5RWeJztg53pOIEGeZEL4/',
      'aDOPBwNKSXutEwCGLGWslZkuNWH4u5IpwoSCEGY26A=='
    ),
    xz: b64(
      '/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj4ABDAD1dAEAAiynXgKBj/e5G8BUr27QeJ3yPs8Tby+Dw+m/uzdu9Q/1YMjSVrG1f',
      '6sg/rIaQqsLRfKIR1i48y+3MbgAAAAAA8aFqoSvEX1MAAVlEv9ZOOh+2830BAAAAAARZWg=='
    ),
    lzma: b64(
      'XQAAgAD//////////wBAAIsp14CgY/3uRvAVK9u0Hid8j7PE28vg8Ppv7s3bvUP9WDI0laxtX+rIP6yGkKrC0XyiEdYuPMwl',
      'uLf//+38AAA='
    ),
    lz4: b64(
      'BCJNGGRAp0MAAADxDYACfXEAKFgHAAAAd2VpZ2h0c3EBXXECKEc/4AABADFHP/gIAPAMAGVYBAAAAG5hbWVxA1gFAAAAbW9k',
      'ZWxxBHUuAAAAAIVliIY='
    )
  },
  evil: {
    bzip2: b64(
      'QlpoMTFBWSZTWfxLxlYAABBTwHgQAAEQQA4i7GBCACAAIp6gAGh6mhRoyBo0yNHBAKDw0aTmELzw8TqnyxrgKvxdyRThQkPx',
      'LxlY'
    ),
    xz: b64(
      '/Td6WFoAAATm1rRGAgAhARYAAAB0L+WjAQAhgAJjcG9zaXgKc3lzdGVtCnEAWAIAAABpZHEBhXECUnEDLgAAAL3yvNAxWaEF',
      'AAE6IrYqT9AftvN9AQAAAAAEWVo='
    ),
    lzma: b64('XQAAgAD//////////wBAAIgDy4fmDj/G26ZiOtDgF6gkjbRCL7mxRIpEXSAqH6OYqpFiHH//+91gAA=='),
    lz4: b64('BCJNGGRApyIAAICAAmNwb3NpeApzeXN0ZW0KcQBYAgAAAGlkcQGFcQJScQMuAAAAAI9Q84g=')
  },
  evilLong: {
    bzip2: b64(
      'QlpoMTFBWSZTWcYz/8IAw0TX4lwQIAAQABBADiPcYEIACAAAAKAAcFAAAGTIE1VKZGJmgNNpGWVu467dtdIqBM9unTzipQJn',
      'jSpQJlFQJjLTAqBMCoE25/vHWKgTnu4bfPn0xQVkmU1nRcXSIAIt7EYAgAAIBnAAgAFCGAE1VDPVOEoExKBPiUCYlAmJQJiU',
      'CYlAn5igrJMprOi4ukQARb2IwBAAAQDOABAAKEMAJqqGeqcJQJiUCfEoExKBMSgTEoExKBPzFBWSZTWdwgg5EAABkRwCABAg',
      'GcAAEAIAAxBkxAioB+qcRoHgMD2BgZH4u5IpwoSAVMI1qA=='
    ),
    xz: b64(
      '/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj5JP+AJpdAEAAyAPLh+YOP8bbpmI60OAXpBMixKZ7VpqhaP6EbaQrqPT9bYIspZyG',
      'BmBF3CnSZSLSEEBxWIgi82wqHF/x1E8Q/Oej0U2yY0I3qvmCMia2KISZUJDELdsPXh3Mdfa3KnxlYwXIr6+ZjAlzTxI2aHnV',
      'upfsdvQcMCMt9jmo38pvvZLaVsnMvdnoiq2XLf8u65ocS9OWYF5raAAAAAB7/z9PSl/+twABtgH/pxIAwjBgSLHEZ/sCAAAA',
      'AARZWg=='
    ),
    lzma: b64(
      'XQAAgAD//////////wBAAMgDy4fmDj/G26ZiOtDgF6QTIsSme1aaoWj+hG2kK6j0/W2CLKWchgZgRdwp0mUi0hBAcViIIvNs',
      'Khxf8dRPEPzno9FNsmNCN6r5gjImtiiEmVCQxC3bD14dzHX2typ8ZWMFyK+vmYwJc08SNmh51bqX7Hb0HDAjLfY5qN/Kb72S',
      '2lbJzL3Z6Iqtly3/LuuaHEvTlmCUoE///+gPYAA='
    ),
    lz4: b64(
      'BCJNGERAXjABAAD/FoADY3Bvc2l4CnN5c3RlbQpYAgAAAGlkhVJC35MEAHRlbnNvciEHAP//////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '///////////////////////////DUG5zb3IhCgEAAA/i////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '///oUG9yIXRlEQEAAH9uc29yIXRlBwD/////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////4VAhdGVucwoB',
      'AAAP/v//////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '////////////////////////////////////////////////////////////6FBlbnNvcqUAAAB/IXRlbnNvcgcA////////',
      '////////////////////////////////////////////////////////////////////////////////////////////////',
      '/////////////////////////////////////////////////////////////////////////////////////////////3RQ',
      'b3Ihhi4AAAAAgu73sQ=='
    )
  },
  bomb: {
    bzip2: b64('QlpoOTFBWSZTWVKFPiUAgIDAAMAAAAggADCAKRoBANIBAOLuSKcKEgpQp8Sg'),
    xz: b64(
      '/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj//8RAWxdAABv/f//o7f/Rz5IFXI5YVG4kijmo4YH+e7kHoLTL8U6PAFLsX7JiopN',
      'L6MN2X+m44wjEVPgWRjFdYrid/i2lH8MasDedElk4ulcU7IE2PdEDKtfDW1G6eXDdoi3llestk3haR1v+0uIEGxCy4g/XACP',
      '0E6vJiiUcR89jyThcJ6nI1/sKMuF0ZWYin4qkfIndfcZwAaYTZj92K/VkA/EJVP49ZE2MQWlsO5vwXBNRwzRkRGqrWAdus6x',
      'JxhcWYbpZlJYvul2rFnk5VsFCPnH2q38+1IrdM0eWyBC+d1TPfgpZAk7gMsqbN+1O/DEvS5fqg8+S2ZCkBMO/xCT+HF4WfgL',
      'zf+VKEYPqfx83vuaMC5WwI+F84OBwGXEJVP49ZE2MQWlsO5vwXBNRwzRkRGqrWAdus6xJxhcWYbpZlJYvul2rFnk5VsFCPnH',
      '2q38+1IrdM0eWyBC+d1TPfgpZAk7gMsqbN+1O/DEvEgn5lif/xABKwDsc1On/b6ufDEan7eNMW5wnqcjX+woy4XRlZiKfiqR',
      '8id19xnABphNmP3Yr9WQD8QlU/j1kTYxBaWw7m/BcE1HDNGREaqtYB26zrEnGFxZhulmUli+6XasWeTlWwUI+cfarfz7Uit0',
      'zR5bIEL53VM9+ClkCTuAyyps37U78MS9Ll+qDz5LZkKQEw7/EJP4cXhZ+AvN/5UoRg+p/Hze+5owLlbAj4Xzg4HAZcQlU/j1',
      'kTYxBaWw7m/BcE1HDNGREaqtYB26zrEnGFxZhulmUli+6XasWeTlWwUI+cfarfz7Uit0zR5bIEL53VM9+ClkCTuAyyps37U7',
      '8MS9Ll+qDz5LZkKQEw7/EJP4cXhZ+AvN/5UoRg+p/Hze+5owLlbAj4Xzg4HAZcQlUQ8/sp//EAErAOxzU6f9vq58MRqft40x',
      'bnCepyNf7CjLhdGVmIp+KpHyJ3X3GcAGmE2Y/div1ZAPxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7p',
      'dqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77',
      'mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsg',
      'QvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVRDz+yn/8Q',
      'ASsA7HNTp/2+rnwxGp+3jTFucJ6nI1/sKMuF0ZWYin4qkfIndfcZwAaYTZj92K/VkA/EJVP49ZE2MQWlsO5vwXBNRwzRkRGq',
      'rWAdus6xJxhcWYbpZlJYvul2rFnk5VsFCPnH2q38+1IrdM0eWyBC+d1TPfgpZAk7gMsqbN+1O/DEvS5fqg8+S2ZCkBMO/xCT',
      '+HF4WfgLzf+VKEYPqfx83vuaMC5WwI+F84OBwGXEJVP49ZE2MQWlsO5vwXBNRwzRkRGqrWAdus6xJxhcWYbpZlJYvul2rFnk',
      '5VsFCPnH2q38+1IrdM0eWyBC+d1TPfgpZAk7gMsqbN+1O/DEvS5fqg8+S2ZCkBMO/xCT+HF4WfgLzf+VKEYPqfx83vuaMC5W',
      'wI+F84OBwGXEJVEPP7Kf/xABKwDsc1On/b6ufDEan7eNMW5wnqcjX+woy4XRlZiKfiqR8id19xnABphNmP3Yr9WQD8QlU/j1',
      'kTYxBaWw7m/BcE1HDNGREaqtYB26zrEnGFxZhulmUli+6XasWeTlWwUI+cfarfz7Uit0zR5bIEL53VM9+ClkCTuAyyps37U7',
      '8MS9Ll+qDz5LZkKQEw7/EJP4cXhZ+AvN/5UoRg+p/Hze+5owLlbAj4Xzg4HAZcQlU/j1kTYxBaWw7m/BcE1HDNGREaqtYB26',
      'zrEnGFxZhulmUli+6XasWeTlWwUI+cfarfz7Uit0zR5bIEL53VM9+ClkCTuAyyps37U78MS9Ll+qDz5LZkKQEw7/EJP4cXhZ',
      '+AvN/5UoRg+p/Hze+5owLlbAj4Xzg4HAZcQlUQ8/sp//EAErAOxzU6f9vq58MRqft40xbnCepyNf7CjLhdGVmIp+KpHyJ3X3',
      'GcAGmE2Y/div1ZAPxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsg',
      'QvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEF',
      'pbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0u',
      'X6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVRDz+yn/8QASsA7HNTp/2+rnwxGp+3jTFucJ6n',
      'I1/sKMuF0ZWYin4qkfIndfcZwAaYTZj92K/VkA/EJVP49ZE2MQWlsO5vwXBNRwzRkRGqrWAdus6xJxhcWYbpZlJYvul2rFnk',
      '5VsFCPnH2q38+1IrdM0eWyBC+d1TPfgpZAk7gMsqbN+1O/DEvS5fqg8+S2ZCkBMO/xCT+HF4WfgLzf+VKEYPqfx83vuaMC5W',
      'wI+F84OBwGXEJVP49ZE2MQWlsO5vwXBNRwzRkRGqrWAdus6xJxhcWYbpZlJYvul2rFnk5VsFCPnH2q38+1IrdM0eWyBC+d1T',
      'PfgpZAk7gMsqbN+1O/DEvS5fqg8+S2ZCkBMO/xCT+HF4WfgLzf+VKEYPqfx83vuaMC5WwI+F84OBwGXEJVEPP7Kf/xABKwDs',
      'c1On/b6ufDEan7eNMW5wnqcjX+woy4XRlZiKfiqR8id19xnABphNmP3Yr9WQD8QlU/j1kTYxBaWw7m/BcE1HDNGREaqtYB26',
      'zrEnGFxZhulmUli+6XasWeTlWwUI+cfarfz7Uit0zR5bIEL53VM9+ClkCTuAyyps37U78MS9Ll+qDz5LZkKQEw7/EJP4cXhZ',
      '+AvN/5UoRg+p/Hze+5owLlbAj4Xzg4HAZcQlU/j1kTYxBaWw7m/BcE1HDNGREaqtYB26zrEnGFxZhulmUli+6XasWeTlWwUI',
      '+cfarfz7Uit0zR5bIEL53VM9+ClkCTuAyyps37U78MS9Ll+qDz5LZkKQEw7/EJP4cXhZ+AvN/5UoRg+p/Hze+5owLlbAj4Xz',
      'g4HAZcQlUQ8/soAHdgAEALdp/HQAAAAAvuMD9v/N/iAAAekTgICACAfOauyxxGf7AgAAAAAEWVo='
    ),
    lzma: b64(
      'XQAAgAD//////////wAAb/3//6O3/0c+SBVyOWFRuJIo5qOGB/nu5B6C0y/FOjwBS7F+yYqKTS+jDdl/puOMIxFT4FkYxXWK',
      '4nf4tpR/DGrA3nRJZOLpXFOyBNj3RAyrXw1tRunlw3aIt5ZXrLZN4Wkdb/tLiBBsQsuIP1wAj9BOryYolHEfPY8k4XCepyNf',
      '7CjLhdGVmIp+KpHyJ3X3GcAGmE2Y/div1ZAPxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVb',
      'BQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCP',
      'hfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34',
      'KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8Fw',
      'TUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktm',
      'QpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZS',
      'WL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8',
      'fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TN',
      'HlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWR',
      'NjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvw',
      'xL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrO',
      'sScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4',
      'C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5',
      'x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfOD',
      'gcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJ',
      'O4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM',
      '0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpAT',
      'Dv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7p',
      'dqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77',
      'mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsg',
      'QvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEF',
      'pbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0u',
      'X6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScY',
      'XFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/',
      'lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt',
      '/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBl',
      'xCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DL',
      'KmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZER',
      'qq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Q',
      'k/hxeFn4C83/lShGD6n8fN77mjAuVsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ',
      '5OVbBQj5x9qt/PtSK3TNHlsgQvndUz34KWQJO4DLKmzftTvwxL0uX6oPPktmQpATDv8Qk/hxeFn4C83/lShGD6n8fN77mjAu',
      'VsCPhfODgcBlxCVT+PWRNjEFpbDub8FwTUcM0ZERqq1gHbrOsScYXFmG6WZSWL7pdqxZ5OVbBQj5x9qt/PtSK3TNHlsd4C30',
      '///194AA'
    )
  },
  joblib: {
    zlib: b64(
      'eF51kk1v0zAYx5s2XbqMrt06BhIIIYRQuQRx2wGpQ9wI6kQu9IIix/XqQN4e2xGqNKRx2NZKvuF+Nr4G3wCcxAMVCR/8ex75',
      'efPfvrQ3P1rN+qrG0sY5OVdy9CmPkjjysjItlmER488JUfJgWrmvGUPLDwwVBWHqu3r+TVWJPV5GOEGcK9mts5R0sjmqYnWQ',
      '7HKKCqL8jm9fay9nc50srTfanoulPqE9OtBx7fMTtV7dqECN/Y60XqnpdPr2l1715reEiqSLkiT/EqYpKtRKPmhmrDuFKIkX',
      'WUoyEUZLQbjyh2XUrzL/LHNXg58TY5w27BkODY8M7xs+NHxs+MTwqeGz080LU1HuxpkgDJNCKGo3KlGHunTP71wp2qf7dEBH',
      '9HhF71VTOmbC7fn+epv3t3WdWmZ9uf9WHcr22ZaMF//IONEy0uN10/myjWsJPZwz4qVlIuJaTDdkBOcZF6zEwoVWE+WaR3XB',
      '8ltX0MYhzucEc5dkleFCZ2bpSSOwZzuaCRJx9hK617ATgHMDvQB2x76lJQDXFKzf34W9WVvHn53AHf3+0A9gX/+AutYFDLZ/',
      'wUTAMFp/hINxfY7g0PQc1cRwRATcjbzNo1vN7Ayl+gMfvssXMRcxDsiCEc7jPFOl9xsQ3vbT'
    ),
    gzip: b64(
      'H4sIAAAAAAAAA3WSTW/TMBjHmzZduoyu3ToGEgghhFC5BHHbAalD3AjqRC70giLH9epA3h7bEao0pHHY1kq+4X42vgbfAJzE',
      'AxUJH/x7Hvl589++tDc/Ws36qsbSxjk5V3L0KY+SOPKyMi2WYRHjzwlR8mBaua8ZQ8sPDBUFYeq7ev5NVYk9XkY4QZwr2a2z',
      'lHSyOapidZDscooKovyOb19rL2dznSytN9qei6U+oT060HHt8xO1Xt2oQI39jrReqel0+vaXXvXmt4SKpIuSJP8Spikq1Eo+',
      'aGasO4UoiRdZSjIRRktBuPKHZdSvMv8sc1eDnxNjnDbsGQ4NjwzvGz40fGz4xPCp4bPTzQtTUe7GmSAMk0IoajcqUYe6dM/v',
      'XCnap/t0QEf0eEXvVVM6ZsLt+f56m/e3dZ1aZn25/1YdyvbZlowX/8g40TLS43XT+bKNawk9nDPipWUi4lpMN2QE5xkXrMTC',
      'hVYT5ZpHdcHyW1fQxiHO5wRzl2SV4UJnZulJI7BnO5oJEnH2ErrXsBOAcwO9AHbHvqUlANcUrN/fhb1ZW8efncAd/f7QD2Bf',
      '/4C61gUMtn/BRMAwWn+Eg3F9juDQ9BzVxHBEBNyNvM2jW83sDKX6Ax++yxcxFzEOyIIRzuM8U6X3G+oOPQkDAwAA'
    ),
    bz2: b64(
      'QlpoMzFBWSZTWc31owQAASp/4v///81VYaBE6B2wwr///qZj5A4AAIBAALABmJoyGppNNTIaMU9Rho0noyQ9EaNGCA00DQMm',
      'CHqekIqPU2UeUaHqBoMgAAAAA0GgABoAGmhTSZJ6gAaBpoGRoGQAyAAANDQxKiAVLmdWp4Es4ACWUCYsiIBeCEDvI2yd9B+h',
      '2VnQBXtLB4RFSgKdIaIPBQGjKxArZnq7yMvuVX0iC+p6hM4ghEqqCUlWZGWUEKrtAuAzm6QMOldEJAVAU6dO0FLzY8pUdrgd',
      'gi4+bn6L1/A4xkNWAPiokflBwzhVJIvLAyLxPKvu5bVG+sGp8+dgO1YklCJjWph9Sht69NDPmWLSZLAKQDVEl2KBUJ42cMol',
      'apzEO1SrLEE3IDgETZXfdABD4kfQYSVllOm6gU1nGWKB6IsAqQZBxAMAsxCy9JC5u7hOHPiRqXpmrbJusS33X0QIMaxUgqu1',
      'GnkJaN7Lwp2Km1FKVO3adbO2dhwxjtCMt7P/WpCSnShEdeOZMbRHcMGaQbqLj8ILJC8NIlUFTrxIEUbjKzHnWo2rhqdHa3BA',
      '41KZLJTImkBIIIxRQVr7mmHGYU7aQiShVq1kt10nz2tsJCcdeBlAJVYMk47xqC4Beo1Y7VsOhBK3A9tM9cFibJLuqcUwaJSl',
      'eTG/6X9gANtBocn+LuSKcKEhm+tGCA=='
    ),
    lzma: b64(
      'XQAAQAD//////////wBAAQ57Z4GVmzo680tnZCrYERU2vH83C5wuzNfqSj80npin0es2efeN1xZ/ydIZ7L0IBB9pT35Gx2KN',
      'BXjm8t41TpghGzsbCXhXF5Q/wqvmRYYGQmmmOCTGs7g3U2OkBF5HZs1nQ0+GrPqGdRm1DGYGQOXSYX6GHMcqyWA08K0Vlior',
      'b/RSFVNtj95MzyVfa7LBseB1j/Gv28Ew4ZQbDIh+buIigpYmyBo2/rvHDAxuCEKJlMs9TUyYhKSW/mmto3S+oQiZziAxPrlE',
      'vjKnJjCwbPfa1QH5ma5Mkf1jDOHjaqVd6nPUw5WT6Vh9Sro4q9o5m5J+c+v8EenwoQYasku6+iroNEflTHo3rXXWOZKxr9aM',
      'fsvo+lwB/c79+8aP2+PIlRAbGx0VcGQyi5bRTMSMxJibJsAEmd7wcFjHEzxSWul5yyDlpq42cGvq47+c6lUoc6uJR4xoTCSH',
      'nttahYRhtKGObltyWmy2ch5ajl8BvZJEsgi/0xvJFxVhPbJjAthkMLDXAM2NbaEdD/EAaGf9N1kSkt085TBxtH2hk/iQQ/bP',
      'BA2pLCUCFXBazcaayd11JbZIq7GX5yQ2GPU1QPo3Uw/E/VIzkg3KxeDtUDXf2sCeenlSbwzP8uGEAzA5OWWtu9zf//Yyd14='
    ),
    xz: b64(
      '/Td6WFoAAATm1rRGAgAhARQAAAD/5+wJ4AMCAeRdAEABDntngZWbOjrzS2dkKtgRFTa8fzcLnC7M1+pKPzSemKfR6zZ5943X',
      'Fn/J0hnsvQgEH2lPfkbHYo0FeOby3jVOmCEbOxsJeFcXlD/Cq+ZFhgZCaaY4JMazuDdTY6QEXkdmzWdDT4as+oZ1GbUMZgZA',
      '5dJhfoYcxyrJYDTwrRWWKitv9FIVU22P3kzPJV9rssGx4HWP8a/bwTDhlBsMiH5u4iKClibIGjb+u8cMDG4IQomUyz1NTJiE',
      'pJb+aa2jdL6hCJnOIDE+uUS+MqcmMLBs99rVAfmZrkyR/WMM4eNqpV3qc9TDlZPpWH1Kujir2jmbkn5z6/wR6fChBhqyS7r6',
      'Kug0R+VMejetddY5krGv1ox+y+j6XAH9zv37xo/b48iVEBsbHRVwZDKLltFMxIzEmJsmwASZ3vBwWMcTPFJa6XnLIOWmrjZw',
      'a+rjv5zqVShzq4lHjGhMJIee21qFhGG0oY5uW3JabLZyHlqOXwG9kkSyCL/TG8kXFWE9smMC2GQwsNcAzY1toR0P8QBoZ/03',
      'WRKS3TzlMHG0faGT+JBD9s8EDaksJQIVcFrNxprJ3XUltkirsZfnJDYY9TVA+jdTD8T9UjOSDcrF4O1QNd/awJ56eVJvDM/y',
      '4YQDMDk5ZYbci2AAos1k0dks6bcAAYAEgwYAAKIDBNOxxGf7AgAAAAAEWVo='
    ),
    zf: b64('WkYweDFhICAgICAgICAgICAgICAgeAFrYKotZIhgZGBgSCxkjC1k0vBm9GbyZk4t1gMAS2kFgg=='),
    zfEvil: b64('WkYweDIyICAgICAgICAgICAgICAgeAFrYEouyC/OrOAqriwuSc3lKmSIYGJgYMhMKWRsLWQKKmTWAwC+DgnI')
  }
}

let tmp = ''
let n = 0
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'engine-containers-'))
})
afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

async function analyse(name: string, data: Buffer, limits: Partial<EngineLimits> = {}): Promise<FileReport> {
  const dir = path.join(tmp, `f${++n}`)
  await fs.mkdir(dir)
  const abs = path.join(dir, name)
  await fs.writeFile(abs, data)
  return analyseEntry(
    { rel: name, abs, kind: 'file', size: data.length },
    {
      limits: { ...DEFAULT_LIMITS, ...limits },
      allowedGlobals: new Set(),
      deadline: Number.POSITIVE_INFINITY
    }
  )
}

const critical = (r: FileReport) =>
  expect(r.findings).toContainEqual(
    expect.objectContaining({ rule: 'LOAD_TIME', module: 'posix', operator: 'system' })
  )
const notCritical = (r: FileReport) =>
  expect(r.findings).not.toContainEqual(expect.objectContaining({ module: 'posix' }))
const unverified = (r: FileReport, description: RegExp = /^Could not be verified/) =>
  expect(r.findings).toContainEqual(
    expect.objectContaining({ unverified: true, description: expect.stringMatching(description) })
  )
const clean = (r: FileReport) => expect(r.findings).toEqual([])

// ---- builders ----

/** A ustar archive of regular files (type '0'), or of the given type flags. */
function tar(members: [name: string, data: Buffer, type?: string][]): Buffer {
  const parts: Buffer[] = []
  for (const [name, data, type = '0'] of members) {
    const h = Buffer.alloc(512)
    h.write(name, 0, 100, 'utf8')
    h.write('0000644\0', 100)
    h.write('0000000\0', 108)
    h.write('0000000\0', 116)
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124)
    h.write('00000000000\0', 136)
    h.write(' '.repeat(8), 148)
    h.write(type, 156)
    h.write('ustar\0' + '00', 257, 'latin1')
    let sum = 0
    for (const b of h) sum += b
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
    parts.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  return Buffer.concat([...parts, Buffer.alloc(1024)])
}

/**
 * One LZ4 frame by hand (the engine does not check the header checksum byte): independent 4 MiB blocks, each
 * either stored (`raw`) or one literal zero and a match of distance 1 repeating it, then five literals.
 */
function lz4Frame(blocks: ({ raw: Buffer } | { zeros: number })[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x70, 0x00])]
  for (const b of blocks) {
    let body: Buffer
    if ('raw' in b) body = b.raw
    else {
      // token: 1 literal, match length 15 + extension; the match is zeros - 6 long (1 literal, 5 at the end)
      let rest = b.zeros - 6 - 4 - 15
      const ext: number[] = []
      for (; rest >= 255; rest -= 255) ext.push(255)
      ext.push(rest)
      body = Buffer.from([0x1f, 0, 1, 0, ...ext, 0x50, 0, 0, 0, 0, 0])
    }
    const word = Buffer.alloc(4)
    word.writeUInt32LE((('raw' in b ? 0x80000000 : 0) | body.length) >>> 0)
    parts.push(word, body)
  }
  return Buffer.concat([...parts, Buffer.alloc(4)])
}

/** `n` zero bytes compressed, streamed: the bomb is never in memory uncompressed. */
async function zeros(n: number, compressor: NodeJS.ReadWriteStream): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024)
  const source = Readable.from(
    (function* () {
      for (let left = n; left > 0; left -= chunk.length) yield chunk.subarray(0, Math.min(left, chunk.length))
    })()
  )
  const out: Buffer[] = []
  source.pipe(compressor)
  for await (const c of compressor) out.push(c as Buffer)
  return Buffer.concat(out)
}

/** The peak of ArrayBuffer memory (Buffers) above what it was before, while `run` runs. */
async function peakArrayBuffers<T>(run: () => Promise<T>): Promise<{ result: T; peak: number }> {
  const base = process.memoryUsage().arrayBuffers
  let peak = 0
  const sample = () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - base))
  const timer = setInterval(sample, 2)
  try {
    const result = await run()
    sample()
    return { result, peak }
  } finally {
    clearInterval(timer)
  }
}

const cut = (b: Buffer, fraction: number) => b.subarray(0, Math.floor(b.length * fraction))

// ---- the compressed formats ----

const COMPRESSED = {
  gzip: { name: 'model.pkl.gz', make: (d: Buffer) => gzipSync(d) },
  zlib: { name: 'model.joblib', make: (d: Buffer) => deflateSync(d, { level: 3 }) },
  bzip2: { name: 'model.pkl.bz2', vectors: 'bzip2' },
  xz: { name: 'model.pkl.xz', vectors: 'xz' },
  lzma: { name: 'model.pkl.lzma', vectors: 'lzma' },
  lz4: { name: 'model.pkl.lz4', vectors: 'lz4' }
} as const

function compressed(format: keyof typeof COMPRESSED, which: 'benign' | 'evil' | 'evilLong'): Buffer {
  const c = COMPRESSED[format]
  if ('make' in c) return c.make({ benign: BENIGN, evil: EVIL, evilLong: EVIL_LONG }[which])
  return VECTORS[which][c.vectors]
}

describe.each(Object.keys(COMPRESSED) as (keyof typeof COMPRESSED)[])('%s', (format) => {
  const { name } = COMPRESSED[format]

  it('holds a benign pickle: it passes, the format listed', async () => {
    const r = await analyse(name, compressed(format, 'benign'))
    clean(r)
    expect(r.formats).toEqual(expect.arrayContaining([format, 'pickle']))
  })

  it('holds a malicious pickle: its call is a load-time finding', async () => {
    critical(await analyse(name, compressed(format, 'evil')))
    critical(await analyse(name, compressed(format, 'evilLong')))
  })

  it('is cut short: not verified, and the call decoded before the cut is still found', async () => {
    const whole = compressed(format, 'evilLong')
    const r = await analyse(name, cut(whole, 0.7))
    unverified(r)
    critical(r)
    // nothing decodes from the first bytes alone
    unverified(await analyse(name, cut(whole, 0.05)))
  })

  it('is corrupt in the middle: not verified', async () => {
    const bad = Buffer.from(compressed(format, 'evilLong'))
    for (let i = Math.floor(bad.length * 0.4); i < bad.length * 0.6; i++) bad[i] = bad[i]! ^ 0x5a
    const r = await analyse(name, bad)
    unverified(r)
  })
})

describe('lz4 blocks', () => {
  it('an uncompressed block (the high bit of its size) is read as is', async () => {
    const r = await analyse('model.pkl.lz4', lz4Frame([{ raw: EVIL }]))
    critical(r)
    expect(r.formats).toEqual(expect.arrayContaining(['lz4', 'pickle']))
  })
})

describe('joblib', () => {
  it.each(['zlib', 'gzip', 'bz2', 'lzma', 'xz'] as const)(
    'a joblib.dump(..., compress="%s") of arrays and a string passes',
    async (c) => {
      const r = await analyse('model.joblib', VECTORS.joblib[c])
      clean(r)
      expect(r.formats).toEqual(expect.arrayContaining(['pickle', 'joblib']))
    }
  )

  it('reads the ZF files of joblib before 0.10 (numpy_pickle_compat.write_zfile)', async () => {
    const benign = await analyse('model.joblib', VECTORS.joblib.zf)
    clean(benign)
    expect(benign.formats).toEqual(expect.arrayContaining(['zlib', 'joblib', 'pickle']))
    critical(await analyse('model.joblib', VECTORS.joblib.zfEvil))
    // a length field that is no number: joblib fails, the engine does not guess
    const broken = Buffer.from(VECTORS.joblib.zfEvil)
    broken.write('0xzz', 2, 'latin1')
    const r = await analyse('model.joblib', broken)
    unverified(r, /ZF/)
    notCritical(r)
  })

  it("reads joblib 0.9's array files (`<pickle>_01.npy.z`, raw bytes in ZF) as data, not as a broken .npy", async () => {
    const raw = Buffer.alloc(64, 0x3f)
    const deflated = deflateSync(raw)
    const zf = Buffer.concat([
      // write_zfile: b'ZF', then hex(len(data)) padded to 19 characters, then zlib
      Buffer.from(`ZF${`0x${raw.length.toString(16)}`.padEnd(19, ' ')}`, 'latin1'),
      deflated
    ])
    clean(await analyse('model.pkl_01.npy.z', zf))
  })
})

describe('bombs', () => {
  it.each([
    ['bzip2', 'model.pkl.bz2', VECTORS.bomb.bzip2],
    ['xz', 'model.pkl.xz', VECTORS.bomb.xz],
    ['lzma', 'model.pkl.lzma', VECTORS.bomb.lzma],
    ['lz4', 'model.pkl.lz4', lz4Frame([{ zeros: 4 << 20 }, { zeros: 4 << 20 }, { zeros: 4 << 20 }])]
  ])('a %s stream of 12-16 MiB of zeros stops at a 1 MiB member limit', async (_format, name, data) => {
    const r = await analyse(name, data, { memberBytes: 1 << 20 })
    unverified(r, /a limit was reached \(the \w+ data decompresses to more than 1048576 bytes\)/)
  })

  it('a gzip bomb and a zip bomb stop at the member limit, their output never held', async () => {
    const size = 320 * 1024 * 1024
    const limit = 256 * 1024 * 1024
    const gz = await zeros(size, createGzip({ level: 1 }))
    const deflated = await zeros(size, createDeflateRaw({ level: 1 }))
    const zip = buildZip({
      members: [{ name: 'archive/data.pkl', method: 8, raw: deflated, uncompressedSize: size, crc: 0 }]
    })
    for (const [name, data] of [
      ['model.pkl.gz', gz],
      ['model.pt', zip]
    ] as const) {
      const { result, peak } = await peakArrayBuffers(() => analyse(name, data, { memberBytes: limit }))
      unverified(result, /a limit was reached/)
      // a member was inflated into one Buffer of the limit's size before; now it is decoded and dropped
      expect(peak).toBeLessThan(128 * 1024 * 1024)
    }
  })
})

describe('tar', () => {
  it('analyses every member, as zip members are', async () => {
    const archive = tar([
      ['README.md', Buffer.from('# a model\n')],
      ['model/weights.pkl', BENIGN],
      ['model/extra.pkl', EVIL]
    ])
    const r = await analyse('model.tar', archive)
    critical(r)
    expect(r.formats).toEqual(expect.arrayContaining(['tar', 'pickle']))
    clean(await analyse('model.tar', tar([['model/weights.pkl', BENIGN]])))
  })

  it('is opened inside gzip (a .tar.gz)', async () => {
    const r = await analyse('model.tar.gz', gzipSync(tar([['model/extra.pkl', EVIL]])))
    critical(r)
    expect(r.formats).toEqual(expect.arrayContaining(['gzip', 'tar', 'pickle']))
  })

  it('a header that stops tarfile is not verified, and what follows it is not a pass', async () => {
    const archive = tar([
      ['a.pkl', BENIGN],
      ['b.pkl', EVIL]
    ])
    archive[512 * 2 + 148] = 0x37 // the second header's checksum
    unverified(await analyse('model.tar', archive), /header at offset 1024 is not valid/)
  })

  it('a member named to escape the extraction directory is an archive anomaly', async () => {
    const r = await analyse('model.tar', tar([['../../outside.pkl', BENIGN]]))
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        threat: 'PAIT-ARV-100',
        description: expect.stringMatching(/path traversal/)
      })
    )
  })
})

describe("PyTorch's legacy tar format", () => {
  const long = (n: number) => {
    const b = Buffer.alloc(8)
    b.writeBigInt64LE(BigInt(n))
    return b
  }
  const p2 = (body: string) => Buffer.from(`\x80\x02${body}.`, 'latin1')
  // torch.load's legacy_load: `storages` (a count, then per storage its key, location and class, an int64
  // element count and the elements, then the views), `tensors` (a count, then per tensor a pickle, ndim,
  // 4 bytes, sizes, strides, offset), and `pickle`, unpickled once; `sys_info` is never read
  const storages = Buffer.concat([
    p2('K\x01'),
    p2('X\x01\x00\x00\x000X\x03\x00\x00\x00cpuctorch\nFloatStorage\n\x87'),
    long(3),
    Buffer.alloc(12, 0x3f),
    p2(']')
  ])
  const tensors = Buffer.concat([
    p2('K\x01'),
    p2('X\x01\x00\x00\x001X\x01\x00\x00\x000ctorch\nFloatStorage\n\x87'),
    Buffer.from(Int32Array.of(1, 0).buffer),
    long(3),
    long(1),
    long(0)
  ])
  const legacy = (main: Buffer) =>
    tar([
      ['sys_info', BENIGN],
      ['pickle', main],
      ['storages', storages],
      ['tensors', tensors]
    ])

  it('reads storages and tensors as torch.load does, and passes a benign checkpoint', async () => {
    const r = await analyse('model.pt', legacy(BENIGN))
    // .pt claims tar (torch.save's oldest format): no finding at all
    expect(r.findings).toEqual([])
    expect(r.formats).toEqual(expect.arrayContaining(['tar', 'pytorch_tar']))
    clean(await analyse('model.tar', legacy(BENIGN)))
  })

  it('finds the call in a malicious `pickle` member', async () => {
    critical(await analyse('model.pt', legacy(EVIL)))
  })

  it('walks every record pickle: a call hidden in a storage record is found', async () => {
    const hidden = Buffer.concat([p2('K\x01'), EVIL, long(3), Buffer.alloc(12), p2(']')])
    const r = await analyse(
      'model.pt',
      tar([
        ['pickle', BENIGN],
        ['storages', hidden],
        ['tensors', tensors]
      ])
    )
    critical(r)
  })

  it('storage data that cannot be placed is not verified', async () => {
    const r = await analyse(
      'model.pt',
      tar([
        ['pickle', BENIGN],
        ['storages', Buffer.concat([storages.subarray(0, storages.length - 20), long(1 << 30)])],
        ['tensors', tensors]
      ])
    )
    unverified(r)
  })
})

describe('nesting', () => {
  const nested = () =>
    buildZip({ members: [{ name: 'bundle/model.tar', data: tar([['inner/model.pkl.gz', gzipSync(EVIL)]]) }] })

  it('a gzip inside a tar inside a zip is opened within the archive depth', async () => {
    const r = await analyse('bundle.zip', nested())
    critical(r)
    expect(r.formats).toEqual(expect.arrayContaining(['zip', 'tar', 'gzip', 'pickle']))
  })

  it('and is not verified past it', async () => {
    const r = await analyse('bundle.zip', nested(), { archiveDepth: 1 })
    unverified(r, /nested more than 1 deep/)
    notCritical(r)
  })
})

describe('containers the engine does not open', () => {
  it.each([
    ['7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
    ['rar', Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1')],
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0])]
  ])('%s is not verified', async (_format, magic) => {
    unverified(
      await analyse('model.bin', Buffer.concat([magic, EVIL])),
      /archive, which the engine does not open/
    )
  })
})
