// Races a piece of extraction work against a deadline; the loser is left to finish in the
// background (mammoth and exceljs cannot be cancelled) but its result is ignored.
import { JixiaoError } from '../model/index.ts';

export function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JixiaoError('timeout', message)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
