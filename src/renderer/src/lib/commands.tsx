/**
 * Commands: every keyboard action of a screen defined once, with its key,
 * its label and when it is allowed. The screen's shortcuts, its buttons and
 * the F1 help overlay are all drawn from the same table, so a key, its
 * button and its help line cannot disagree (the way Excalidraw registers
 * actions). One window listener per screen, installed by `useCommands`.
 */
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useT, type MessageKey, type Translate } from '../i18n';

export interface KeySpec {
  /** `KeyboardEvent.key`: `F2`, `Enter`, `Escape`, `0`… */
  key: string;
  shift?: boolean;
  /** Not while the cursor is in a text field (digits and Backspace belong to the field then). */
  outsideText?: boolean;
}

export interface Command<S> {
  id: string;
  keys: readonly KeySpec[];
  /** Button and help text. */
  label: MessageKey;
  /** One line for the help overlay. */
  help: MessageKey;
  /** Allowed now? A command that is not does nothing (its key is still kept from the browser). */
  when(state: S): boolean;
  /** What its button shows when not allowed (the help overlay too). */
  why?(state: S): MessageKey | null;
  run(state: S, key: KeyboardEvent | null): void;
  /** Leave out of the help overlay (e.g. each digit of the PIN). */
  hidden?: boolean;
}

/** `F2`, `Shift+F4`, `Esc`: how a key is written on buttons and in the help. */
export function keyLabel(k: KeySpec): string {
  const name = k.key === 'Escape' ? 'Esc' : k.key === 'Backspace' ? '⌫' : k.key;
  return k.shift ? `⇧${name}` : name;
}

const isTextTarget = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
};

export function matches(k: KeySpec, e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): boolean {
  if (e.key !== k.key || e.ctrlKey || e.altKey || e.metaKey) return false;
  // Shift only matters for keys that are not characters (Shift+F4, not "%" vs "5").
  if (k.key.length > 1 && Boolean(k.shift) !== e.shiftKey) return false;
  if (k.outsideText && isTextTarget(e.target)) return false;
  return true;
}

export interface CommandApi<S> {
  table: readonly Command<S>[];
  state: S;
  get(id: string): Command<S>;
  enabled(id: string): boolean;
  run(id: string): void;
}

/**
 * Install the screen's one key listener for `table`. `state` is read at the
 * moment of the key (a key right after the state changed already sees it).
 * Returns what buttons and the help overlay need.
 */
export function useCommands<S>(
  table: readonly Command<S>[],
  state: S,
  options: { onRefused?(command: Command<S>, state: S): void } = {},
): CommandApi<S> {
  const latest = useRef(state);
  latest.current = state;
  const refused = useRef(options.onRefused);
  refused.current = options.onRefused;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const command = table.find((c) => c.keys.some((k) => matches(k, e)));
      if (!command) return;
      e.preventDefault();
      if (command.when(latest.current)) command.run(latest.current, e);
      else refused.current?.(command, latest.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [table]);
  return useMemo(() => {
    const get = (id: string) => {
      const c = table.find((x) => x.id === id);
      if (!c) throw new Error(`unknown command ${id}`);
      return c;
    };
    return {
      table,
      state,
      get,
      enabled: (id: string) => get(id).when(state),
      run: (id: string) => {
        const c = get(id);
        if (c.when(latest.current)) c.run(latest.current, null);
      },
    };
  }, [table, state]);
}

const CommandContext = createContext<CommandApi<unknown> | null>(null);

export function CommandProvider<S>({ api, children }: { api: CommandApi<S>; children: ReactNode }) {
  return <CommandContext.Provider value={api as CommandApi<unknown>}>{children}</CommandContext.Provider>;
}

export function useCommandApi(): CommandApi<unknown> {
  const api = useContext(CommandContext);
  if (!api) throw new Error('useCommandApi outside a CommandProvider');
  return api;
}

/** A button drawn from a command: its label, its key, disabled when not allowed. */
export function CommandButton({
  id,
  className,
  children,
  testId,
  kbd = true,
  extra,
}: {
  id: string;
  className?: string;
  /** Instead of the label (an icon and the label, a count…). */
  children?: ReactNode;
  testId?: string;
  /** Show the key on the button. */
  kbd?: boolean;
  /** Shown after the label, before the key. */
  extra?: ReactNode;
}) {
  const t = useT();
  const api = useCommandApi();
  const command = api.get(id);
  const enabled = command.when(api.state);
  const why = enabled ? null : command.why?.(api.state);
  return (
    <button
      type="button"
      className={className}
      onClick={() => api.run(id)}
      disabled={!enabled}
      title={why ? t(why) : `${t(command.label)} (${command.keys.map(keyLabel).join(', ')})`}
      data-testid={testId}
      data-command={id}
    >
      {children ?? t(command.label)}
      {extra}
      {kbd && command.keys[0] && <kbd>{keyLabel(command.keys[0])}</kbd>}
    </button>
  );
}

/** The rows of the help overlay: every visible command, its keys, what it does and whether it can run now. */
export function helpRows<S>(t: Translate, table: readonly Command<S>[], state: S) {
  return table
    .filter((c) => !c.hidden)
    .map((c) => {
      const enabled = c.when(state);
      const why = enabled ? null : c.why?.(state);
      return { id: c.id, keys: c.keys.map(keyLabel), label: t(c.label), help: t(c.help), enabled, why: why ? t(why) : null };
    });
}
