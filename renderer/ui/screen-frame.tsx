import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { CentreEmblem } from './icons';

export interface ScreenFrameProps {
  readonly unit: string;
  readonly centreName: string;
  readonly demo: boolean;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

function Clock() {
  const { language } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  const time = now.toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  });
  const date = now.toLocaleDateString(locale, {
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: TIME_ZONE,
  });
  return (
    <div className="clock" aria-live="off">
      <div className="time">{time}</div>
      <div className="date">{date}</div>
    </div>
  );
}

/** Header (centre identity, clock), main area, footer: the frame of every role's screen. */
export function ScreenFrame({ unit, centreName, demo, children, footer }: ScreenFrameProps) {
  const { t } = useI18n();
  return (
    <div className="screen">
      <header className="screen-header">
        <CentreEmblem />
        <div className="titles">
          <div className="unit">{unit}</div>
          <div className="centre">{centreName}</div>
        </div>
        {demo && <span className="demo-badge">{t('common.demo')}</span>}
        <Clock />
      </header>
      <main className="screen-main">{children}</main>
      {footer && <footer className="screen-footer">{footer}</footer>}
    </div>
  );
}
