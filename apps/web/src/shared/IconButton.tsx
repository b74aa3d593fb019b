import type { ButtonHTMLAttributes } from 'react';
import { Icon, type IconName } from './Icon.tsx';

interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label'> {
  icon: IconName;
  /** Required: an icon alone has no accessible name. */
  label: string;
  shortcut?: string;
  size?: 'sm' | 'md';
}

export function IconButton({ icon, label, shortcut, size = 'md', className, ...rest }: IconButtonProps) {
  const classes = ['icon-btn', size === 'sm' ? 'icon-btn-sm' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      {...rest}
    >
      <Icon name={icon} size={size === 'sm' ? 14 : 16} />
    </button>
  );
}
