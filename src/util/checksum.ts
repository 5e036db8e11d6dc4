/**
 * One line as GNU `sha256sum` writes it: a name with a backslash or a line break is escaped and the line
 * marked with a leading backslash, so no file name can pass for another line (or a different set of files
 * for the same digest).
 */
export function checksumLine(sha256: string, name: string): string {
  if (!/[\\\n\r]/.test(name)) return `${sha256}  ${name}\n`
  const escaped = name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
  return `\\${sha256}  ${escaped}\n`
}
