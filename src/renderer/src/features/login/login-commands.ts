/** The login screen's command table (see lib/commands.tsx): the PIN from the keyboard, Enter, the F1 help. */
import type { Command } from '../../lib/commands';

export interface LoginCommandState {
  /** The help overlay is open. */
  help: boolean;
  pinLength: number;
  busy: boolean;
  actions: { help(): void; submit(): void; digit(d: string): void; backspace(): void; clear(): void };
}

type S = LoginCommandState;
const free = (s: S) => !s.help && !s.busy;
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const LOGIN_COMMANDS: readonly Command<S>[] = [
  { id: 'help', keys: [{ key: 'F1' }], label: 'cmd.help', help: 'cmd.help.help', when: (s) => !s.help, run: (s) => s.actions.help() },
  // Enter in the username field moves to the PIN (the field's own key); elsewhere it logs in.
  { id: 'submit', keys: [{ key: 'Enter', outsideText: true }], label: 'cmd.login.submit', help: 'cmd.login.submit.help', when: free, run: (s) => s.actions.submit() },
  {
    id: 'digit',
    keys: DIGITS.map((d) => ({ key: d, outsideText: true })),
    label: 'cmd.login.digit',
    help: 'cmd.login.digit.help',
    when: free,
    run: (s, e) => {
      if (e) s.actions.digit(e.key);
    },
  },
  {
    id: 'backspace',
    keys: [{ key: 'Backspace', outsideText: true }],
    label: 'cmd.login.backspace',
    help: 'cmd.login.backspace.help',
    when: (s) => free(s) && s.pinLength > 0,
    why: () => 'cmd.why.pinEmpty',
    run: (s) => s.actions.backspace(),
  },
  {
    id: 'clear',
    keys: [
      { key: 'Escape', outsideText: true },
      { key: 'Delete', outsideText: true },
    ],
    label: 'cmd.login.clear',
    help: 'cmd.login.clear.help',
    when: (s) => free(s) && s.pinLength > 0,
    why: () => 'cmd.why.pinEmpty',
    run: (s) => s.actions.clear(),
  },
];
