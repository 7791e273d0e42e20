// The golden cases run as live meetings: every reply and topic change as the reference bot made them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { formatLog } from '../src/core/logformat.js';
import { minutesModel } from '../src/core/minutes.js';
import { replayEvents } from '../src/core/replay.js';
import { readLog } from '../src/core/logreader.js';
import { logLines } from '../src/core/state.js';
import { renderTextMinutes } from '../src/render/textminutes.js';
import { runLive } from './support/live.js';
import { GOLDEN_CASES, requireShared } from './support/paths.js';

before(requireShared);

/** Where Gavel replies differently on purpose (meetbot-compat.md, "Gavel differs"). */
const DOCUMENTED: Record<string, { replies: string[]; logLines: string[] }> = {
  // #meetingname is chair-only in Gavel; gina is not a chair.
  'edge-commands': {
    replies: ["2024-01-15 10:06:40 REPLY The meeting name has been set to 'gina_renames_it'"],
    logLines: ["10:06:40 <MeetBot> The meeting name has been set to 'gina_renames_it'"],
  },
};

describe('golden cases as live meetings', () => {
  for (const c of GOLDEN_CASES) {
    describe(c.name, () => {
      const run = runLive(c);
      const doc = DOCUMENTED[c.name] ?? { replies: [], logLines: [] };

      it('replies and sets topics exactly as replies.txt, but for the documented differences', () => {
        const reference = readFileSync(join(c.dir, 'replies.txt'), 'utf8').replace(/\n$/, '').split('\n');
        for (const d of doc.replies) assert.ok(reference.includes(d), `documented difference still in the reference: ${d}`);
        assert.deepEqual(run.replies, reference.filter((l) => !doc.replies.includes(l)));
      });

      it('logs the meeting as expected.log.txt, the bot lines included', () => {
        assert.ok(run.meeting !== undefined);
        const expected = readFileSync(join(c.dir, 'expected.log.txt'), 'utf8').split('\n').filter((l) => !doc.logLines.includes(l));
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
