import { contextBridge, ipcRenderer } from 'electron';

/**
 * The renderer's only door to the main process: one named function that
 * calls a procedure of the API contract. No raw ipcRenderer is exposed.
 */
contextBridge.exposeInMainWorld('pos', {
  call: (name: string, input: unknown, token: string | null): Promise<unknown> => ipcRenderer.invoke('pos:call', name, input, token),
});
