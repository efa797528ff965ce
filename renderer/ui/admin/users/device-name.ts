/**
 * A signed-in device in words, from the User-Agent its sign-in or last refresh sent: the desktop
 * workstation or a browser, and the system. Only for the administrator's reading; unknown parts
 * are said as such, never guessed.
 */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Неизвестное устройство';
  const app = /Electron\//.test(userAgent)
    ? 'Рабочее место «Отклик»'
    : /YaBrowser\//.test(userAgent)
      ? 'Яндекс Браузер'
      : /Edg\//.test(userAgent)
        ? 'Браузер Edge'
        : /Firefox\//.test(userAgent)
          ? 'Браузер Firefox'
          : /Chrome\/|Chromium\//.test(userAgent)
            ? 'Браузер Chrome'
            : /Safari\//.test(userAgent)
              ? 'Браузер Safari'
              : 'Программа';
  const os = /Windows NT 10/.test(userAgent)
    ? 'Windows 10/11'
    : /Windows NT 6\.1/.test(userAgent)
      ? 'Windows 7'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Android/.test(userAgent)
          ? 'Android'
          : /iPhone|iPad/.test(userAgent)
            ? 'iOS'
            : /Mac OS X/.test(userAgent)
              ? 'macOS'
              : /Linux/.test(userAgent)
                ? 'Linux'
                : null;
  return os ? `${app}, ${os}` : app;
}
