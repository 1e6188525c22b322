// No input ever becomes markup: no source file of the app or its library
// writes HTML from a string (innerHTML, outerHTML, insertAdjacentHTML,
// document.write, dangerouslySetInnerHTML), and ESLint rejects any that is added.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/testing/fixtures.ts';

const HTML_SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write(ln)?)\b/;
const THIS_FILE = path.join('web', 'app', 'noHtmlSinks.test.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|tsx|js|jsx|html)$/.test(e.name) && rel !== THIS_FILE ? [rel] : [];
  });
}

describe('no HTML sinks', () => {
  it('no source file of the app, the library, the CLI or index.html uses one', () => {
    const files = [...sourceFiles('web'), 'index.html'];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((f) =>
      readFileSync(path.join(REPO_ROOT, f), 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => HTML_SINKS.test(line))
        .map(([line, i]) => `${f}:${i + 1}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('ESLint rejects each of them in app code', async () => {
    const eslint = new ESLint({ cwd: REPO_ROOT });
    const code = [
      'export function A({ s }: { s: string }) {',
      '  const el = document.createElement("div");',
      '  el.innerHTML = s;',
      '  el.outerHTML = s;',
      '  el.insertAdjacentHTML("beforeend", s);',
      '  return <div dangerouslySetInnerHTML={{ __html: s }} />;',
      '}',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, 'web/app/Hostile.tsx') });
    const sinks = result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
    expect(sinks).toEqual([3, 4, 5, 6]);
  }, 30_000);
});
