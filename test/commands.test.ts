// Every meeting command, from chairs and from others: replies, items and state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCommandWords, COMMANDS } from '../src/core/commands.js';
import { GAVEL_TEXTS, withInfoUrl } from '../src/core/config.js';
import { chairList, itemsOf } from '../src/core/state.js';
import { feed, meeting, said, say, script, topics, T0 } from './support/meet.js';

function started(): ReturnType<typeof script> {
  const s = script();
  say(s, 'alice', '#startmeeting Weekly sync');
  return s;
}

const items = (s: ReturnType<typeof script>): string[] => itemsOf(meeting(s)).map((i) => `${i.kind} ${i.text} (${i.nick})`);

describe('item commands', () => {
  const cases: [string, string, string | undefined][] = [
    ['alice', '#action bob to write it', 'ACTION bob to write it (alice)'],
    ['gina', '#action gina can add actions', 'ACTION gina can add actions (gina)'],
    ['gina', '#info anyone may inform', 'INFO anyone may inform (gina)'],
    ['gina', '#idea an idea', 'IDEA an idea (gina)'],
    ['gina', '#help need help', 'HELP need help (gina)'],
    ['gina', '#halp alias', 'HELP alias (gina)'],
    ['gina', '#link http://x.org/ text', 'LINK http://x.org/ text (gina)'],
    ['alice', '#agreed ship', 'AGREED ship (alice)'],
    ['alice', '#agree alias', 'AGREED alias (alice)'],
    ['alice', '#accepted A', 'ACCEPTED A (alice)'],
    ['alice', '#accept A2', 'ACCEPTED A2 (alice)'],
    ['alice', '#rejected B', 'REJECTED B (alice)'],
    ['alice', '#reject B2', 'REJECTED B2 (alice)'],
    ['gina', '#agreed non-chair', undefined],
    ['gina', '#accepted non-chair', undefined],
    ['gina', '#rejected non-chair', undefined],
    ['gina', '#topic non-chair', undefined],
    ['alice', '#topic Next', 'TOPIC Next (alice)'],
    ['alice', '#INFO upper case', 'INFO upper case (alice)'],
    ['alice', '#info: colon', 'INFO : colon (alice)'],
    ['alice', '#info    spaces', 'INFO spaces (alice)'],
    ['alice', '#infofoo unknown', undefined],
    ['alice', '#1234 issue number', undefined],
    ['alice', '#channel', undefined],
    ['alice', '#', undefined],
    ['alice', '', undefined],
    ['alice', ' #info leading blank is trimmed', 'INFO leading blank is trimmed (alice)'],
    ['alice', '\x02#info\x02 bold before and inside', 'INFO bold before and inside (alice)'],
    ['alice', '\x0304,01#agreed coloured', 'AGREED coloured (alice)'],
    ['alice', 'look at http://x.org/ mid-line', undefined],
    ['gina', 'https://x.org/bare bare line', 'LINK https://x.org/bare bare line (gina)'],
    ['gina', 'HTTP://X.ORG/upper', undefined],
    ['gina', 'mailto:a@b.c', undefined],
    ['alice', '#info with a NUL \0 byte', 'INFO with a NUL \0 byte (alice)'],
  ];
  for (const [nick, text, expected] of cases) {
    it(`${nick}: ${JSON.stringify(text)} → ${expected ?? 'nothing'}`, () => {
      const s = started();
      say(s, nick, text);
      assert.deepEqual(items(s), expected === undefined ? [] : [expected]);
    });
  }

  it('a /me line is never a command', () => {
    const s = started();
    say(s, 'bob', '#info not a command', { action: true });
    assert.deepEqual(items(s), []);
    assert.equal(meeting(s).log.length, 5); // start line, 3 bot lines, the /me line
  });

  it('a 20 KB line is kept whole', () => {
    const s = started();
    const long = 'x'.repeat(20_000);
    say(s, 'alice', `#info ${long}`);
    assert.equal(itemsOf(meeting(s))[0]?.text, long);
  });

  it('a LINK item finds its URL without trailing . or )', () => {
    const s = started();
    say(s, 'g', '#link (https://x.org/paren).');
    say(s, 'g', '#link no url here');
    say(s, 'g', '#link javascript:alert(1)');
    assert.deepEqual(itemsOf(meeting(s)).map((i) => i.url), ['https://x.org/paren', undefined, undefined]);
  });
});

