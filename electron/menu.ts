import type { MenuItemConstructorOptions } from 'electron';

/** The application menu, in Russian; kept minimal, the work happens in the page. */
export function buildMenuTemplate(actions: { onAbout: () => void }): MenuItemConstructorOptions[] {
  return [
    { label: 'Файл', submenu: [{ label: 'Выход', role: 'quit' }] },
    {
      label: 'Правка',
      submenu: [
        { label: 'Отменить', role: 'undo' },
        { label: 'Повторить', role: 'redo' },
        { type: 'separator' },
        { label: 'Вырезать', role: 'cut' },
        { label: 'Копировать', role: 'copy' },
        { label: 'Вставить', role: 'paste' },
        { label: 'Выделить всё', role: 'selectAll' },
      ],
    },
    {
      label: 'Вид',
      submenu: [
        { label: 'Перезагрузить', role: 'reload' },
        { label: 'Полноэкранный режим', role: 'togglefullscreen' },
      ],
    },
    { label: 'Справка', submenu: [{ label: 'О программе', click: () => actions.onAbout() }] },
  ];
}
