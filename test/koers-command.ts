/** Runs the real `koers` command (bin/koers.mjs) in a child process, as an administrator would on the server. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const KOERS_BIN = new URL('../bin/koers.mjs', import.meta.url).pathname;

export interface KoersRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runKoers(env: NodeJS.ProcessEnv, ...args: string[]): Promise<KoersRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [KOERS_BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as KoersRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
