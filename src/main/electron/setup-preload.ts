import { contextBridge, ipcRenderer } from 'electron';

/**
 * The desktop app's own small pages (src/renderer/setup.html: the first-start choice,
 * "Komputer utama tidak terhubung", a version notice) get one function and nothing else.
 * Never given to a page from the network (the host's UI, the office): those windows have no preload.
 */
contextBridge.exposeInMainWorld('kasirSetup', {
  call: (name: string, input?: unknown) => ipcRenderer.invoke('setup:call', name, input ?? {}),
});