describe('#startmeeting and #endmeeting', () => {
  it('needs a name', () => {
    const s = script();
    assert.deepEqual(said(say(s, 'alice', '#startmeeting')), ["alice: Error: A meeting name is required, e.g., '#startmeeting Marketing Committee'"]);
    assert.equal(s.state.meeting, undefined);
  });

  it('starts with the banner, topic and name', () => {
    const s = script();
    const e = say(s, 'alice', '#startmeeting Weekly Sync');
    assert.deepEqual(said(e), [
      'Meeting started Mon Jan 15 10:00:01 2024 UTC.  The chair is alice. Information about MeetBot at http://wiki.debian.org/MeetBot.',
      'Useful Commands: #action #agreed #help #info #idea #link #topic.',
      "The meeting name has been set to 'weekly_sync'",
    ]);
    assert.deepEqual(topics(e), [' (Meeting topic: Weekly Sync)']);
  });

  it("says where to find information about the bot only when the community set a URL (Gavel's wording)", () => {
    const plain = script({ texts: GAVEL_TEXTS });
    const start = said(say(plain, 'alice', '#startmeeting x'));
    assert.equal(start[0], 'Meeting started Mon Jan 15 10:00:01 2024 UTC.  The chair is alice.');
    assert.ok(said(say(plain, 'alice', '#endmeeting')).includes('Meeting ended Mon Jan 15 10:00:02 2024 UTC. (v 0.1.0)'));
    const wiki = script({ texts: withInfoUrl(GAVEL_TEXTS, 'https://wiki.example.org/M') });
    assert.equal(said(say(wiki, 'alice', '#startmeeting x'))[0], 'Meeting started Mon Jan 15 10:00:01 2024 UTC.  The chair is alice. Information about Gavel at https://wiki.example.org/M .');
    assert.ok(said(say(wiki, 'alice', '#endmeeting')).includes('Meeting ended Mon Jan 15 10:00:02 2024 UTC. Information about Gavel at https://wiki.example.org/M . (v 0.1.0)'));
  });

  it('sanitises hostile names so that they cannot name a path', () => {
    const s = script();
    say(s, 'alice', '#startmeeting ../../etc/passwd');
    assert.equal(meeting(s).meetingName, '______etc_passwd');
  });

  it('refuses a second meeting in any letter case', () => {
    const s = started();
    for (const cmd of ['#startmeeting again', '#StartMeeting again']) {
      assert.deepEqual(said(say(s, 'bob', cmd)), ["bob: Error: Can't start another meeting, one is in progress.  Use #endmeeting first."]);
    }
    assert.equal(meeting(s).meetingName, 'weekly_sync');
  });

  it('ends by a chair; a non-chair only after the scheduled length', () => {
    const s = started();
    say(s, 'gina', '#endmeeting');
    assert.ok(s.state.meeting !== undefined, 'non-chair before 60 minutes is ignored');
    say(s, 'gina', '#endmeeting', { at: T0 + 61 * 60_000 });
    assert.equal(s.state.meeting, undefined);
    assert.equal(s.ended?.endReason, 'command');
  });

  it('says the end lines with the file links and restores the channel topic', () => {
    const s = script({ urlPrefix: 'https://m.example/' });
    say(s, 'alice', '#startmeeting x', { env: { channelTopic: 'old topic' } });
    const e = say(s, 'alice', '#endmeeting');
    assert.deepEqual(topics(e), ['old topic']);
    assert.deepEqual(said(e).slice(1), [
      'Minutes:        https://m.example/test/2024/test.2024-01-15-10.00.html',
      'Minutes (text): https://m.example/test/2024/test.2024-01-15-10.00.txt',
      'Log:            https://m.example/test/2024/test.2024-01-15-10.00.log.html',
    ]);
    assert.ok(e.some((x) => x.type === 'write' && x.reason === 'end'));
  });
});

