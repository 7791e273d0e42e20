// Which attendees an action item names: whole words, any letter case, Unicode-aware.

const WORD = '[\\p{L}\\p{N}\\p{M}_]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for one nick. A nick is found where it is not glued to other letters or digits, so `bob`
 * matches `BOB's` but not `bobby`, and `zed[m]` or `Zoë` match too (MeetBot's ASCII \b missed them).
 */
export function nickMatcher(nick: string): (text: string) => boolean {
  if (nick === '') return () => false;
  const re = new RegExp(`(?<!${WORD})${escapeRegExp(nick)}(?!${WORD})`, 'iu');
  return (text) => re.test(text);
}
