// Runs the README's "Example" section as written, top to bottom, against a service on a fresh
// database (TRANSLATIONS_ADDRESS), from the repository root, and checks every promise it makes:
// each `# -> text` comment must match a line of what the commands printed, in order. In a promise,
// `<...>` stands for any text and `<id>` for a release id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shell blocks of the README section headed `## Example`, in order. */
function exampleBlocks() {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Example\n');
  assert.ok(start >= 0, 'the README has an Example section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** A promise as a regular expression over one printed line. */
function promise(text) {
  const pattern = text.split(/(<[^>]*>)/).map((part) => {
    if (part === '<id>') return '[0-9a-f]{32}';
    if (/^<[^>]*>$/.test(part)) return '.*?';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return new RegExp(pattern);
}

test('the README example runs top to bottom as written and prints what its comments promise', { timeout: 600_000 }, () => {
  const blocks = exampleBlocks();
  assert.ok(blocks.length > 0, 'the Example section has shell blocks');
  const script = path.join(mkdtempSync(path.join(os.tmpdir(), 'readme-example-')), 'example.sh');
  writeFileSync(script, `set -euo pipefail\n${blocks.join('\n')}`);

  // Errors the example shows go to standard error: one stream keeps them in order with the rest.
  const run = spawnSync('bash', ['-c', 'exec bash "$0" 2>&1', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: process.env });
  assert.equal(run.status, 0, `the example failed (exit ${run.status}):\n${run.stdout}`);

  const lines = run.stdout.split('\n');
  const promises = blocks.join('\n').split('\n').filter((line) => line.startsWith('# -> ')).map((line) => line.slice(5));
  assert.ok(promises.length > 0, 'the example promises what it prints');
  let at = 0;
  for (const text of promises) {
    const expected = promise(text);
    const found = lines.findIndex((line, i) => i >= at && expected.test(line));
    assert.ok(found >= 0, `the example promises "${text}", which was not printed after line ${at}:\n${lines.slice(at).join('\n')}`);
    at = found + 1;
  }
});
