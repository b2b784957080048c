import './setup.css';
import { renderSetup, type SetupBridge } from './setup-page';

declare global {
  interface Window {
    kasirSetup?: SetupBridge;
  }
}

const root = document.getElementById('setup')!;
if (window.kasirSetup) void renderSetup(root, window.kasirSetup);
else root.textContent = 'Halaman ini hanya untuk aplikasi desktop Kasir PLUT. / This page belongs to the Kasir PLUT desktop app.';
