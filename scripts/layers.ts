// The stage order of the code base and the check that no import runs against it.
// Lower stages never import higher ones: numbers+model → extractors → normalizers → scoring → reporters →
// pipeline/store/queue/bin/web. Rubric data (scoring/rubrics) never imports engine code (scoring/recompute, rules, engine),
// and later stages use scoring through its entry points only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export const STAGE_ORDER: Record<string, number> = {
  numbers: 0,
  model: 0,
  extractors: 1,
  normalizers: 2,
  scoring: 3,
  reporters: 4,
  pipeline: 5,
  store: 5,
  queue: 5,
  bin: 5,
  web: 5,
};

/** Folders of rubric data and the engine folders they must not reach into. */
const DATA_FOLDERS = ['scoring/rubrics/'];
const ENGINE_FOLDERS = ['scoring/recompute/', 'scoring/rules/', 'scoring/engine.ts', 'scoring/rubric/'];

/** The scoring stage's public faces; its recompute/ and rules/ are internal to it. */
const SCORING_ENTRY_POINTS = ['scoring/engine.ts', 'scoring/rule.ts', 'scoring/rubrics/'];

export interface LayerViolation {
  file: string;
  imports: string;
  reason: string;
}

/** Tests and test helpers may import anything: they exercise the stages, they are not one. */
function isExempt(file: string): boolean {
  return /\.test\.ts$/.test(file) || file.split('/').includes('testing');
}

function stageOf(file: string): number | undefined {
  return STAGE_ORDER[file.split('/')[0]];
}

export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** One import checked against the stage order; null when it is allowed. */
export function violationOf(file: string, target: string): string | null {
  const from = stageOf(file);
  const to = stageOf(target);
  if (from != null && to != null && to > from) return `stage ${file.split('/')[0]} imports the later stage ${target.split('/')[0]}`;
  if (!file.startsWith('scoring/') && target.startsWith('scoring/') && !SCORING_ENTRY_POINTS.some((e) => target.startsWith(e))) {
    return 'reaches into the scoring stage past its entry points (engine.ts, rule.ts, rubrics/)';
  }
  if (DATA_FOLDERS.some((d) => file.startsWith(d)) && ENGINE_FOLDERS.some((e) => target.startsWith(e))) {
    return 'rubric data imports engine code';
  }
  return null;
}

export function checkLayers(root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of tsFiles(root, root)) {
    if (isExempt(file)) continue;
    for (const spec of importsOf(readFileSync(join(root, file), 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      const reason = violationOf(file, target);
      if (reason) violations.push({ file, imports: target, reason });
    }
  }
  return violations;
}

function tsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(root, path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}