describe('chairs', () => {
  it('#chair splits on commas and blanks, warns about absent nicks, sorts', () => {
    const s = started();
    const e = say(s, 'alice', '#chair bob, carol dave nothere', { env: { inChannel: (n) => n !== 'nothere' } });
    assert.deepEqual(said(e), ['Warning: Nick not in channel: nothere', 'Current chairs: alice bob carol dave nothere']);
  });

  it('the owner cannot be unchaired; non-chairs are ignored', () => {
    const s = started();
    say(s, 'alice', '#chair bob');
    assert.deepEqual(said(say(s, 'alice', '#unchair bob alice')), ['Current chairs: alice']);
    assert.deepEqual(said(say(s, 'gina', '#chair gina')), []);
    assert.deepEqual(chairList(meeting(s)), ['alice']);
  });

  it('a chair who changes nick stays chair', () => {
    const s = started();
    say(s, 'alice', '#chair bob');
    feed(s, { type: 'nick', time: s.time, from: 'bob', to: 'bob_' });
    say(s, 'bob_', '#agreed still chair');
    assert.deepEqual(items(s), ['AGREED still chair (bob_)']);
  });

  it('a chair identified by account is chair under any nick', () => {
    const s = script();
    say(s, 'alice', '#startmeeting x', { account: 'alice-acct' });
    say(s, 'ally', '#agreed by account', { account: 'alice-acct' });
    assert.deepEqual(items(s), ['AGREED by account (ally)']);
  });
});

