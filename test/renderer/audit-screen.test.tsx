/**
 * The audit log through useData: the first page under the filters, "load more" appends the next
 * older page, and a page asked under old filters never lands on the list of new ones.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { AuditScreen } from '../../src/renderer/src/features/audit/audit-screen';
import type { AuditEntryView } from '../../src/shared/types-till';
import type { ProcedureInput } from '../../src/shared/contract';
import { callMock, fakeApi } from './fake-api';
import { deferred, shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/renderer/src/api')>()), call: vi.fn() }));

const entry = (id: number, action: string): AuditEntryView => ({ id, at: 1_796_000_000_000 + id, userId: 1, userName: 'Admin', action, entity: null, entityId: null, details: {} });
/** Ids from `from` down, `n` of them. */
const page = (from: number, n: number, action = 'sale.create') => Array.from({ length: n }, (_, i) => entry(from - i, action));

let asked: ProcedureInput<'audit.list'>[] = [];
let answer: (input: ProcedureInput<'audit.list'>) => Promise<AuditEntryView[]>;

afterEach(cleanup);
beforeEach(() => {
  asked = [];
  callMock.mockReset();
  callMock.mockImplementation(
    fakeApi({
      'settings.get': () => shopSettings(),
      'audit.list': (input) => {
        asked.push(input);
        return answer(input);
      },
    }),
  );
});

function renderAudit() {
  render(
    <I18nProvider initial="id">
      <SessionProvider session={{ user: { id: 1, name: 'Admin', role: 'admin' }, tillCode: 'K1' }} onLogout={() => undefined}>
        <AuditScreen />
      </SessionProvider>
    </I18nProvider>,
  );
}
const rows = () => screen.getByTestId('audit-table').querySelectorAll('tbody tr');

describe('audit log', () => {
  it('appends the older page on "load more" and stops when a page is short', async () => {
    answer = async (input) => (input.beforeId ? page(input.beforeId - 1, 50) : page(1000, 200));
    renderAudit();
    await waitFor(() => expect(rows()).toHaveLength(200));
    await act(async () => fireEvent.click(screen.getByText('Muat lebih lama')));
    await waitFor(() => expect(rows()).toHaveLength(250));
    expect(asked.at(-1)).toMatchObject({ beforeId: 801, limit: 200 });
    // 50 < 200: nothing older, so no button.
    expect(screen.queryByText('Muat lebih lama')).toBeNull();
  });

  it('drops a page of the old filters that answers after the filters changed', async () => {
    const older = deferred<AuditEntryView[]>();
    answer = async (input) => {
      if (input.beforeId) return older.promise;
      return input.action === 'shift' ? page(90, 3, 'shift.open') : page(1000, 200);
    };
    renderAudit();
    await waitFor(() => expect(rows()).toHaveLength(200));
    await act(async () => fireEvent.click(screen.getByText('Muat lebih lama')));
    fireEvent.change(screen.getByLabelText('Aksi', { exact: false }), { target: { value: 'shift' } });
    await act(async () => fireEvent.click(screen.getByText('Terapkan')));
    await waitFor(() => expect(rows()).toHaveLength(3));
    await act(async () => older.resolve(page(800, 200)));
    expect(rows()).toHaveLength(3);
    expect(screen.getAllByText('shift.open')).toHaveLength(3);
  });
});
