import { describe, expect, it } from 'vitest';
import { deviceName } from './device-name';

describe('a signed-in device in words', () => {
  it('names the desktop workstation and the common browsers with their system', () => {
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) otklik/1.4.0 Chrome/128.0.0.0 Electron/32.1.0 Safari/537.36')).toBe('Рабочее место «Отклик», Windows 10/11');
    expect(deviceName('Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 YaBrowser/23.1 Safari/537.36')).toBe('Яндекс Браузер, Windows 7');
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe('Браузер Chrome, Linux');
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Браузер Firefox, Linux');
  });

  it('says so when it cannot tell', () => {
    expect(deviceName(null)).toBe('Неизвестное устройство');
    expect(deviceName('curl/8.5.0')).toBe('Программа');
  });
});
