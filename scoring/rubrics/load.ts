// Reads the shipped rubric files (scoring/rubrics/*.json) once, and rubric files named by --rubric.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RubricSchema, type Rubric } from './schema.ts';

const RUBRIC_DIR = dirname(fileURLToPath(import.meta.url));

let shipped: Rubric[] | null = null;

/** Every shipped rubric, parsed and validated; a broken file throws with its name. */
export function shippedRubrics(): Rubric[] {
  shipped ??= readdirSync(RUBRIC_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseRubric(readFileSync(join(RUBRIC_DIR, f), 'utf8'), f));
  return shipped;
}

export function parseRubric(json: string, name: string): Rubric {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`评分规则文件 ${name} 不是合法的 JSON：${(error as Error).message}`);
  }
  const parsed = RubricSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`评分规则文件 ${name} 格式不对：${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

/** A rubric by shipped id, or by path to a JSON file. */
export function resolveRubric(idOrFile: string): Rubric {
  const byId = shippedRubrics().find((r) => r.id === idOrFile);
  if (byId) return byId;
  if (/\.json$/i.test(idOrFile)) return parseRubric(readFileSync(idOrFile, 'utf8'), idOrFile);
  const ids = shippedRubrics().map((r) => r.id).join('、');
  throw new Error(`找不到评分规则“${idOrFile}”；可用的有：${ids}，或给出 JSON 文件路径`);
}
