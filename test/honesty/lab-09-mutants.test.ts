import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hiddenMutants } from '../labs/09-testing-before-release.hidden.mutants/index.ts';
import { visibleMutants } from '../labs/09-testing-before-release.mutants/index.ts';
import { givenClientSource, mutate } from '../labs/support/lab-09/mutant.ts';

/**
 * Lab 09 grades a test suite by the mutants of the given client it catches. A mutant whose edits
 * no longer fit the client, or that does not parse, would make a check fail for every learner.
 */
const source = givenClientSource();
const all = [...visibleMutants, ...hiddenMutants];

describe('lab 09 mutants', () => {
  it('are at least ten, each listed once under its own file name', () => {
    const files = ['09-testing-before-release.mutants', '09-testing-before-release.hidden.mutants'].flatMap((dir) =>
      readdirSync(join(import.meta.dirname, '../labs', dir)).filter((file) => file !== 'index.ts').map((file) => file.replace(/\.ts$/, '')),
    );
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.map((m) => m.id).sort()).toEqual(files.sort());
  });

  it.each(all.map((m) => [m.id, m] as const))('%s changes the given client and still parses', (_, mutant) => {
    const mutated = mutate(source, mutant);
    expect(mutated).not.toBe(source);
    const { diagnostics } = ts.transpileModule(mutated, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    expect(diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('read as distinct mistakes', () => {
    expect(new Set(all.map((m) => m.mistake)).size).toBe(all.length);
  });
});
