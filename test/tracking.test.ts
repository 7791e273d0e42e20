// Beyond MeetBot in the core: action numbers across a series, #done, #actions, #assign, corrections, reminders, take-over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChannelEnv, OpenAction, SeriesContext } from '../src/core/types.js';
import { minutesModel } from '../src/core/minutes.js';
import { renderTextMinutes } from '../src/render/textminutes.js';
import { feed, meeting, said, say, script, T0 } from './support/meet.js';
import { itemsOf } from '../src/core/state.js';

const DAY = 86_400_000;
const earlier: OpenAction[] = [
  { ref: 'A1', text: 'alice writes the release notes', nick: 'bob', time: T0 - 7 * DAY },
  { ref: 'A2', text: 'carol and dave review the spec', nick: 'carol', time: T0 - 7 * DAY },
  { ref: 'A4', text: 'the installer needs an owner', nick: 'bob', time: T0 - 7 * DAY, assignee: 'erin' },
];
const series = (ctx: Partial<SeriesContext> = {}): ChannelEnv => ({ series: (name) => (name === 'weekly' ? { nextAction: 5, open: earlier, ...ctx } : undefined) });

describe('action items across a series', () => {
  it('lists the open items of earlier meetings at #startmeeting and numbers new ones after the series', () => {
    const s = script();
    const start = said(say(s, 'alice', '#startmeeting weekly', { env: series() }));
    assert.deepEqual(start.slice(-4), [
      'Open action items from earlier meetings (#done A1 to close one):',
      'A1 alice writes the release notes [2024-01-08]',
      'A2 carol and dave review the spec [2024-01-08]',
      'A4 the installer needs an owner (for erin) [2024-01-08]',
    ]);
    say(s, 'bob', '#action frank packs the release');
    say(s, 'bob', '#action gina tests it');
    assert.deepEqual(itemsOf(meeting(s)).map((i) => i.ref), ['A5', 'A6']);
  });

  it('a lone meeting (no series known) starts at A1 and lists nothing', () => {
    const s = script();
    assert.ok(!said(say(s, 'alice', '#startmeeting other')).some((l) => l.startsWith('Open action items')));
    say(s, 'alice', '#action x');
    assert.equal(itemsOf(meeting(s))[0]?.ref, 'A1');
  });

  it('says at most ten lines at the start, then a link to the full list', () => {
    const many = Array.from({ length: 25 }, (_, i): OpenAction => ({ ref: `A${i + 1}`, text: `task ${i + 1}`, nick: 'bob', time: T0 - DAY }));
    const s = script();
    const lines = said(say(s, 'alice', '#startmeeting weekly', { env: series({ open: many, nextAction: 26, listUrl: 'https://m.example.org/x/actions.html' }) }));
    const list = lines.slice(lines.indexOf('Open action items from earlier meetings (#done A1 to close one):') + 1);
    assert.equal(list.length, 10);
    assert.equal(list.at(-1), '… and 16 more: https://m.example.org/x/actions.html');
  });

  it('#done: your own or, as a chair, any; the minutes keep the closures', () => {
    const s = script();
    say(s, 'alice', '#startmeeting weekly', { env: series() });
    assert.deepEqual(said(say(s, 'mallory', '#done A1')), ['mallory: Error: only a chair or the people A1 names may close it']);
    assert.deepEqual(said(say(s, 'dave', '#done a2 merged upstream')), ['A2 is done: carol and dave review the spec (merged upstream)']);
    assert.deepEqual(said(say(s, 'erin', '#done A4')), ['A4 is done: the installer needs an owner']);
    assert.deepEqual(said(say(s, 'alice', '#done A2')), ['alice: Error: A2 is already done']);
    assert.deepEqual(said(say(s, 'alice', '#done A9')), ['alice: Error: there is no open action item A9 in this series']);
    assert.deepEqual(said(say(s, 'alice', '#done soon')), ["alice: Error: #done takes an action item number such as A12, then an optional note; got 'soon'"]);
    say(s, 'bob', '#action bob fixes the build');
    assert.deepEqual(said(say(s, 'bob', '#done A5')), ['A5 is done: bob fixes the build']);
    assert.deepEqual(meeting(s).tracking.closed.map((c) => [c.ref, c.by, c.note]), [['A2', 'dave', 'merged upstream'], ['A4', 'erin', ''], ['A5', 'bob', '']]);
  });

  it('#actions lists what is open, or one person’s', () => {
    const s = script();
    say(s, 'alice', '#startmeeting weekly', { env: series() });
    say(s, 'bob', '#action carol updates the docs');
    say(s, 'alice', '#done A1');
    assert.deepEqual(said(say(s, 'zed', '#actions')), [
      'Open action items (3):',
      'A2 carol and dave review the spec [2024-01-08]',
      'A4 the installer needs an owner (for erin) [2024-01-08]',
      'A5 carol updates the docs [2024-01-15]',
    ]);
    assert.deepEqual(said(say(s, 'zed', '#actions Carol')), ['Open action items for Carol (2):', 'A2 carol and dave review the spec [2024-01-08]', 'A5 carol updates the docs [2024-01-15]']);
    assert.deepEqual(said(say(s, 'zed', '#actions nobody')), ['No open action items for nobody.']);
  });

  it('#assign gives an action of this meeting to someone; chairs only', () => {
    const s = script();
    say(s, 'alice', '#startmeeting weekly', { env: series() });
    say(s, 'bob', '#action someone updates the website');
    assert.deepEqual(said(say(s, 'bob', '#assign A5 gina')), []);
    assert.deepEqual(said(say(s, 'alice', '#assign A5 gina')), ['A5 is assigned to gina: someone updates the website']);
    assert.equal(itemsOf(meeting(s))[0]?.assignee, 'gina');
    assert.deepEqual(said(say(s, 'gina', '#done A5')), ['A5 is done: someone updates the website']);
    assert.deepEqual(said(say(s, 'alice', '#assign A1 gina')), ['alice: Error: A1 is from an earlier meeting: close it with #done and record a new #action']);
    assert.deepEqual(said(say(s, 'alice', '#assign A5')), ["alice: Error: #assign takes an action item number and one nick, e.g. '#assign A12 alice'"]);
  });
});

