/**
 * The README's set-up section against the facts it states: the Node minimum is package.json's,
 * command 2 repeats command 1's install, `npm start` runs a foreground server (stopped with
 * Ctrl-C), and nothing but `npm run fixtures` (and the optional metafor timing of the benchmark)
 * calls R. A change to the scripts that makes the README wrong fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const setup = readme.slice(readme.indexOf('## The two commands'), readme.indexOf('\n## ', readme.indexOf('## The two commands') + 1));
const oneLine = setup.replace(/\s+/g, ' ');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('README set-up section', () => {
  it('states package.json’s Node minimum and where Node comes from on a Debian whose own is older', () => {
    const minimum = pkg.engines.node.replace(/^>=\s*/, '');
    expect(setup).toContain(`Node ≥ ${minimum}`);
    expect(oneLine).toMatch(/NodeSource/);
    expect(oneLine).toMatch(/nvm/);
  });

  it('says that command 2 includes command 1’s install, as its code does', () => {
    const block = setup.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
    const lines = block.split('\n');
    // The command is the line under its "# n." comment.
    const command = (n: number) => lines[lines.findIndex((line) => line.startsWith(`# ${n}.`)) + 1] ?? '';
    const install = command(1).split('&&')[0]?.trim();
    expect(install).toBe('npm ci');
    expect(command(2).split('&&').map((s) => s.trim())).toContain(install);
    expect(oneLine).toMatch(/command 2 does command 1's install \(`npm ci`\)/);
  });

  it('says that `npm start` keeps the terminal until Ctrl-C, as a foreground preview server does', () => {
    expect(pkg.scripts.start).toMatch(/vite preview/);
    expect(pkg.scripts.start).not.toMatch(/&\s*$|nohup|--background/);
    expect(oneLine).toMatch(/`npm start` keeps the terminal.*Ctrl-C/);
  });

  it('says that R is needed only for `npm run fixtures`, and only that script (and the optional metafor timing) calls R', () => {
    expect(Object.entries(pkg.scripts).filter(([, command]) => /\bRscript\b/.test(command)).map(([name]) => name)).toEqual(['fixtures']);
    // Code that starts R: the string 'Rscript' as a program name, outside comments.
    const callers = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'tests')), ...filesUnder(join(root, 'scripts'))]
      .filter((f) => /\.(ts|tsx|mjs|js|sh)$/.test(f))
      .filter((f) => /['"`]Rscript['"`]/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map((f) => relative(root, f))
      // This file names the program in its own patterns.
      .filter((f) => f !== 'tests/docs/readme-setup.test.ts');
    expect(callers).toEqual(['scripts/bench-engine.mjs']);
    expect(oneLine).toMatch(/R is not needed to run or test the app/);
    expect(oneLine).toMatch(/Only `npm run fixtures`.*needs R/);
  });
});
