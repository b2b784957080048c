import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n';
import { App } from './app/app';
import './styles/base.css';
import './styles/components.css';
import { getDeviceCredential, setDeviceCredential } from './api';
import { adoptMovedTill } from './lib/host-move';

// A till that followed the main computer to its new address brings its credential and carts along.
adoptMovedTill(getDeviceCredential(), setDeviceCredential);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);

// Browser mode (issue 18): keep the app's own files, so a till reloaded while the main computer is
// off still opens and shows its kept cart. Not in the desktop window (it has its host inside).
if (!window.pos && 'serviceWorker' in navigator && window.isSecureContext) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
