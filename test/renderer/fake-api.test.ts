import { describe, expect, it, vi } from 'vitest';
import { answer, fakeApi } from './fake-api';
import { shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});

const SETTINGS = shopSettings();

describe('renderer fakes are typed by the contract', () => {
  it('answers the procedures it was given and refuses the others', async () => {
    const api = fakeApi({ 'settings.get': () => SETTINGS, 'printing.jobs': (input) => (input.limit === 1 ? [] : []) });
    await expect(api('settings.get', {})).resolves.toEqual(SETTINGS);
    await expect(api('printing.jobs', { limit: 1 })).resolves.toEqual([]);
    await expect(api('shifts.current', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not compile a fake that leaves out a field, adds a wrong one, or names no procedure', () => {
    const { shopName: _dropped, ...missingShopName } = SETTINGS;
    // `npm run typecheck` (tsconfig.web.json includes test/renderer) fails if any of these compiles.
    // @ts-expect-error settings.get without shopName is not what the server sends
    fakeApi({ 'settings.get': () => missingShopName });
    // @ts-expect-error timeZone is a string, not a number
    answer('settings.get', { ...SETTINGS, timeZone: 8 });
    // @ts-expect-error there is no such procedure
    fakeApi({ 'settings.fetch': () => SETTINGS });
    expect(missingShopName).not.toHaveProperty('shopName');
  });
});
