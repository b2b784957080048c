/**
 * Sistem → Kantor pusat and Sistem → Jaringan kasir (audit):
 * - "Uji & simpan" with every field empty showed "Data belum benar — outletCode: Kode outlet…" in
 *   the left card: now each problem is under its own field, in words, with no internal names, and
 *   a connection the head office refused says so instead of "Data belum benar";
 * - a cashier's shift opened today on a till code no paired device holds was called a shift "dari
 *   kode kasir lama … sebelum pembaruan"; the host-mode panel told a shop to run a developer command.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { CentralScreen } from '../../src/renderer/src/features/system/central-screen';
import { TillsScreen } from '../../src/renderer/src/features/system/tills-screen';
import type { CentralStatus } from '../../src/shared/types-outlets';
import type { ProcedureInput } from '../../src/shared/contract';
import { callMock, fakeApi, type FakeProcedures } from './fake-api';
import { shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/renderer/src/api')>()), call: vi.fn() }));

afterEach(cleanup);
// Braces: a function returned from beforeEach is run as its teardown.
beforeEach(() => {
  callMock.mockReset();
});

const ADMIN = { user: { id: 1, name: 'Admin', role: 'admin' as const }, tillCode: 'K1' };

function show(screenEl: React.ReactNode, procedures: FakeProcedures, lang: 'id' | 'en' = 'id') {
  callMock.mockImplementation(fakeApi({ 'settings.get': () => shopSettings(), ...procedures }));
  render(
    <I18nProvider initial={lang}>
      <SessionProvider session={ADMIN} onLogout={() => undefined}>
        {screenEl}
      </SessionProvider>
    </I18nProvider>,
  );
}

/** The connection form's labels (a required one ends in " *"). */
const LABELS: Record<string, RegExp> = {
  outletCode: /^Kode outlet/,
  host: /^Alamat server/,
  port: /^Port/,
  database: /^Nama basis data/,
  user: /^Nama pengguna outlet/,
  password: /^Kata sandi/,
};
const control = (name: string) => screen.getByLabelText(LABELS[name]);

/** The message under the field `name` (by its label), when the field shows an error. */
function errorUnder(name: string): string | null {
  const el = control(name);
  if (el.getAttribute('aria-invalid') !== 'true') return null;
  const msg = document.getElementById(el.getAttribute('aria-describedby') ?? '');
  return msg?.getAttribute('role') === 'alert' ? msg.textContent : null;
}

const NOT_SET_UP: CentralStatus = {
  outletCode: null,
  codeFrozen: false,
  connection: null,
  paused: false,
  state: 'off',
  tlsInUse: null,
  lastForwardedAt: null,
  waiting: 0,
  historyToPrepare: 0,
  lastError: null,
  lastErrorAt: null,
  nextAttemptAt: null,
  restoreNotice: null,
  pruneDays: 30,
};

