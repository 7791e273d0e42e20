// The meeting as a pure step function: (state, event) → (state, effects). Live, replay and recovery all fold through here.
import { lookupCommand, parseCommand, type CommandSpec } from './commands.js';
import type { MeetingConfig } from './config.js';
import { startsWithUrl, findUrl } from './links.js';
import { appendLog, appendLogMany, emptyLog, isChair, NEW_TRACKING, sameNick, withLogLine, type Meeting } from './state.js';
import { bannerVars, Step } from './step.js';
import { reminderDue, reminderText, startListing, withSeries } from './tracking.js';
import { fillTemplate, normaliseText, stripFormatting } from './text.js';
import type { ChannelEnv, Effect, LineEvent, LoggedLine, MeetingEvent } from './types.js';
import { renameVoter } from './votes.js';

export interface ChannelState {
  readonly config: MeetingConfig;
  readonly meeting: Meeting | undefined;
}

export interface StepResult {
  readonly state: ChannelState;
  readonly effects: readonly Effect[];
  /** The meeting that this step ended, in its final form. */
  readonly ended?: Meeting;
}

export function initialState(config: MeetingConfig): ChannelState {
  return { config, meeting: undefined };
}

/** The line as the log keeps it: the event itself when its text needed no normalising (no copy per line). */
function logged(ev: LineEvent, text: string): LoggedLine {
  return text === ev.text ? ev : { time: ev.time, nick: ev.nick, kind: ev.kind, text };
}

function newMeeting(config: MeetingConfig, ev: LineEvent, text: string, env: ChannelEnv): Meeting {
  return {
    config,
    owner: ev.nick,
    ownerAccount: ev.account,
    chairs: [],
    chairAccounts: [],
    start: ev.time,
    lastTime: ev.time,
    meetingTopic: undefined,
    meetingName: '',
    currentTopic: '',
    log: appendLog(emptyLog(), logged(ev, text)),
    items: emptyLog(),
    nextItemId: 1,
    extraNicks: [],
    vote: undefined,
    lurk: false,
    restrictLogs: false,
    originalTopic: env.channelTopic,
    end: undefined,
    tracking: NEW_TRACKING,
    endReason: undefined,
  };
}

function allowed(spec: CommandSpec, s: Step): boolean {
  if (spec.who === 'admin') return s.m.config.admins.some((a) => sameNick(a, s.nick) || a === s.account);
  if (spec.who === 'anyone' || s.isChair) return true;
  return spec.who === 'chair-or-overtime' && s.time - s.m.start >= s.m.config.meetingLengthMinutes * 60_000;
}

function startMeeting(state: ChannelState, ev: LineEvent, text: string, arg: string, env: ChannelEnv): StepResult {
  const s = new Step(newMeeting(state.config, ev, text, env), ev.time, env);
  s.nick = ev.nick;
  s.account = ev.account;
  s.line = 1;
  s.isChair = true;
  for (const line of fillTemplate(state.config.texts.startBanner, bannerVars(s.m, ev.time)).split('\n')) s.reply(line);
  lookupCommand('meetingtopic')?.run(s, arg);
  lookupCommand('meetingname')?.run(s, arg);
  // The series is the channel and the meeting's name: known now that the name is set.
  s.m = withSeries(s.m, env.series?.(s.m.meetingName));
  for (const line of startListing(s.m)) s.reply(line);
  s.effects.unshift({ type: 'started', lineIndex: 1 });
  return { state: { ...state, meeting: s.m }, effects: s.effects };
}

/** Shared by every step that has no effect (most lines): nothing to allocate, nothing anyone may change. */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

/** A command starts with `#`, perhaps after formatting codes: most lines are ruled out by their first character. */
function mayBeCommand(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first !== 0x23 && first >= 0x20);
}

