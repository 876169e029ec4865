/** Everything a command touches outside its arguments, so tests can run the real command in-process. */
export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The environment the command sees (credential variables, HOME). */
  env: Readonly<Record<string, string | undefined>>;
  /** Epoch ms. */
  now: () => number;
  /**
   * A secret typed by the operator (a password): from a terminal without echo, else the first line of stdin;
   * null when stdin has none.
   */
  readSecret: (prompt: string) => Promise<string | null>;
};
