import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: 'primary' | 'secondary' | 'ghost';
  readonly size?: 'lg' | 'xl';
}

/** A touch button: at least 64 px high, high contrast, visible focus. */
export function Button({ variant = 'primary', size = 'lg', className, ...rest }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, size === 'xl' ? 'btn-xl' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return <button type="button" className={classes} {...rest} />;
}
