/** Everything a command touches outside its arguments, so tests can run the real command in-process. */
export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The environment the command sees (credential variables, HOME). */
  env: Readonly<Record<string, string | undefined>>;
  /** Epoch ms. */
  now: () => number;
};