describe('corrections', () => {
  it('#undo ID removes any item, by number or action number; #undo alone the newest; chairs only', () => {
    const s = script();
    say(s, 'alice', '#startmeeting x');
    say(s, 'bob', '#info one');
    say(s, 'bob', '#action bob two');
    say(s, 'bob', '#info three');
    assert.deepEqual(said(say(s, 'bob', '#undo 1')), []);
    assert.deepEqual(said(say(s, 'alice', '#undo 1')), ['Removing item from minutes: #info one']);
    assert.deepEqual(said(say(s, 'alice', '#undo A1')), ['Removing item from minutes: #action A1 bob two']);
    assert.deepEqual(said(say(s, 'alice', '#undo 7')), ["alice: Error: there is no item 7 in this meeting's minutes (items are numbered 1, 2, …; actions A1, A2, …)"]);
    assert.deepEqual(said(say(s, 'alice', '#undo')), ['Removing item from minutes: #info three']);
    assert.deepEqual(itemsOf(meeting(s)), []);
  });

  it('#edit of an action names it once: by its number, not again in its text', () => {
    const s = script();
    say(s, 'alice', '#startmeeting x');
    say(s, 'alice', '#action bob packs it');
    assert.deepEqual(said(say(s, 'alice', '#edit A1 bob packs it by Friday')), ['Item A1 now reads: #action bob packs it by Friday']);
  });

  it('#edit replaces an item’s text; the log keeps the original and the correction', () => {
    const s = script();
    say(s, 'alice', '#startmeeting x');
    say(s, 'alice', '#chair bob');
    say(s, 'bob', '#agreed shpi it');
    assert.deepEqual(said(say(s, 'alice', '#edit 1 ship it')), ['Item 1 now reads: #agreed ship it']);
    assert.deepEqual(said(say(s, 'alice', '#edit 2 nothing')), ["alice: Error: there is no item 2 in this meeting's minutes"]);
    assert.deepEqual(said(say(s, 'alice', '#edit 1')), ["alice: Error: #edit takes an item number and the new text, e.g. '#edit 5 the corrected text'"]);
    assert.deepEqual(said(say(s, 'carol', '#edit 1 carol was here')), []);
    const m = meeting(s);
    const minutes = renderTextMinutes(minutesModel(m));
    assert.match(minutes, /\* AGREED: ship it {2}\(bob, /);
    assert.doesNotMatch(minutes, /AGREED: shpi it/);
    const typed = m.log.buf.findIndex((l) => l.text === '#agreed shpi it') + 1;
    assert.ok(typed > 0);
    assert.deepEqual(itemsOf(m).map((i) => [i.kind, i.text, i.nick, i.line]), [['AGREED', 'ship it', 'bob', typed]]);
    assert.ok(m.log.buf.some((l) => l.text === '#edit 1 ship it'));
  });
});

describe('no runaway meetings', () => {
  it('reminds once when the scheduled length is reached; the length is then open to anyone’s #endmeeting', () => {
    const s = script({ meetingLengthMinutes: 30, idleMinutes: 0 });
    say(s, 'alice', '#startmeeting x', { at: T0 });
    assert.deepEqual(feed(s, { type: 'tick', time: T0 + 29 * 60_000 }), []);
    assert.deepEqual(said(feed(s, { type: 'tick', time: T0 + 30 * 60_000 })), ['This meeting has reached its scheduled length of 30 minutes; anyone may #endmeeting now.']);
    assert.deepEqual(feed(s, { type: 'tick', time: T0 + 31 * 60_000 }), [], 'only once');
    assert.ok(said(say(s, 'nobody', '#endmeeting', { at: T0 + 32 * 60_000 })).some((l) => l.startsWith('Meeting ended')));
  });

  it('a configured admin may take over and end any meeting; others may not take over', () => {
    const s = script({ admins: ['root'] });
    say(s, 'alice', '#startmeeting x');
    assert.deepEqual(said(say(s, 'bob', '#takeover')), []);
    assert.deepEqual(said(say(s, 'root', '#takeover')), ['root takes over the meeting from alice.']);
    assert.equal(meeting(s).owner, 'root');
    assert.ok(meeting(s).chairs.includes('alice'));
    assert.ok(said(say(s, 'root', '#endmeeting')).some((l) => l.startsWith('Meeting ended')));
  });
});

describe('chairs known by their account', () => {
  it('an owner who was logged in is known by the account, whatever the nick; a nick alone is not enough', () => {
    const s = script();
    say(s, 'alice', '#startmeeting x', { account: 'alice' });
    assert.deepEqual(said(say(s, 'alice', '#topic by an impostor on alice’s nick')), []);
    assert.equal(itemsOf(meeting(s)).length, 0);
    say(s, 'zed', '#topic by alice under another nick', { account: 'alice' });
    assert.deepEqual(itemsOf(meeting(s)).map((i) => i.text), ['by alice under another nick']);
    const anon = script();
    say(anon, 'bob', '#startmeeting y');
    say(anon, 'bob', '#topic by nick, as MeetBot did');
    assert.equal(itemsOf(meeting(anon)).length, 1);
  });
});
