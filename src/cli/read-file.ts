/**
 * Reads a file named on the command line, within the size Koers accepts for
 * it: a larger file is refused before it is read, as the web app refuses a
 * larger body, so `koers` never holds a file of any size in memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { ValidationError } from '../domain/errors.js';
import { formatMegabytes } from '../features/measurements/measurement-cells.js';

export async function readFileWithin(file: string, maxBytes: number, what: string): Promise<Buffer> {
  try {
    const { size } = await stat(file);
    if (size > maxBytes) {
      throw new ValidationError(`${file} is te groot`, [
        { path: file, message: `${what} mag hoogstens ${formatMegabytes(maxBytes)} zijn; dit bestand is ${formatMegabytes(size)}` },
      ]);
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(`Kan ${file} niet lezen`, [{ path: file, message: (error as NodeJS.ErrnoException).code ?? String(error) }]);
  }
}