function stepLine(state: ChannelState, ev: LineEvent, env: ChannelEnv): StepResult {
  const text = normaliseText(ev.text);
  const isCommandLine = ev.kind === 'message' && ev.fromBot !== true;
  const cmd = isCommandLine && mayBeCommand(text) ? parseCommand(stripFormatting(text)) : undefined;
  const m0 = state.meeting;
  if (m0 === undefined) {
    if (cmd?.word !== 'startmeeting') return { state, effects: [] };
    if (cmd.arg.trim() === '') {
      return { state, effects: [{ type: 'error', nick: ev.nick, text: "A meeting name is required, e.g., '#startmeeting Marketing Committee'" }] };
    }
    return startMeeting(state, ev, text, cmd.arg, env);
  }
  const refusedStart = cmd?.word === 'startmeeting';
  // Live, a refused #startmeeting stays out of the log as MeetBot kept it out; a replayed log has what it has.
  const logIt = !(refusedStart && state.config.live);
  const log = logIt ? appendLog(m0.log, logged(ev, text)) : m0.log;
  // Ordinary talk only grows the log: no command context to build (most lines of a meeting).
  const urlLine = cmd === undefined && isCommandLine && startsWithUrl(text);
  if (cmd === undefined && !urlLine) {
    return { state: { config: state.config, meeting: withLogLine(m0, log, ev.time) }, effects: NO_EFFECTS };
  }
  const s = new Step(withLogLine(m0, log, ev.time), ev.time, env);
  s.nick = ev.nick;
  s.account = ev.account;
  s.line = s.m.log.length;
  s.isChair = isChair(s.m, ev.nick, ev.account);
  if (refusedStart) {
    s.error("Can't start another meeting, one is in progress.  Use #endmeeting first.");
  } else if (cmd !== undefined) {
    const spec = lookupCommand(cmd.word);
    if (spec !== undefined) {
      if (allowed(spec, s)) spec.run(s, cmd.arg);
      else if (spec.deniedReply !== undefined) s.reply(spec.deniedReply);
    }
  } else if (urlLine) {
    s.addItem('LINK', text, { url: findUrl(text) });
  }
  if (s.ended !== undefined) return { state: { ...state, meeting: undefined }, effects: s.effects, ended: s.ended };
  return { state: { ...state, meeting: s.m }, effects: s.effects };
}

function stepNick(state: ChannelState, from: string, to: string): StepResult {
  const m = state.meeting;
  if (m === undefined) return { state, effects: [] };
  const wasChair = sameNick(from, m.owner) || m.chairs.some((c) => sameNick(c, from));
  const chairs = wasChair && !m.chairs.some((c) => sameNick(c, to)) ? [...m.chairs.filter((c) => !sameNick(c, from)), to] : m.chairs;
  const vote = m.vote === undefined ? undefined : renameVoter(m.vote, from, to);
  return { state: { ...state, meeting: { ...m, chairs, vote } }, effects: [] };
}

function stepTick(state: ChannelState, time: number, env: ChannelEnv): StepResult {
  const m = state.meeting;
  if (m === undefined) return { state, effects: [] };
  const idleMs = m.config.idleMinutes * 60_000;
  if (idleMs > 0 && time - m.lastTime >= idleMs) {
    const s = new Step(m, time, env);
    s.nick = m.config.botNick;
    s.line = m.log.length;
    s.end('idle');
    return { state: { ...state, meeting: undefined }, effects: s.effects, ended: s.ended as Meeting };
  }
  if (reminderDue(m, time)) {
    const s = new Step(m, time, env);
    s.nick = m.config.botNick;
    s.line = m.log.length;
    s.update({ tracking: { ...m.tracking, reminded: true } });
    s.reply(reminderText(s.m));
    return { state: { ...state, meeting: s.m }, effects: s.effects };
  }
  return { state, effects: [] };
}

/** What is known of the channel when the caller knows nothing: shared, as nothing may change it. */
const NO_ENV: ChannelEnv = Object.freeze({});

export function step(state: ChannelState, event: MeetingEvent, env: ChannelEnv = NO_ENV): StepResult {
  switch (event.type) {
    case 'line':
      return stepLine(state, event, env);
    case 'nick':
      return stepNick(state, event.from, event.to);
    case 'tick':
      return stepTick(state, event.time, env);
  }
}

/**
 * The line as the log keeps it, if stepping it only appends it (ordinary talk in a meeting, as
 * stepLine's fast path sees it); undefined if stepping it may do more. A replay gathers a run of such
 * lines and applies them with appendLines: one new meeting for the run rather than one per line.
 */
export function ordinaryLine(state: ChannelState, ev: LineEvent): LoggedLine | undefined {
  if (state.meeting === undefined) return undefined;
  const text = normaliseText(ev.text);
  if (ev.kind === 'message' && ev.fromBot !== true) {
    if (mayBeCommand(text) && parseCommand(stripFormatting(text)) !== undefined) return undefined;
    if (startsWithUrl(text)) return undefined;
  }
  return logged(ev, text);
}

/** The state that stepping each line of the run (from ordinaryLine, in order) gives, made at once. */
export function appendLines(state: ChannelState, lines: readonly LoggedLine[]): ChannelState {
  const m = state.meeting;
  const last = lines[lines.length - 1];
  if (m === undefined || last === undefined) return state;
  return { config: state.config, meeting: withLogLine(m, appendLogMany(m.log, lines), last.time) };
}

/** A log that stops without #endmeeting: the meeting ends at its last line. */
export function finish(state: ChannelState): Meeting | undefined {
  const m = state.meeting;
  if (m === undefined) return undefined;
  return { ...m, end: m.lastTime, endReason: 'eof' };
}
