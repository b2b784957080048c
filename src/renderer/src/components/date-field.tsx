/**
 * The one date field of the app: typed day first (`30/06/2027`), the day
 * echoed with its month name beside it (`30 Jun 2027`), and a calendar in
 * the user's language (react-day-picker with date-fns' locale). It never
 * leaves the reading of a date to the browser or the OS (a native
 * `<input type=date>` shows mm/dd/yyyy on an English system and took
 * "05/06/2027" for 6 May).
 *
 * Controlled with an ISO day (`YYYY-MM-DD`, or '' for none). Typing calls
 * `onChange(iso, null)` once the text is a real day within `min`/`max`, and
 * `onChange('', problem)` while it is not, with the problem shown under the
 * field, so a parent never takes a half-typed or impossible day for none.
 *
 * The calendar's "today" is the shop's business day (`todayIn` the shop's time zone,
 * like every screen's), not the PC's local date. Esc closes the calendar
 * wherever the focus is in the field and stops there: it never also closes a
 * dialog around the field; with the calendar closed, Esc goes on as before.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DayPicker } from 'react-day-picker';
import { id as dayPickerId } from 'react-day-picker/locale/id';
import { enUS as dayPickerEn } from 'react-day-picker/locale/en-US';
import 'react-day-picker/style.css';
import { format } from 'date-fns';
import { formatDmy, parseDmy } from '../../../shared/dates';
import { useLang, useT } from '../i18n';
import { useShopTimeZone } from '../app/session';
import { dateLocale, todayIn, type Lang } from '../lib/format';
import './date-field.css';

export type DateProblem = 'format' | 'impossible' | 'min' | 'max';

const isoToDate = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};
const dateToIso = (d: Date): string => format(d, 'yyyy-MM-dd');

/** `30 Jun 2027` / `30 Jun 2027` (Indonesian month abbreviations in `id`). */
export const echoDate = (iso: string, lang: Lang): string => format(isoToDate(iso), 'd MMM yyyy', { locale: dateLocale(lang) });

/** Read a typed day against the limits. */
export function readDate(text: string, min?: string, max?: string): { iso: string; problem: DateProblem | null } {
  const parsed = parseDmy(text);
  if (!parsed.ok) return { iso: '', problem: parsed.problem === 'empty' ? null : parsed.problem };
  if (min && parsed.iso < min) return { iso: '', problem: 'min' };
  if (max && parsed.iso > max) return { iso: '', problem: 'max' };
  return { iso: parsed.iso, problem: null };
}

export interface DateFieldProps {
  value: string;
  onChange(iso: string, problem: DateProblem | null): void;
  min?: string;
  max?: string;
  /** What to say when the day is before `min` / after `max` (default: "not before/after …"). */
  minMessage?: string;
  maxMessage?: string;
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  required?: boolean;
  disabled?: boolean;
  /** Keep the month-name echo out (when space is short it is still the input's title). */
  compact?: boolean;
  testId?: string;
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void;
}

