// 办结公告 (seed 004 办结公告制度) in the hall display's notice band: finished cases of matters marked 须公告,
// masked, for the centre's configured number of days. Asked again every few minutes; a failed request keeps
// what was shown.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';

interface Announcement {
  matterName: string;
  applicant: string;
  date: string;
  result: string;
}

export function announcementText(list: Announcement[]): string {
  if (!list.length) return '';
  return `办结公告：${list.map((a) => `${a.matterName}　${a.applicant}　${a.date.slice(5).replace('-', '月')}日${a.result}`).join('；')}`;
}

export function useAnnouncements(everyMs = 5 * 60_000): string {
  const [text, setText] = useState('');
  useEffect(() => {
    const load = () =>
      api<{ announcements: Announcement[] }>('GET', '/api/announcements')
        .then((r) => setText(announcementText(r.announcements)))
        .catch(() => undefined);
    void load();
    const t = setInterval(() => void load(), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return text;
}
