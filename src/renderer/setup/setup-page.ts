/**
 * The desktop app's own pages (setup.html): the first-start choice of what this PC is,
 * "Komputer utama tidak terhubung" with a retry and a field for the host's new address,
 * the version notices, and the office's "database pusat tidak terhubung". Plain DOM (no
 * React: the page must come up without the shop's API), text only through textContent.
 */
import type { SetupView } from '../../shared/desktop';
import { SETUP_WORDS, type SetupWord } from './words';

export interface SetupBridge {
  call(name: string, input?: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }>;
}

type Lang = 'id' | 'en';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { testid?: string } = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { testid, ...rest } = props;
  Object.assign(node, rest);
  if (testid) node.dataset.testid = testid;
  for (const c of children) if (c !== null) node.append(c);
  return node;
}

export async function renderSetup(root: HTMLElement, bridge: SetupBridge): Promise<void> {
  const state = await bridge.call('state');
  if (!state.ok) {
    root.textContent = state.error.message;
    return;
  }
  const view = state.result as SetupView;
  const lang: Lang = view.lang === 'en' ? 'en' : 'id';
  document.documentElement.lang = lang;
  const t = (k: SetupWord, vars: Record<string, string> = {}) => Object.entries(vars).reduce<string>((s, [n, v]) => s.replace(`{${n}}`, v), SETUP_WORDS[lang][k]);
  const rerender = () => renderSetup(root, bridge);

  const error = el('p', { className: 'notice notice-error', hidden: true, testid: 'setup-error', role: 'alert' } as Partial<HTMLParagraphElement>);
  /** Run a call; show its refusal in words; re-render after a change that stays on this page. */
  const act = async (name: string, input: unknown, button: HTMLButtonElement, after?: () => unknown) => {
    button.disabled = true;
    const label = button.textContent;
    button.textContent = t('working');
    const r = await bridge.call(name, input);
    button.disabled = false;
    button.textContent = label;
    if (!r.ok) {
      error.hidden = false;
      error.textContent = r.error.message;
      return;
    }
    error.hidden = true;
    await after?.();
  };

  const language = el('button', { type: 'button', className: 'btn btn-ghost btn-sm', textContent: t('otherLanguage'), testid: 'setup-language' });
  language.onclick = () => void act('language', { lang: lang === 'id' ? 'en' : 'id' }, language, rerender);
  const card = el('div', { className: 'card boot-card setup-card' });
  root.replaceChildren(el('div', { className: 'boot' }, card));
  const header = el('div', { className: 'setup-head' }, el('span', { className: 'muted', textContent: t('version', { v: view.appVersion }) }), language);

  const field = (id: string, label: string, hint: string | null, value: string, type = 'text') => {
    const input = el('input', { id, className: 'input', type, value, autocomplete: 'off', spellcheck: false } as Partial<HTMLInputElement>);
    return { input, node: el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: label }), input, hint ? el('small', { className: 'muted', textContent: hint }) : null) };
  };

  if (view.page === 'choose') {
    const host = field('hostUrl', t('hostUrl'), t('hostUrlHint'), view.hostUrl ?? '');
    // The till PC's own receipt printer (USB, serial, or one only this PC reaches): for the print agent.
    const kinds = [
      ['none', 'printerNone'],
      ['network', 'printerNetwork'],
      ['serial', 'printerSerial'],
      ['usb', 'printerUsb'],
    ] as const;
    const printerKind = el('select', { id: 'printerKind', className: 'input' }, ...kinds.map(([value, word]) => el('option', { value, textContent: t(word), selected: view.printer.kind === value })));
    const printer = field('printer', t('printer'), null, view.printer.value);
    const printerNode = el('div', { className: 'field' }, el('label', { htmlFor: 'printerKind', textContent: t('printerKind') }), printerKind, printer.node);
    const pg = field('pgUrl', t('pgUrl'), t('pgUrlHint'), '');
    const user = field('username', t('username'), null, '');
    const pin = field('pin', t('pin'), null, '', 'password');
    const option = (mode: 'host' | 'till' | 'office', title: SetupWord, text: SetupWord, extra: HTMLElement | null) => {
      const radio = el('input', { type: 'radio', name: 'mode', value: mode, checked: view.current === mode, id: `mode-${mode}` } as Partial<HTMLInputElement>);
      const now = view.current === mode ? el('span', { className: 'badge', textContent: t('current') }) : null;
      return el('div', { className: 'setup-option' }, el('label', { htmlFor: `mode-${mode}` }, radio, ' ', el('strong', { textContent: t(title) }), ' ', now), el('p', { className: 'muted', textContent: t(text) }), extra);
    };
    const save = el('button', { type: 'button', className: 'btn btn-primary btn-lg', textContent: t('save'), testid: 'setup-save' });
    save.onclick = () => {
      const mode = (root.querySelector('input[name=mode]:checked') as HTMLInputElement | null)?.value;
      void act('choose', { mode, hostUrl: host.input.value, printerKind: printerKind.value, printer: printer.input.value, pgUrl: pg.input.value, username: user.input.value, pin: pin.input.value }, save);
    };
    const cancel = view.canCancel ? el('button', { type: 'button', className: 'btn btn-ghost', textContent: t('cancel') }) : null;
    if (cancel) cancel.onclick = () => void act('cancel', {}, cancel);
    card.append(
      header,
      el('h1', { textContent: t('chooseTitle') }),
      el('p', { className: 'muted', textContent: t('chooseIntro') }),
      option('host', 'hostTitle', 'hostText', null),
      option('till', 'tillTitle', 'tillText', el('div', {}, host.node, printerNode)),
      option('office', 'officeTitle', 'officeText', pg.node),
      view.needsAdmin ? el('div', { className: 'setup-admin' }, el('p', { textContent: t('adminOnly') }), user.node, pin.node) : '',
      error,
      el('div', { className: 'setup-actions' }, save, cancel),
    );
    return;
  }

  const retry = el('button', { type: 'button', className: 'btn btn-primary btn-lg', textContent: t('retry'), testid: 'setup-retry' });
  retry.onclick = () => void act('retry', {}, retry);
  const changeRole = el('button', { type: 'button', className: 'btn btn-ghost', textContent: t('changeRole') });
  changeRole.onclick = () => void act('showChooser', {}, changeRole, rerender);

  if (view.page === 'office-down') {
    card.append(header, el('h1', { textContent: t('officeDownTitle') }), el('p', { textContent: view.message }), error, el('div', { className: 'setup-actions' }, retry, changeRole));
    return;
  }

  const address = field('newHostUrl', t('hostUrl'), null, view.hostUrl.replace(/^http:\/\//, '').replace(/\/$/, ''));
  const saveAddress = el('button', { type: 'button', className: 'btn', textContent: t('saveAddress'), testid: 'setup-save-address' });
  saveAddress.onclick = () => void act('setHostUrl', { hostUrl: address.input.value }, saveAddress);
  const newAddress = el('section', { className: 'setup-address' }, el('h2', { textContent: t('newAddressTitle') }), el('p', { className: 'muted', textContent: t('newAddressText') }), address.node, saveAddress);

  if (view.page === 'till-down') {
    card.append(header, el('h1', { textContent: t('downTitle'), testid: 'setup-title' }), el('p', { textContent: t('downText', { url: view.hostUrl }) }), error, el('div', { className: 'setup-actions' }, retry), newAddress, changeRole);
  } else if (view.page === 'till-refused') {
    card.append(header, el('h1', { textContent: t('refusedTitle'), testid: 'setup-title' }), el('p', { textContent: view.message, className: 'notice notice-error' }), error, el('div', { className: 'setup-actions' }, retry), newAddress, changeRole);
  } else {
    const go = el('button', { type: 'button', className: 'btn btn-primary btn-lg', textContent: t('continue'), testid: 'setup-continue' });
    go.onclick = () => void act('continue', {}, go);
    card.append(header, el('h1', { textContent: t('noticeTitle'), testid: 'setup-title' }), el('p', { textContent: view.message }), error, el('div', { className: 'setup-actions' }, go));
  }
}