export function DateField(props: DateFieldProps) {
  const { value, onChange, min, max, compact, testId } = props;
  const t = useT();
  const { lang } = useLang();
  const timeZone = useShopTimeZone();
  const [text, setText] = useState(() => (value ? formatDmy(value) : ''));
  const [problem, setProblem] = useState<DateProblem | null>(null);
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const calendarId = useId();
  const msgId = useId();

  // A new value from outside (a reset, a suggestion, a calendar pick) shows as typed text.
  useEffect(() => {
    const current = readDate(text, min, max).iso;
    if (value !== current && (value !== '' || problem === null)) {
      setText(value ? formatDmy(value) : '');
      setProblem(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrapRef.current && !wrapRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  // The calendar floats over everything (fixed, so no scrolling table or dialog cuts it off):
  // under the field, or above it when there is no room below. Never hidden while it waits for its
  // place (a browser focuses nothing hidden, and the calendar's day takes the focus as it opens, by
  // mouse or by Alt+↓): placed on the element itself in this layout effect, before that focus and
  // before anything is painted, so it neither shows elsewhere first nor needs a re-render.
  const rowRef = useRef<HTMLDivElement>(null);
  const popRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const position = () => {
      const row = rowRef.current?.getBoundingClientRect();
      const pop = popRef.current;
      if (!row || !pop) return;
      const size = pop.getBoundingClientRect();
      const below = row.bottom + 4;
      const top = below + size.height <= window.innerHeight - 8 ? below : Math.max(8, row.top - size.height - 4);
      const left = Math.max(8, Math.min(row.left, window.innerWidth - size.width - 8));
      pop.style.top = `${top}px`;
      pop.style.left = `${left}px`;
    };
    position();
    window.addEventListener('scroll', position, true);
    window.addEventListener('resize', position);
    return () => {
      window.removeEventListener('scroll', position, true);
      window.removeEventListener('resize', position);
    };
  }, [open]);

  const type = (next: string) => {
    setText(next);
    const r = readDate(next, min, max);
    setProblem(r.problem);
    onChange(r.iso, r.problem);
  };

  /** Close the calendar and give the focus back to the typed day. */
  const close = () => {
    setOpen(false);
    inputRef.current?.focus();
  };

  const pick = (d: Date | undefined) => {
    if (!d) return;
    const iso = dateToIso(d);
    setText(formatDmy(iso));
    setProblem(null);
    setTouched(true);
    onChange(iso, null);
    close();
  };

  const shown = problem && (touched || text.replace(/\D/g, '').length >= 8) ? problem : null;
  const message =
    shown === 'format'
      ? t('date.format')
      : shown === 'impossible'
        ? t('date.impossible', { text: text.trim() })
        : shown === 'min'
          ? (props.minMessage ?? t('date.min', { date: formatDmy(min!) }))
          : shown === 'max'
            ? (props.maxMessage ?? t('date.max', { date: formatDmy(max!) }))
            : null;
  const valid = readDate(text, min, max).iso;
  const locale = lang === 'en' ? dayPickerEn : dayPickerId;
  const selected = valid ? isoToDate(valid) : undefined;
  // The shop's day, as a local midnight like the calendar's own days (never `new Date()`'s local fields).
  const todayIso = todayIn(timeZone);
  const today = useMemo(() => isoToDate(todayIso), [todayIso]);
  const thisYear = today.getFullYear();

  return (
    <div
      className={`date-field ${shown ? 'date-field-invalid' : ''}`}
      ref={wrapRef}
      // One Esc for the whole field (the typed day, the button, the calendar): it closes the open
      // calendar and goes no further, so a dialog around the field stays open.
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <div className="date-field-row" ref={rowRef}>
        <input
          ref={inputRef}
          id={props.id}
          className="input input-date"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('date.placeholder')}
          value={text}
          maxLength={14}
          required={props.required}
          disabled={props.disabled}
          aria-label={props['aria-label']}
          aria-invalid={shown ? true : props['aria-invalid']}
          aria-describedby={[shown ? msgId : '', props['aria-describedby'] ?? ''].filter(Boolean).join(' ') || undefined}
          title={valid ? echoDate(valid, lang) : undefined}
          data-testid={testId}
          onChange={(e) => type(e.target.value.replace(/[^\d/.\- ]/g, ''))}
          onBlur={() => {
            setTouched(true);
            if (valid) setText(formatDmy(valid));
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && e.altKey) {
              e.preventDefault();
              setOpen(true);
              return;
            }
            // The field's own handler closes the calendar; the parent's handler never sees that Esc.
            if (e.key === 'Escape' && open) return;
            props.onKeyDown?.(e);
          }}
        />
        <button
          type="button"
          className="date-field-button"
          aria-label={t('date.openCalendar')}
          aria-expanded={open}
          aria-controls={open ? calendarId : undefined}
          disabled={props.disabled}
          onClick={() => setOpen((o) => !o)}
        >
          <CalendarIcon />
        </button>
        {!compact && valid && (
          <span className="date-field-echo" data-testid={testId ? `${testId}-echo` : undefined}>
            {echoDate(valid, lang)}
          </span>
        )}
      </div>
      {compact && valid && (
        <span className="date-field-echo date-field-echo-below" data-testid={testId ? `${testId}-echo` : undefined}>
          {echoDate(valid, lang)}
        </span>
      )}
      {message && (
        <div id={msgId} className="field-error" role="alert">
          {message}
        </div>
      )}
      {open && (
        <div
          ref={popRef}
          className="date-field-popover"
          id={calendarId}
          role="dialog"
          aria-label={t('date.calendar')}
        >
          <DayPicker
            mode="single"
            locale={locale}
            selected={selected}
            today={today}
            defaultMonth={selected ?? (min ? isoToDate(min) : undefined)}
            onSelect={pick}
            captionLayout="dropdown"
            startMonth={min ? isoToDate(min) : new Date(thisYear - 10, 0)}
            endMonth={max ? isoToDate(max) : new Date(thisYear + 10, 11)}
            disabled={[...(min ? [{ before: isoToDate(min) }] : []), ...(max ? [{ after: isoToDate(max) }] : [])]}
            autoFocus
          />
        </div>
      )}
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <rect x="3" y="4" width="18" height="18" rx="2" />
      <path d="M16 2v4M8 2v4M3 10h18" />
    </svg>
  );
}
