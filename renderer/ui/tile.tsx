import type { ReactNode } from 'react';

export interface TileProps {
  readonly tone: 'ticket' | 'submit' | 'procedures' | 'track';
  readonly icon: ReactNode;
  readonly title: string;
  readonly hint: string;
  readonly onPress: () => void;
}

/** A big home-screen tile: icon, title, one-line hint; one touch. */
export function Tile({ tone, icon, title, hint, onPress }: TileProps) {
  return (
    <button type="button" className={`tile tile-${tone}`} onClick={onPress}>
      <span aria-hidden="true">{icon}</span>
      <span>
        <span className="tile-title">{title}</span>
        <br />
        <span className="tile-hint">{hint}</span>
      </span>
    </button>
  );
}
