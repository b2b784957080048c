/** The desktop app's own pages (src/renderer/setup.html) and what the main process tells them. */
export type DesktopMode = 'host' | 'till' | 'office';

export type SetupPage =
  | {
      page: 'choose';
      current: DesktopMode | null;
      hostUrl: string | null;
      /** The till PC's own printer, as the page's field shows it. */
      printer: { kind: 'none' | 'network' | 'serial' | 'usb'; value: string };
      needsAdmin: boolean;
      canCancel: boolean;
    }
  | { page: 'till-down'; hostUrl: string; reason: string }
  | { page: 'till-refused'; hostUrl: string; message: string }
  | { page: 'till-notice'; hostUrl: string; message: string }
  | { page: 'office-down'; message: string };

export type SetupView = SetupPage & { appVersion: string; lang: 'id' | 'en' };

/** What a setup page may call (`window.kasirSetup.call`), answered `{ok, result}` or `{ok:false, error}`. */
export type SetupCallName = 'state' | 'language' | 'choose' | 'setHostUrl' | 'retry' | 'continue' | 'cancel' | 'showChooser';
