// One step's work in progress: the meeting as commands change it, the effects they produce, the bot's replies.
import type { CommandContext } from './context.js';
import { formatsOf, joinUrl, type OutputFormat } from './config.js';
import { meetingBasePath } from './names.js';
import { appendLog, type Meeting } from './state.js';
import { fillTemplate } from './text.js';
import { asctime, zoneAbbrev } from './time.js';
import type { ChannelEnv, Effect, Item, ItemKind } from './types.js';

/** The files' base path and the URL prefix joined: what replies and minutes link to. */
export function meetingUrls(m: Meeting): { base: string; url: (ext: string) => string } {
  const base = meetingBasePath(m.config.filePattern, {
    channel: m.config.channel,
    network: m.config.network,
    meetingName: m.meetingName,
    start: m.start,
    timezone: m.config.timezone,
  });
  return { base, url: (ext) => joinUrl(m.config.urlPrefix, base + ext) };
}

export function bannerVars(m: Meeting, time: number): Record<string, string> {
  const { texts, timezone } = m.config;
  return {
    asctime: asctime(time, timezone),
    tz: zoneAbbrev(time, timezone),
    owner: m.owner,
    botName: texts.botName,
    infoUrl: texts.infoUrl,
    info: texts.infoUrl === '' ? '' : ` Information about ${texts.botName} at ${texts.infoUrl} .`,
    version: texts.version,
  };
}

/** Builds one step: collects effects and the new meeting, appending the bot's replies in live mode. */
export class Step implements CommandContext {
  readonly effects: Effect[] = [];
  ended: Meeting | undefined;
  isChair = false;
  nick = '';
  account: string | undefined;
  line = 0;

  constructor(
    public m: Meeting,
    readonly time: number,
    readonly env: ChannelEnv,
  ) {}

  update(patch: Partial<Meeting>): void {
    this.m = { ...this.m, ...patch };
  }

  private say(text: string, effect: Effect): void {
    if (this.ended !== undefined) {
      this.effects.push(effect);
    } else if (this.m.lurk) {
      this.effects.push({ type: 'printed', text });
    } else {
      this.effects.push(effect);
      if (this.m.config.live) {
        const log = appendLog(this.m.log, { time: this.time, nick: this.m.config.botNick, kind: 'message' as const, text });
        this.update({ log });
      }
    }
  }

  reply(text: string): void {
    this.say(text, { type: 'reply', text });
  }

  error(text: string): void {
    this.say(`${this.nick}: Error: ${text}`, { type: 'error', nick: this.nick, text });
  }

  showTopic(): void {
    if (this.m.lurk) return;
    const { currentTopic, meetingTopic } = this.m;
    const text = meetingTopic !== undefined ? `${currentTopic} (Meeting topic: ${meetingTopic})` : currentTopic;
    this.effects.push({ type: 'topic', text });
  }

  addItem(kind: ItemKind, text: string, extra?: Partial<Item>): void {
    const item: Item = { id: this.m.nextItemId, kind, text, nick: this.nick, time: this.time, line: this.line, ...extra };
    // Appended to the shared log, as lines are: a copy per item would be quadratic (a meeting of 2,000
    // items copied 2 million references, most of a long replay's garbage).
    this.update({ items: appendLog(this.m.items, item), nextItemId: this.m.nextItemId + 1 });
  }

  write(reason: 'save' | 'end'): void {
    this.effects.push({ type: 'write', reason });
  }

  end(reason: 'command' | 'idle'): void {
    const m = { ...this.m, end: this.time, endReason: reason } satisfies Meeting;
    this.m = m;
    this.write('end');
    if (m.originalTopic !== undefined && !m.lurk) this.effects.push({ type: 'topic', text: m.originalTopic });
    this.ended = m;
    const { url } = meetingUrls(m);
    // MeetBot's three links, each only if the meeting writes that file (a community may choose fewer).
    const formats = formatsOf(m.config);
    const links: [OutputFormat, string][] = [
      ['html', `Minutes:        ${url('.html')}`],
      ['txt', `Minutes (text): ${url('.txt')}`],
      ['log.html', `Log:            ${url('.log.html')}`],
    ];
    const lines = [
      ...fillTemplate(m.config.texts.endBanner, bannerVars(m, this.time)).split('\n'),
      ...links.filter(([f]) => formats.includes(f)).map(([, line]) => line),
    ];
    for (const text of lines) this.reply(text);
    this.effects.push({ type: 'ended', lineIndex: this.line });
  }
}
