/** Truce's mark: a white flag on a pole, as SVG, for the docs' top bar and the favicon. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="40" viewBox="0 0 150 40">
<rect x="6" y="4" width="3" height="32" rx="1" fill="#e8e8e8"/>
<path d="M9 6 C17 2 23 10 33 6 L33 22 C23 26 17 18 9 22 Z" fill="#ffffff"/>
<text x="42" y="28" font-family="system-ui, sans-serif" font-size="24" font-weight="600" fill="#ffffff">Truce</text>
</svg>`;

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#1f3a5f"/>
<rect x="7" y="5" width="3" height="23" rx="1" fill="#e8e8e8"/>
<path d="M10 7 C15 4 19 10 26 7 L26 18 C19 21 15 15 10 18 Z" fill="#ffffff"/>
</svg>`;
