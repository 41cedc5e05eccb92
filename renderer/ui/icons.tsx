/** Simple inline icons (no icon font, no network). Stroke uses currentColor. */
const base = {
  viewBox: '0 0 64 64',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 4,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
};

export function TicketIcon() {
  return (
    <svg {...base}>
      <path d="M8 18h48v8a6 6 0 0 0 0 12v8H8v-8a6 6 0 0 0 0-12z" />
      <path d="M24 26h16M24 32h16M24 38h10" />
    </svg>
  );
}

export function DossierIcon() {
  return (
    <svg {...base}>
      <path d="M16 6h22l12 12v40H16z" />
      <path d="M38 6v12h12M24 30h18M24 38h18M24 46h12" />
    </svg>
  );
}

export function BookSearchIcon() {
  return (
    <svg {...base}>
      <path d="M8 12h18a6 6 0 0 1 6 6v36a5 5 0 0 0-5-5H8zM56 12H38a6 6 0 0 0-6 6v36a5 5 0 0 1 5-5h19z" />
      <circle cx="46" cy="30" r="6" />
      <path d="M50.5 34.5 55 39" />
    </svg>
  );
}

export function QrIcon() {
  return (
    <svg {...base}>
      <rect x="8" y="8" width="18" height="18" rx="2" />
      <rect x="38" y="8" width="18" height="18" rx="2" />
      <rect x="8" y="38" width="18" height="18" rx="2" />
      <path d="M38 38h6v6h-6zM50 38h6M38 50h6M50 46v10h6" />
    </svg>
  );
}

/** The centre's mark: a public building in gold on the header. */
export function CentreEmblem() {
  return (
    <svg className="emblem" viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="30" fill="#f2c14e" />
      <path d="M32 12 12 24h40z" fill="#7a0f16" />
      <path d="M16 27h32v3H16zM14 48h36v4H14z" fill="#7a0f16" />
      <path d="M18 31h4v15h-4zM26 31h4v15h-4zM34 31h4v15h-4zM42 31h4v15h-4z" fill="#7a0f16" />
    </svg>
  );
}