describe('Sistem → Kantor pusat: Uji & simpan', () => {
  let configures: ProcedureInput<'central.configure'>[];
  let refusal: unknown;
  beforeEach(() => {
    configures = [];
    refusal = null;
  });
  const centralApi: FakeProcedures = {
    'central.status': () => NOT_SET_UP,
    'central.configure': (input) => {
      configures.push(input);
      if (refusal) throw refusal;
      return { ...NOT_SET_UP, outletCode: input.outletCode, codeFrozen: true, state: 'idle' };
    },
  };
  const press = async () => {
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Uji & simpan' })));
  };
  const fillAll = () => {
    const fill = (name: string, value: string) => fireEvent.change(control(name), { target: { value } });
    fill('outletCode', 'KDI');
    fill('host', '10.0.0.5');
    fill('database', 'kasir_pusat');
    fill('user', 'outlet_kdi');
    fill('password', 'rahasia');
  };

  it('with every field empty, says what is missing under each field, with no internal names, and contacts nobody', async () => {
    show(<CentralScreen />, centralApi);
    await screen.findByRole('button', { name: 'Uji & simpan' });
    await press();
    expect(errorUnder('outletCode')).toBe('Wajib diisi');
    expect(errorUnder('host')).toBe('Wajib diisi');
    expect(errorUnder('database')).toBe('Wajib diisi');
    expect(errorUnder('user')).toBe('Wajib diisi');
    expect(errorUnder('password')).toBe('Wajib diisi');
    expect(errorUnder('port')).toBeNull();
    expect(document.body.textContent).not.toContain('Data belum benar');
    expect(document.body.textContent).not.toContain('outletCode');
    expect(configures).toEqual([]);

    // A wrong code is explained under its field; typing in a field takes its message away.
    fireEvent.change(control('outletCode'), { target: { value: 'K' } });
    expect(errorUnder('outletCode')).toBeNull();
    await press();
    expect(errorUnder('outletCode')).toBe('Kode outlet 2–8 huruf besar atau angka, misalnya KDI atau WKT');
    expect(configures).toEqual([]);
  });

  it('puts every input problem the server lists under its own field, without the field names', async () => {
    refusal = new ApiError('VALIDATION', 'outletCode: Kode outlet 2–8 huruf besar/angka, misalnya KDI atau WKT', {
      field: 'outletCode',
      issues: [
        { field: 'outletCode', message: 'Kode outlet 2–8 huruf besar/angka, misalnya KDI atau WKT' },
        { field: 'database', message: 'Maksimal 63 karakter' },
      ],
    });
    show(<CentralScreen />, centralApi);
    await screen.findByRole('button', { name: 'Uji & simpan' });
    fillAll();
    await press();
    expect(configures).toHaveLength(1);
    expect(errorUnder('outletCode')).toBe('Kode outlet 2–8 huruf besar/angka, misalnya KDI atau WKT');
    expect(errorUnder('database')).toBe('Maksimal 63 karakter');
    expect(document.body.textContent).not.toContain('outletCode');
    expect(document.body.textContent).not.toContain('Data belum benar');
  });

  it('says a refused connection is a connection problem, with what to check, not "Data belum benar"', async () => {
    refusal = new ApiError('VALIDATION', 'Kantor pusat tidak dapat dihubungi: koneksi ke 10.0.0.5:5432 ditolak.', { field: 'host' });
    show(<CentralScreen />, centralApi);
    await screen.findByRole('button', { name: 'Uji & simpan' });
    fillAll();
    await press();
    expect(configures).toEqual([
      { outletCode: 'KDI', host: '10.0.0.5', port: 5432, database: 'kasir_pusat', user: 'outlet_kdi', password: 'rahasia', tls: 'prefer', pruneDays: 30 },
    ]);
    const notice = screen.getByTestId('central-unreachable');
    expect(notice.textContent).toContain('Tidak bisa tersambung ke kantor pusat');
    expect(notice.textContent).toContain('Kantor pusat tidak dapat dihubungi: koneksi ke 10.0.0.5:5432 ditolak.');
    expect(notice.textContent).toContain('Periksa alamat server dan port');
    // In the connection form, next to the fields, not in the status card.
    expect(notice.closest('form')).not.toBeNull();
    expect(document.body.textContent).not.toContain('Data belum benar');
    expect(errorUnder('host')).toBeNull();
  });

  it('saves good details', async () => {
    show(<CentralScreen />, centralApi);
    await screen.findByRole('button', { name: 'Uji & simpan' });
    fillAll();
    await press();
    expect(configures).toHaveLength(1);
    expect(await screen.findByText('Koneksi ke kantor pusat berhasil dan disimpan.')).toBeTruthy();
  });
});

describe('Sistem → Jaringan kasir', () => {
  const TODAY_0800 = Date.UTC(2026, 10, 29, 0, 0);
  const tillsApi = (available: boolean): FakeProcedures => ({
    'devices.list': () => [],
    'shifts.orphans': () => [{ id: 12, tillCode: 'K4', openedAt: TODAY_0800 }],
    'hostMode.status': () => ({ available, enabled: false, port: 8080, listening: false, urls: [], error: null }),
    'lan.status': () => ({ names: [], loopback: ['localhost'], addresses: [] }),
  });

  it('does not call a shift opened today on a till without a paired device a shift from before the update', async () => {
    show(<TillsScreen />, tillsApi(true));
    expect(await screen.findByText('Shift terbuka tanpa perangkat kasir yang dipasangkan')).toBeTruthy();
    const text = document.body.textContent ?? '';
    expect(text).not.toContain('kode kasir lama');
    expect(text).not.toContain('sebelum pembaruan');
    expect(text).toContain('Bila kasir itu masih berjualan, biarkan');
    expect(text).toContain('K4');
  });

  it('names a removed device that held the code', async () => {
    show(<TillsScreen />, {
      ...tillsApi(true),
      'devices.list': () => [
        { id: 3, name: 'Laptop kasir 4', status: 'revoked', tillCode: 'K4', pairingCode: null, createdAt: 0, pairedAt: 0, lastSeenAt: 0, lastAddress: null, lastUserName: null, openShift: null },
      ],
    });
    expect(await screen.findByText('Perangkat "Laptop kasir 4" sudah dicabut')).toBeTruthy();
  });

  it('tells a shop admin in a browser how to turn host mode on in the app, not a developer command', async () => {
    show(<TillsScreen />, tillsApi(false));
    const panel = await screen.findByTestId('host-mode');
    await waitFor(() => expect(panel.textContent).toContain('mode host tidak bisa dinyalakan dari sini'));
    expect(panel.textContent).toContain('Sistem → Jaringan kasir centang "Nyalakan mode host" dan tekan Simpan');
    expect(document.body.textContent).not.toContain('npm');
    expect(document.body.textContent).not.toContain('0.0.0.0');
    cleanup();
    show(<TillsScreen />, tillsApi(false), 'en');
    const en = await screen.findByTestId('host-mode');
    await waitFor(() => expect(en.textContent).toContain('tick "Turn host mode on" and press Save'));
    expect(document.body.textContent).not.toContain('npm');
  });
});
