// Errors of dataset loaders that read one file: whatever fails while turning its contents into a
// dataset says which file it was (issue 19: "the message names the file").

/** Runs `build`; an Error whose message does not yet name `file` is rethrown prefixed with it. */
export function namingFile<T>(file: string | undefined, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (!file || !(e instanceof Error) || e.message.includes(file)) throw e;
    throw new Error(`${file}: ${e.message}`);
  }
}
