import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

interface DialogProps {
  title: ReactNode;
  onClose?: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
  /** Extra keyboard handling inside the dialog (Esc is handled here). */
  onKeyDown?: (e: React.KeyboardEvent) => void;
  /** The dialog tells a barcode scan from typing itself (the payment dialog); else a scan is caught before it lands here (scan-catcher). */
  takesScans?: boolean;
}

/** A modal dialog: Esc closes it, focus stays inside, the page behind is inert. */
export function Dialog({ title, onClose, children, footer, size = 'md', className, onKeyDown, takesScans }: DialogProps) {
  const t = useT();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  // In the commit that shows the dialog, before the browser handles another key: a scanner's keys
  // right after the dialog opens (or after it changes step, like payment → QRIS) never fall on the page.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) {
      const first =
        el.querySelector<HTMLElement>('[data-autofocus]') ??
        el.querySelector<HTMLElement>('.dialog-body input, .dialog-body select, .dialog-body textarea') ??
        el.querySelector<HTMLElement>('.dialog-foot button:not([disabled]), .dialog-body button:not([disabled])');
      (first ?? el).focus();
    }
  }, []);

  const keyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' && onClose) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key === 'Tab' && ref.current) {
      const focusables = Array.from(
        ref.current.querySelectorAll<HTMLElement>('input, select, textarea, button:not([disabled]), [tabindex="0"]'),
      ).filter((x) => !x.hasAttribute('disabled') && x.tabIndex >= 0);
      if (focusables.length > 0) {
        const first = focusables[0];
        const last = focusables[focusables.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    }
    onKeyDown?.(e);
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div
        ref={ref}
        className={`dialog dialog-${size} ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={keyDown}
        data-takes-scans={takesScans || undefined}
      >
        <header className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          {onClose && (
            <button
              type="button"
              className="icon-btn"
              onClick={onClose}
              aria-label={t('common.close')}
              title={`${t('common.close')} (Esc)`}
              // Esc closes; Tab goes through what the dialog is for, never to × first.
              tabIndex={-1}
            >
              ×
            </button>
          )}
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-foot">{footer}</footer>}
      </div>
    </div>
  );
}
