// Environment switches read without assuming Node (the engine also runs in browsers, where there is none).

/** The value of environment variable `name`, or undefined outside Node or when unset. */
export function envFlag(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}
