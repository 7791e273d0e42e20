// The golden cases run as live meetings: every reply and topic change as the reference bot made them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { allCommandWords } from '../src/core/commands.js';
import { formatLog } from '../src/core/logformat.js';
import { minutesModel } from '../src/core/minutes.js';
import { replayEvents } from '../src/core/replay.js';
import { readLog } from '../src/core/logreader.js';
import { logLines } from '../src/core/state.js';
import { renderTextMinutes } from '../src/render/textminutes.js';
import { runLive } from './support/live.js';
import { GOLDEN_CASES, requireShared } from './support/paths.js';

before(requireShared);

const MEETBOT_COMMANDS =
  'Available commands: #accept #accepted #action #agree #agreed #chair #commands #endmeeting #endvote #halp #help #idea #info #link #lurk #meetingname #meetingtopic #nick #reject #rejected #restrictlogs #save #showvote #startmeeting #startvote #topic #unchair #undo #unlurk #vote';
const GAVEL_COMMANDS = `Available commands: ${allCommandWords().map((w) => `#${w}`).join(' ')}`;

/** Where Gavel replies differently on purpose (meetbot-compat.md, "Gavel differs", and the README). */
const DOCUMENTED: Record<string, { replies: string[]; logLines: string[]; changed?: [string, string][] }> = {
  // #meetingname is chair-only in Gavel; gina is not a chair.
  'edge-commands': {
    replies: ["2024-01-15 10:06:40 REPLY The meeting name has been set to 'gina_renames_it'"],
    logLines: ["10:06:40 <MeetBot> The meeting name has been set to 'gina_renames_it'"],
    // #commands lists Gavel's commands, MeetBot's and the ones it adds (#done, #actions, #edit, …).
    changed: [
      [`2024-01-15 10:06:50 REPLY ${MEETBOT_COMMANDS}`, `2024-01-15 10:06:50 REPLY ${GAVEL_COMMANDS}`],
      [`10:06:50 <MeetBot> ${MEETBOT_COMMANDS}`, `10:06:50 <MeetBot> ${GAVEL_COMMANDS}`],
    ],
  },
};

function applyChanges(lines: string[], changed: readonly [string, string][] = []): string[] {
  assert.ok(changed.length === 0 || changed.some(([from]) => lines.includes(from)), 'a documented change is still in the reference');
  return lines.map((l) => changed.find(([from]) => from === l)?.[1] ?? l);
}

describe('golden cases as live meetings', () => {
  for (const c of GOLDEN_CASES) {
    describe(c.name, () => {
      const run = runLive(c);
      const doc = DOCUMENTED[c.name] ?? { replies: [], logLines: [] };

      it('replies and sets topics exactly as replies.txt, but for the documented differences', () => {
        const reference = readFileSync(join(c.dir, 'replies.txt'), 'utf8').replace(/\n$/, '').split('\n');
        for (const d of doc.replies) assert.ok(reference.includes(d), `documented difference still in the reference: ${d}`);
        assert.deepEqual(run.replies, applyChanges(reference.filter((l) => !doc.replies.includes(l)), doc.changed));
      });

      it('logs the meeting as expected.log.txt, the bot lines included', () => {
        assert.ok(run.meeting !== undefined);
        const expected = applyChanges(readFileSync(join(c.dir, 'expected.log.txt'), 'utf8').split('\n').filter((l) => !doc.logLines.includes(l)), doc.changed);
        assert.deepEqual(formatLog(logLines(run.meeting), 'UTC').split('\n'), expected);
      });

      it("gives the same minutes as a replay of its own log (one fold for live and replay)", () => {
        const m = run.meeting!;
        const own = formatLog(logLines(m), 'UTC');
        const { events } = readLog(own, c.date, 'UTC');
        const replayed = replayEvents({ ...m.config, live: false }, events).meetings[0]!;
        assert.equal(renderTextMinutes(minutesModel(replayed)), renderTextMinutes(minutesModel(m)));
        assert.equal(formatLog(logLines(replayed), 'UTC'), own);
      });
    });
  }
});
