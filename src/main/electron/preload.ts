import { contextBridge, ipcRenderer } from 'electron';

/**
 * The renderer's only doors to the main process: one named function that
 * calls a procedure of the API contract, and one that opens the app's chooser
 * of what this computer is. No raw ipcRenderer is exposed.
 */
contextBridge.exposeInMainWorld('pos', {
  call: (name: string, input: unknown, token: string | null): Promise<unknown> => ipcRenderer.invoke('pos:call', name, input, token),
  /** Sistem → Jaringan kasir → "Peran komputer ini": the app's own chooser (it asks an admin's PIN). */
  chooseRole: (): Promise<void> => ipcRenderer.invoke('desktop:chooseRole'),
});