describe('meeting topic, name, undo, lurk, save, restrictlogs, nick, commands', () => {
  it('#meetingtopic sets and clears the meeting topic', () => {
    const s = started();
    say(s, 'alice', '#topic T');
    assert.deepEqual(topics(say(s, 'alice', '#meetingtopic Big Meeting')), ['T (Meeting topic: Big Meeting)']);
    assert.deepEqual(topics(say(s, 'alice', '#meetingtopic none')), ['T']);
  });

  it('#meetingname is for chairs only (Gavel differs)', () => {
    const s = started();
    assert.deepEqual(said(say(s, 'gina', '#meetingname gina renames')), []);
    assert.deepEqual(said(say(s, 'alice', '#meetingname New Name')), ["The meeting name has been set to 'new_name'"]);
  });

  it('#undo removes the newest item and says which', () => {
    const s = started();
    say(s, 'alice', '#info keep');
    say(s, 'alice', '#info drop');
    assert.deepEqual(said(say(s, 'gina', '#undo')), []);
    assert.deepEqual(said(say(s, 'alice', '#undo')), ['Removing item from minutes: #info drop']);
    assert.deepEqual(items(s), ['INFO keep (alice)']);
    assert.deepEqual(said(say(s, 'alice', '#undo')), ['Removing item from minutes: #info keep']);
    assert.deepEqual(said(say(s, 'alice', '#undo')), []);
  });

  it('#lurk swallows replies and topic changes; #unlurk restores them', () => {
    const s = started();
    say(s, 'alice', '#lurk');
    const e = say(s, 'alice', '#chair bob');
    assert.deepEqual(said(e), []);
    assert.deepEqual(e.filter((x) => x.type === 'printed').length, 1);
    assert.deepEqual(topics(say(s, 'alice', '#topic hidden')), []);
    say(s, 'alice', '#unlurk');
    assert.deepEqual(topics(say(s, 'alice', '#topic shown')), ['shown (Meeting topic: Weekly sync)']);
  });

  it('#save asks for the files; #restrictlogs marks them private', () => {
    const s = started();
    assert.ok(say(s, 'alice', '#save').some((e) => e.type === 'write' && e.reason === 'save'));
    assert.ok(!say(s, 'gina', '#save').some((e) => e.type === 'write'));
    say(s, 'alice', '#restrictlogs');
    assert.equal(meeting(s).restrictLogs, true);
  });

  it('#nick adds attendees with no lines', () => {
    const s = started();
    say(s, 'gina', '#nick erin, gus');
    assert.deepEqual(meeting(s).extraNicks, ['erin', 'gus']);
  });

  it('#commands lists every name and alias of the command table, sorted', () => {
    const s = started();
    const words = COMMANDS.flatMap((c) => [c.name, ...c.aliases]).sort();
    assert.deepEqual(allCommandWords(), words);
    assert.deepEqual(said(say(s, 'gina', '#commands')), [`Available commands: ${words.map((w) => `#${w}`).join(' ')}`]);
  });
});

describe('votes', () => {
  it('runs a vote: one per voter, the last counts, abstain as an option, results in the given order', () => {
    const s = started();
    assert.deepEqual(said(say(s, 'gina', '#startvote Ship? Yes, No')), ['Only the meeting chair may start a vote.']);
    assert.deepEqual(said(say(s, 'alice', '#startvote no question mark')), ['Unable to parse vote topic and options.']);
    assert.deepEqual(said(say(s, 'alice', '#startvote Should we ship? Yes, No, Abstain')), [
      'Begin voting on: Should we ship? Valid vote options are Yes, No, Abstain.',
      "Vote using '#vote OPTION'. Only your last vote counts.",
    ]);
    assert.deepEqual(said(say(s, 'alice', '#startvote Another? A')), ["Already voting on 'Should we ship'"]);
    say(s, 'v1', '#vote yes');
    say(s, 'v2', '#vote No');
    say(s, 'v1', '#vote abstain');
    assert.deepEqual(said(say(s, 'v3', '#vote nope')), ['v3: nope is not a valid option. Valid options are Yes, No, Abstain.']);
    assert.deepEqual(said(say(s, 'v3', '#showvote')), ['No (1): v2', 'Abstain (1): v1']);
    assert.deepEqual(said(say(s, 'gina', '#endvote')), []);
    assert.deepEqual(said(say(s, 'alice', '#endvote')), ['Voted on "Should we ship?" Results are', 'No (1): v2', 'Abstain (1): v1']);
    assert.deepEqual(items(s), ['VOTE Voted on "Should we ship?" Results are, Yes: 0, No: 1, Abstain: 1 (alice)']);
  });

  it('defaults to Yes, No (MeetBot crashed here)', () => {
    const s = started();
    assert.deepEqual(said(say(s, 'alice', '#startvote Ready?')).slice(0, 1), ['Begin voting on: Ready? Valid vote options are Yes, No.']);
    say(s, 'bob', '#vote YES');
    say(s, 'alice', '#endvote');
    assert.deepEqual(items(s), ['VOTE Voted on "Ready?" Results are, Yes: 1, No: 0 (alice)']);
  });
});

describe('idle meetings', () => {
  it('a tick after the idle time ends the meeting and writes its files; an earlier one does nothing', () => {
    const s = script({ idleMinutes: 120, meetingLengthMinutes: 0 });
    say(s, 'alice', '#startmeeting x', { at: T0 });
    assert.deepEqual(feed(s, { type: 'tick', time: T0 + 119 * 60_000 }), []);
    const e = feed(s, { type: 'tick', time: T0 + 120 * 60_000 });
    assert.ok(e.some((x) => x.type === 'write' && x.reason === 'end'));
    assert.equal(s.state.meeting, undefined);
    assert.equal(s.ended?.endReason, 'idle');
  });
});
