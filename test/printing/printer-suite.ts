import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';

/** A fake network printer for a describe block: started before its tests, online and emptied after each, closed at the end. */
export function fakePrinterForSuite(): () => FakePrinter {
  let printer: FakePrinter;
  beforeAll(async () => {
    printer = await startFakePrinter();
  });
  afterEach(async () => {
    await printer.setState('online');
    printer.clear();
  });
  afterAll(async () => {
    await printer.close();
  });
  return () => printer;
}
