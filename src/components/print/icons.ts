import type { DisruptionKind } from '../../schemas/disruption.ts';

/**
 * Pictograms for paper: black shapes on white, recognisable in grayscale and on
 * a photocopy. Always shown beside words, never instead of them (aria-hidden).
 */

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="#000" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const KIND_ICONS: Record<DisruptionKind, string> = {
  // A water drop, struck through.
  'water-shut-off': svg(`<path d="M12 2.5C9 7 6 10.2 6 14a6 6 0 0 0 12 0c0-3.8-3-7-6-11.5z" fill="#000" stroke="none"/><path d="M3 3L21 21" stroke="#fff" stroke-width="5"/><path d="M3 3L21 21" stroke-width="2.4"/>`),
  // A barricade: a striped board on two legs.
  'road-closure': svg('<rect x="2" y="6" width="20" height="7" fill="#fff"/><path d="M6 6L2 10M11 6L4 13M16 6L9 13M21 6L14 13M22 10L19 13" stroke-width="2.2"/><path d="M5 13V21M19 13V21M3 21H7M17 21H21"/>'),
  // A traffic cone.
  'lane-closure': svg('<path d="M10 3H14L19 20H5Z" fill="#000" stroke="none"/><path d="M8.4 9H15.6M7.2 14H16.8" stroke="#fff" stroke-width="2.2"/><path d="M3 21H21" stroke-width="2.4"/>'),
  // A bent arrow around a block.
  detour: svg('<path d="M4 20V10H14V5" stroke-width="2.6"/><path d="M10 8L14 3.5L18 8" stroke-width="2.6"/><path d="M19 20H15" stroke-dasharray="2 2"/>'),
  // A P in a circle, struck through.
  'parking-restriction': svg('<circle cx="12" cy="12" r="9.5" stroke-width="2.2"/><path d="M9.5 17V7H13a3 3 0 0 1 0 6H9.5" stroke-width="2.4"/><path d="M5.3 5.3L18.7 18.7" stroke-width="2.4"/>'),
  // A person walking, struck through.
  'sidewalk-closure': svg('<circle cx="13" cy="4" r="2" fill="#000" stroke="none"/><path d="M13 7L11 13L14 16L15 21M11 13L8 21M12 8.5L8.5 11M12.5 9L16 11.5" stroke-width="2.2"/><path d="M3 3L21 21" stroke="#fff" stroke-width="5"/><path d="M3 3L21 21" stroke-width="2.4"/>'),
  // A crescent moon.
  'night-work': svg('<path d="M15 3A9 9 0 1 0 21 15 7 7 0 0 1 15 3Z" fill="#000" stroke="none"/>'),
  // A hard hat.
  'work-zone': svg('<path d="M4 16A8 8 0 0 1 20 16" fill="#000" stroke="none"/><path d="M12 8V12" stroke="#fff" stroke-width="2"/><path d="M2 17.5H22" stroke-width="3"/>'),
};

export const ACCESS_ICONS = {
  // The International Symbol of Access, simplified.
  stepFree: svg('<circle cx="11" cy="3.5" r="2" fill="#000" stroke="none"/><path d="M11 6.5V13H17L19 19" stroke-width="2.4"/><path d="M11 9H16" stroke-width="2.2"/><path d="M8.2 10.5A6 6 0 1 0 15.4 17.5" stroke-width="2.2"/>'),
  // CC in a box.
  captions: svg('<rect x="2" y="5" width="20" height="14" rx="2" stroke-width="2.2"/><path d="M10.5 10A2.5 2.5 0 1 0 10.5 14M18 10A2.5 2.5 0 1 0 18 14" stroke-width="2"/>'),
  // An adult's hand holding a child's.
  childcare: svg('<circle cx="8" cy="4" r="2" fill="#000" stroke="none"/><circle cx="17" cy="9" r="1.6" fill="#000" stroke="none"/><path d="M8 7V14M8 14L6 21M8 14L10 21M8 9L13 12.5L17 12" stroke-width="2.2"/><path d="M17 12V16.5M17 16.5L15.5 21M17 16.5L18.5 21" stroke-width="2"/>'),
  // Two speech bubbles.
  interpretation: svg('<path d="M3 4H13V11H7L4 14V11H3Z" fill="#000" stroke="#000" stroke-width="1.5"/><path d="M11 13H21V20H20V23L17 20H11Z" fill="#fff" stroke-width="2"/>'),
  // An "i" in a circle.
  notes: svg('<circle cx="12" cy="12" r="9.5" stroke-width="2.2"/><path d="M12 11V17" stroke-width="2.6"/><circle cx="12" cy="7.5" r="1.4" fill="#000" stroke="none"/>'),
  // A calendar page.
  calendar: svg('<rect x="3" y="5" width="18" height="16" rx="1.5" stroke-width="2.2"/><path d="M3 10H21M8 3V7M16 3V7" stroke-width="2.2"/>'),
  // A map pin.
  place: svg('<path d="M12 22C8 16.5 5 13 5 9a7 7 0 0 1 14 0c0 4-3 7.5-7 13Z" fill="#000" stroke="none"/><circle cx="12" cy="9" r="2.6" fill="#fff" stroke="none"/>'),
  // A screen.
  online: svg('<rect x="2" y="4" width="20" height="13" rx="1.5" stroke-width="2.2"/><path d="M8 21H16M12 17V21" stroke-width="2.2"/>'),
  // A phone handset.
  phone: svg('<path d="M5 3H9L11 8L8.5 9.5A11 11 0 0 0 14.5 15.5L16 13L21 15V19A2 2 0 0 1 19 21A16 16 0 0 1 3 5A2 2 0 0 1 5 3Z" fill="#000" stroke="none"/>'),
  // A warning triangle.
  emergency: svg('<path d="M12 2.5L22.5 20.5H1.5Z" fill="#000" stroke="none"/><path d="M12 9V14" stroke="#fff" stroke-width="2.6"/><circle cx="12" cy="17.2" r="1.4" fill="#fff" stroke="none"/>'),
};
