// On-screen keypad for pinyin initials (the kiosk has no keyboard): A–Z, 删除, 清空.
import { useKiosk } from './kiosk-context.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
/** Long enough for any matter name's initials; stops a child from filling the screen. */
export const MAX_QUERY_LENGTH = 20;

export function PinyinKeypad({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useKiosk();
  return (
    <div class="keypad" role="group">
      {LETTERS.map((l) => (
        <button
          key={l}
          class="key"
          data-key={l}
          onClick={() => value.length < MAX_QUERY_LENGTH && onChange(value + l.toLowerCase())}
        >
          {l}
        </button>
      ))}
      <button class="key key-wide" data-key="delete" disabled={!value} onClick={() => onChange(value.slice(0, -1))}>
        {t('guide.delete')}
      </button>
      <button class="key key-wide" data-key="clear" disabled={!value} onClick={() => onChange('')}>
        {t('guide.clear')}
      </button>
    </div>
  );
}
