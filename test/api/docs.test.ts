import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/contract';
import { procedures } from '../../src/main/api/procedures';

describe('docs/api.md', () => {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  it('documents every procedure of the contract, with the role the API enforces', () => {
    for (const name of Object.keys(contract) as (keyof typeof procedures)[]) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `${name} missing from docs/api.md`).toBeDefined();
      expect(row!.split('|')[2].trim()).toBe(procedures[name].role);
    }
  });
  it('has a handler for every procedure in the contract and nothing else', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(contract).sort());
  });
});
