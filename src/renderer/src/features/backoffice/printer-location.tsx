import type { PrinterLocation } from '../../../../shared/printer';
import { useT } from '../../i18n';

/**
 * Where a till's printer is (issue 18): reached by the host over the
 * network, or at the till's own PC, where the till app prints the jobs itself.
 */
export function PrinterLocationField({ value, disabled, onChange }: { value: PrinterLocation; disabled: boolean; onChange: (v: PrinterLocation) => void }) {
  const t = useT();
  return (
    <>
      <fieldset className="radio-group radio-row" disabled={disabled} data-testid="printer-location">
        <legend>{t('printer.location')}</legend>
        {(['host', 'till'] as const).map((l) => (
          <label key={l} className={`radio-card ${value === l ? 'active' : ''}`}>
            <input type="radio" name="location" value={l} checked={value === l} onChange={() => onChange(l)} />
            <span>
              <strong>{t(l === 'host' ? 'printer.locationHost' : 'printer.locationTill')}</strong>
              <small>{t(l === 'host' ? 'printer.locationHostHint' : 'printer.locationTillHint')}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {value === 'till' && (
        <p className="notice" role="note">
          {t('printer.locationTillNote')}
        </p>
      )}
    </>
  );
}
